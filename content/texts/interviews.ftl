# Guided interviews: hiring a head of sales («Собеседование РОПа»), CustDev, the business audit.
# HTML. { $name } placeholders are filled by the code; user-provided values are escaped before.
# Script content (questions, competencies, rubrics, audit items) lives in content/interviews/*.yaml.

## Candidate links, as the candidate sees them
interview-link-revoked-for-candidate = Ссылка отозвана. Попросите у компании новую.
interview-link-used = Ссылка уже использована. Если это были не вы, сообщите компании.
interview-link-expired-for-candidate = Срок действия ссылки истёк. Попросите у компании новую.

## The scorecard's verdict (engine/scorecard.py); reasons are plain text, escaped when shown
interview-recommendation-hire = Нанимать
interview-recommendation-discuss = Обсудить
interview-recommendation-reject = Не нанимать
interview-confidence-high = высокая
interview-confidence-medium = средняя
interview-confidence-low = низкая
interview-reason-critical-flag = Критический красный флаг: «{ $flag }» ({ $competency }).
interview-reason-key-rated-low = Оценка { $rating } по ключевой компетенции: { $titles }.
interview-reason-many-flags = Красных флагов: { $count } — больше { $limit }, разберите их до решения.
interview-reason-nothing-rated = Ни одна компетенция не оценена — оценку поставить не из чего.
interview-reason-reject = Взвешенная оценка { $total } из { $max } ({ $percent }) — ниже { $threshold }: с такой оценкой кандидат не подходит.
interview-reason-low-but-thin = Взвешенная оценка { $total } из { $max } ({ $percent }) — низкая, но оценено меньше половины компетенций (по весу): для отказа данных мало, продолжите собеседование.
interview-reason-hire-mark-reached = Взвешенная оценка { $total } из { $max } ({ $percent }) — не ниже порога найма { $threshold }.
interview-reason-hire-mark-missed = Взвешенная оценка { $total } из { $max } ({ $percent }) — ниже порога найма { $threshold }.
interview-reason-coverage = Оценено { $coverage } компетенций по весу — для решения о найме нужно не меньше { $needed }.
interview-reason-not-rated = Не оценены: { $titles }.
interview-reason-not-rated-confidence = Не оценены: { $titles } — уверенность в оценке { $confidence }.
interview-candidate-number = Кандидат { $number }

## The audit's scoring (engine/audit.py): plain text, escaped when shown
interview-audit-capped = { $reason } Оценка снижена с { $given } до { $capped }.
interview-audit-requirement-missing = Нет пункта «{ $title }» — проверять нечего, ставится 0.
interview-audit-verdict-nothing = Пока ничего не проверено.
interview-audit-verdict-systemic = Бизнес работает системно — осталось закрыть отдельные пробелы.
interview-audit-verdict-partial = Система есть частично — многое держится на людях, а не на правилах.
interview-audit-verdict-none = Системы почти нет — бизнес держится на собственнике и отдельных сотрудниках.
interview-audit-gap = «{ $title }» — { $score } из { $max }
interview-audit-programme-reason = Закрывает слабые места: { $items }.
interview-audit-programme-reason-more = Закрывает слабые места: { $items } и ещё { $more }.

## Interview cards (engine/cards.py): one screen per competency, question or audit item
interview-card-competency = Компетенция { $position } из { $total } · вес { $weight }
interview-card-competency-key = Компетенция { $position } из { $total } · вес { $weight } · ключевая
interview-card-ask = <b>Спросите</b>
# Headings of hint blocks; the code makes them bold
interview-card-follow-ups = Уточняйте
interview-card-listen-for = Что слушать
interview-card-red-flags = Красные флаги
interview-card-how-to-rate = <b>Как оценить</b>
# A work sample's material (hiring.yaml `exhibit`) and a reference check's questions (`referee_questions`)
interview-card-exhibit = 📋 <b>Покажите кандидату: { $title }</b>
interview-card-referee = <b>Спросите бывшего руководителя или коллегу</b> — до итогов, собеседование подождёт в /interviews
interview-your-rating = Ваша оценка: <b>{ $rating }</b> — { $meaning }
interview-card-salary = <b>Ожидания по доходу</b> · не оценивается
interview-card-salary-answer = Ответ: { $answer }
interview-candidate-question-position = Вопрос { $position } из { $total }
interview-candidate-how-to-answer = Ответьте текстом или голосовым сообщением. Чем конкретнее — примеры, цифры, — тем лучше.
interview-review-voice = 🎤 Голосовой ответ — нажмите «Прослушать ответ».
interview-review-no-answer = Кандидат не ответил.
interview-review-position = Ответ { $position } из { $total } · { $title }
interview-custdev-question-position = Вопрос { $position } из { $total } · { $section }
interview-custdev-avoid = ⚠️ Не спрашивайте: { $question }
interview-custdev-suggested-tags = Возможные теги: { $tags }
interview-audit-item-position = Пункт { $position } из { $total } · { $department }

## Results in the chat (engine/render.py)
interview-trailer-excel = … Полная версия — в выгрузке Excel.
interview-no-ratings = нет оценок
interview-total = { $total } из { $max } ({ $percent })
interview-salary-none = не названы
interview-not-rated = не оценено
interview-scorecard-title = <b>Оценка кандидата</b>
interview-scorecard-title-named = <b>Оценка кандидата: { $name }</b>
interview-scorecard-recommendation = { $icon } Рекомендация: <b>{ $recommendation }</b>
interview-scorecard-total = Итог: <b>{ $total }</b> · уверенность: { $confidence }
interview-scorecard-salary = 💰 Ожидания по доходу: { $salary }
interview-scorecard-why = <b>Почему</b>
interview-scorecard-strengths = Сильные стороны: { $titles }
interview-scorecard-weaknesses = Слабые места: { $titles }
interview-scorecard-competencies = <b>Компетенции</b> (★ — ключевая, ×N — вес)
interview-scorecard-flag-critical = <b>(критический)</b>
# The evidence under each score (engine/evidence.py): plain text, escaped in the chat
interview-evidence-answer = Ответ кандидата: «{ $answer }»
interview-evidence-note = Заметки: { $note }
interview-evidence-voice = Голосовой ответ, { $duration } — прослушать в чате с ботом
interview-evidence-voice-unknown = Голосовой ответ — прослушать в чате с ботом
interview-evidence-flag = Красный флаг: { $flag }
interview-comparison-empty = Пока нет оценённых кандидатов — проведите собеседование командой /interview.
interview-comparison-title = <b>Сравнение кандидатов</b> (лучшие — выше)
interview-comparison-line = { $place }. { $icon } <b>{ $name }</b> — { $recommendation }, { $total }; флагов: { $flags } (критических: { $critical }); доход: { $salary }
interview-comparison-more = …и ещё { $count } — все кандидаты есть в выгрузке Excel.
interview-comparison-by-competency = <b>По компетенциям</b> — оценки в порядке списка выше, лучшие выделены
interview-audit-not-checked = не проверено
interview-audit-points = { $points } из { $max } ({ $percent })
interview-audit-title = <b>Аудит системности: { $points }</b>
interview-audit-by-department = <b>По отделам</b>
interview-audit-weakest = <b>Слабые места</b>
interview-audit-weak-item = • { $title } — { $score } из { $max }: { $level }{ $note }
interview-audit-programme = <b>Рекомендуемая программа обучения</b>
interview-audit-no-gaps = Системных пробелов не нашлось — обучение можно выбрать по желанию команды.
interview-audit-unchecked = Не проверено: { $titles }
interview-answer-voice = 🎤 голосовой ответ
interview-answer-empty = (пустой ответ)
interview-summary-title = <b>Итоги интервью</b>
interview-summary-title-named = <b>Итоги интервью: { $name }</b>
interview-summary-counts =
    { $answers ->
        [one] { $answers } ответ
        [few] { $answers } ответа
       *[many] { $answers } ответов
    }, вопросов затронуто: { $answered } из { $total }
interview-summary-tags = Теги: { $tags }
interview-summary-untagged = Без тегов: { $count } — отметьте их, чтобы они попали в итоги.
interview-summary-missed-sections = Не затронуты разделы: { $sections }
interview-summary-more = …и ещё { $count }
interview-summary-next-step = <b>Следующий шаг</b>
interview-summary-referrals = <b>Кого порекомендовали</b>
interview-summary-no-next-step = ⚠️ Следующий шаг не записан — договоритесь о нём, иначе разговор ничем не закончился.
interview-insights-empty = Пока нет ни одного интервью — начните командой /custdev.
interview-insights-title = <b>Итоги CustDev: { $count } интервью</b>
interview-insights-tag-frequency = <b>Как часто звучали теги</b>
interview-insights-tag-unused = • { $label } — не отмечено
interview-insights-tag =
    • { $label } — { $answers ->
        [one] { $answers } ответ
        [few] { $answers } ответа
       *[many] { $answers } ответов
    } в { $interviews } из { $total } интервью
interview-insights-pains = <b>Боли</b>
interview-insights-values = <b>Ценности</b>
interview-insights-theme = { $place }. { $label } — в { $interviews } из { $total } интервью
interview-insights-kcv = <b>Кандидаты в ККЦ</b>
interview-insights-kcv-definition = <i>ККЦ — не более трёх ценностей для клиентов, в которых вы можете стать лучшими. Решите, в каких из кандидатов это под силу вашей компании.</i>
interview-insights-kcv-none = Пока ни одну ценность не назвали хотя бы в двух интервью — проведите ещё интервью.
interview-insights-quote = <i>«{ $text }»</i> — { $who }
interview-quote-interview = интервью { $number }

## Excel exports (engine/export.py): sheet names and captions, plain text
interview-xlsx-yes = да
interview-xlsx-critical = (критический)
interview-xlsx-sheet-scorecard = Оценка
interview-xlsx-sheet-comparison = Сравнение
interview-xlsx-sheet-answers = Ответы
interview-xlsx-sheet-totals = Итоги
interview-xlsx-sheet-audit = Аудит
interview-xlsx-sheet-programme = Программа обучения
interview-xlsx-candidate = Кандидат
interview-xlsx-recommendation = Рекомендация
interview-xlsx-total = Итог ({ $min }–{ $max })
interview-xlsx-total-percent = Итог (%)
interview-xlsx-confidence = Уверенность
interview-salary-item = Ожидания по доходу
interview-xlsx-why = Почему
interview-xlsx-competency = Компетенция
interview-xlsx-key = Ключевая
interview-xlsx-weight = Вес
interview-xlsx-rating = Оценка
interview-xlsx-rating-meaning = Что означает оценка
interview-xlsx-red-flags = Красные флаги
interview-xlsx-candidate-answer = Ответ кандидата
interview-xlsx-notes = Заметки
interview-xlsx-flag-count = Красных флагов
interview-xlsx-critical-count = Из них критических
interview-xlsx-theme = Тема — словами клиентов
interview-xlsx-key-word = Ключевое слово
interview-xlsx-answers = Ответов
interview-xlsx-quotes = Цитаты
interview-xlsx-interview = Интервью
interview-xlsx-respondent = Респондент
interview-xlsx-section = Раздел
interview-xlsx-question = Вопрос
interview-xlsx-answer = Ответ
interview-xlsx-voice = Голос
interview-xlsx-tag = Тег
interview-xlsx-kcv = Кандидаты в ККЦ (не более трёх)
interview-xlsx-pains = Боли
interview-xlsx-values = Ценности
interview-xlsx-department = Отдел
interview-xlsx-item = Пункт
interview-xlsx-given = Поставлено
interview-xlsx-note = Примечание
interview-xlsx-points = Баллы
interview-xlsx-out-of = Из
interview-xlsx-percent = Процент
interview-xlsx-overall = Итого
interview-xlsx-place = №
interview-xlsx-topic = Тема
interview-xlsx-topic-id = Код темы
interview-xlsx-gap-points = Недобрано баллов

## The scorecard as PDF (engine/export_pdf.py): plain text; «Почему» and «Красные флаги» come from the Excel captions
interview-pdf-title = Оценка кандидата
interview-pdf-title-named = Оценка кандидата: { $name }
interview-pdf-metadata-title = Оценка кандидата { $name }
interview-pdf-recommendation = Рекомендация: { $recommendation }
interview-pdf-total = Итог: { $total } · уверенность: { $confidence }
interview-pdf-salary = Ожидания по доходу: { $salary }
interview-pdf-competencies = Компетенции
interview-pdf-competency = • { $title } (вес { $weight }): { $rating }
interview-pdf-competency-key = • { $title } (вес { $weight }, ключевая): { $rating }
interview-pdf-critical = — критический

## Steps of an interview on the owner's screen (flow/*_steps.py)
interview-note-hint = <i>Заметку можно написать обычным сообщением.</i>
interview-competency-skipped = ⏭ Компетенция пропущена — в итог не входит.
interview-flags-raised = 🚩 <b>Отмечено:</b> { $flags }
interview-salary-live-hint = ✍️ Запишите ответ кандидата сообщением — он будет в карточке рядом с итогом.
interview-salary-remote-voice = 🎤 Кандидат ответил голосом — нажмите «Прослушать». Напишите сумму сообщением, чтобы она попала в карточку.
interview-salary-remote-hint = Ответ можно уточнить — напишите его сообщением.
interview-salary-remote-none = Кандидат не назвал ожидания. Ответ можно уточнить — напишите его сообщением.
interview-custdev-write = ✍️ Запишите ответ респондента сообщением — текстом или голосовым.
interview-custdev-skipped = ⏭ Вопрос пропущен. Ответ можно записать и сейчас.
interview-custdev-answer = <b>Ответ:</b> { $answer }
interview-custdev-voice = 🎤 Голосовой ответ записан.
interview-custdev-tags = Теги: { $tags }
interview-custdev-tag-hint = Отметьте теги кнопками ниже.
interview-audit-your-rating = Ваша оценка: <b>{ $rating }</b>
interview-audit-item-unchecked = ⏭ Пункт отмечен как непроверенный.

## Typed input kept on a step: a line under it, the card above is edited in place (flow/steps.py)
interview-saved-note = 📝 Заметка добавлена в карточку выше ↑
interview-saved-rating = ✅ Оценка { $rating } — в карточке выше ↑
interview-saved-salary = 💰 Ответ про доход записан в карточку выше ↑
interview-saved-answer = ✍️ Ответ записан в карточку выше ↑ — отметьте теги под ней.
interview-text-full = Здесь уже { $limit } символов — больше в карточку не помещается. Продолжите на следующем шаге.
interview-saved-voice = 🎤 Голосовое записано в карточку выше ↑ — отметьте теги под ней.

## What a step takes, said when something else arrives: a sticker, a photo, a voice where it is no answer (flow/typed_input.py)
interview-input-hiring = Заметку пишите текстом, оценку ставьте кнопками { $min }–{ $max } под карточкой или цифрой.
interview-input-salary = Ответ про доход напишите текстом — он попадёт в карточку.
interview-input-custdev = Запишите ответ респондента текстом или голосовым сообщением.
interview-input-audit = Оцените пункт: { $levels } — кнопкой под карточкой или цифрой.

## A paused interview (/cancel, /menu): its buttons wait for «Продолжить»
interview-paused-item = { $title } «{ $name }»
interview-paused-note = ⏸ { $items }{ $more ->
        [0] {""}
       *[other] {" "}и ещё { $more }
    } — на паузе. Всё сохранено, продолжить: /interviews
interview-paused-toast = Это интервью на паузе — продолжить?
interview-paused =
    ⏸ <b>{ $title }: { $name }</b> — на паузе, шаг { $step } из { $total }.
    Всё сохранено. Продолжить?

## Remote hiring interviews: the link for the owner (flow/candidates.py)
interview-link-created =
    🔗 <b>Ссылка для кандидата: { $name }</b>

    <code>{ $url }</code>

    Перешлите её кандидату. Ссылка одноразовая и действует { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } — до { $expires }. Кандидат ответит на { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    } текстом или голосом и не увидит ни оценок, ни заметок. Когда он закончит, я пришлю уведомление.

    Ссылка показывается один раз. Потеряли — создайте новую, старая перестанет работать.
interview-link-status =
    🔗 <b>Заочное собеседование: { $name }</b>

    Статус: { $status }
interview-link-status-waiting = ссылка ждёт кандидата, действует до { $expires }.
interview-link-status-expired = срок ссылки истёк — создайте новую.
interview-link-status-answering = кандидат отвечает: готово { $done } из { $count }.
interview-link-status-revoked = ссылка отозвана — кандидат по ней больше не войдёт. Если нужно, создайте новую.
interview-link-cant-renew = Кандидат уже воспользовался ссылкой — новая не нужна.
interview-link-cant-revoke = Кандидат уже ответил на все вопросы — отзывать нечего.
interview-owner-notified = 🔔 Кандидат <b>{ $name }</b> ответил на все вопросы заочного собеседования. Оцените ответы по одному — нажмите кнопку ниже.

## Remote hiring interviews: the candidate's side
interview-candidate-welcome =
    Здравствуйте! Вас пригласили на заочное собеседование на должность руководителя отдела продаж.

    Впереди { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }. На каждый ответьте одним сообщением — текстом или голосовым. Рассказывайте о своём опыте: конкретные случаи, цифры, что вы сделали и почему. Прерваться можно — продолжите в этом же чате.
interview-candidate-saved = ✅ Ответ записан.
interview-candidate-done = Спасибо! Вы ответили на все вопросы. Ответы переданы компании — с вами свяжутся.
interview-candidate-closed = Это собеседование закрыто. Спасибо за интерес!
interview-candidate-text-or-voice = Ответьте на вопрос текстом или голосовым сообщением.
interview-candidate-more = Это весь ответ? Расскажите подробнее: конкретный случай, цифры, что сделали вы сами. Следующее сообщение я добавлю к ответу и перейду к следующему вопросу.
interview-candidate-paused =
    ⏸ Собеседование на паузе. Ответы сохранены: { $done } из { $count }.
    Чтобы продолжить с вопроса { $next }, нажмите «Продолжить» — или откройте ссылку из приглашения ещё раз.
interview-candidate-already-answered = Вы уже ответили на вопросы по этой ссылке — спасибо! Компания свяжется с вами.
interview-own-link = Это ваша ссылка для кандидата — перешлите её ему. Сами не открывайте: ссылка одноразовая.
interview-link-unknown = Ссылка не распознана. Попросите у компании новую.

## Sections: /interview, /custdev, /audit (flow/sections.py)
interview-home-hiring =
    <b>Собеседование руководителя отдела продаж</b>

    Частая ошибка — назначить РОПом лучшего продавца. Продукт РОПа — выполненный план руками менеджеров, и сценарий из { $count ->
        [one] { $count } компетенции
       *[other] { $count } компетенций
    } помогает отличить одно от другого.

    🎙 <b>Вживую</b> — вы задаёте вопросы, я подсказываю уточнения и на что обратить внимание; вы ставите оценки { $min }–{ $max }, отмечаете красные флаги и пишете заметки.
    🔗 <b>Заочно</b> — кандидат отвечает мне по ссылке текстом или голосом, вы получаете уведомление и оцениваете ответы.

    В конце — карта кандидата с рекомендацией и выгрузка в Excel и PDF. /candidates — сравнение кандидатов, /interviews — все ваши интервью.
interview-home-custdev =
    <b>CustDev-интервью</b>

    Глубинное интервью с клиентом по правилам «The Mom Test»: спрашиваем о прошлом, а не о будущем, и о жизни клиента, а не о своей идее. К каждому вопросу я напомню правило и предупрежу, чтобы вы не начали продавать.

    Ответы записывайте текстом или голосом и отмечайте тегами: { $tags }. По каждому интервью — итоги, по всем вместе — частые боли и ценности и до трёх кандидатов в ключевые клиентские ценности (ККЦ) с цитатами. Выгрузка — в Excel.
interview-home-audit =
    <b>Аудит системности бизнеса</b>

    { $count ->
        [one] { $count } пункт
        [few] { $count } пункта
       *[many] { $count } пунктов
    } в порядке проверки: маркетинг, отдел продаж, сервис. Каждый пункт оцените: 0 — нет, 1 — частично, 2 — системно; к каждому есть подсказка, как его проверить.

    В итоге — баллы по отделам и общий, слабые места и программа обучения команды: темы аттестации, которые стоит пройти в первую очередь.
interview-subject-hiring-live = Как зовут кандидата? Напишите имя и фамилию — они будут в карточке оценки и в сравнении кандидатов.
interview-subject-hiring-remote = Как зовут кандидата? Имя увидите только вы — в уведомлении и в карточке оценки. Потом я дам ссылку, которую нужно переслать кандидату.
interview-subject-custdev = С кем интервью? Напишите имя респондента или название его компании — так будут подписаны цитаты в итогах.
interview-subject-audit = Какую компанию проверяем? Напишите название.
interview-subject-empty = Напишите имя текстом — хотя бы одну букву или цифру.
interview-subject-too-long = Слишком длинно: уложитесь в { $limit } символов.

## Refusals and hints inside an interview (flow/steps.py, flow/context.py)
interview-no-access = Нет доступа: это интервью ведёт другой пользователь.
interview-not-found = Интервью не найдено. Откройте /interviews.
interview-stale = Этот шаг уже позади — показываю текущий.
interview-closed = Интервью уже завершено — вот его итоги.
interview-rate-first = Сначала поставьте оценку или нажмите «Пропустить».
interview-answer-first = Сначала запишите ответ или нажмите «Пропустить».
interview-no-such-value = Такого варианта нет.
interview-no-voice = У этого ответа нет голосового сообщения.
interview-not-rateable-yet = Кандидат ещё не ответил на все вопросы — оценивать пока нечего.
interview-export-not-ready = Выгрузка появится, когда интервью будет завершено.
interview-nothing-active = Сейчас нет открытого интервью. Откройте /interviews.

## Exports: the document's caption
interview-export-scorecard = 📊 Карта кандидата: { $name }
interview-export-custdev = 📊 CustDev-интервью: { $name }
interview-export-audit = 📊 Аудит: { $name }
interview-export-comparison = 📊 Сравнение кандидатов: { $count }
interview-export-insights = 📊 CustDev: итоги { $count } интервью

## /interviews: the owner's list (flow/overview.py)
interview-title-hiring = Собеседование РОПа
interview-title-custdev = CustDev-интервью
interview-title-audit = Аудит бизнеса
interview-list-title = <b>Ваши интервью</b>
interview-list-empty = Интервью пока нет. Начните: /interview — собеседование РОПа, /custdev — CustDev-интервью, /audit — аудит бизнеса.
interview-list-more = Показаны последние { $shown }.
interview-list-remote = { $title }, заочно
interview-list-open = { $number }. 📄 Открыть: { $name }
interview-list-link = { $number }. 🔗 Ссылка: { $name }
interview-list-continue = { $number }. ▶ Продолжить: { $name }
interview-status-active = в процессе: шаг { $step } из { $total }
interview-status-invited = ссылка ждёт кандидата
interview-status-answering = кандидат отвечает
interview-status-awaiting = кандидат ответил — ждёт вашей оценки
interview-status-revoked = ссылка отозвана
interview-status-done = завершено
interview-status-paused = ⏸ на паузе: шаг { $step } из { $total }

## Buttons (handlers/interviews/keyboards.py)
interview-button-list = 🗂 Мои интервью
interview-button-audit-0 = 0 · нет
interview-button-audit-1 = 1 · частично
interview-button-audit-2 = 2 · системно
interview-button-voice = 🎤 Прослушать ответ
interview-button-back = « Назад
interview-button-skip = Пропустить
interview-button-unchecked = Не проверено
interview-button-next = Дальше ▶
interview-button-results = Итоги ▶
interview-button-finish = 🏁 Завершить интервью
interview-button-excel = 📊 Excel
interview-button-pdf = 📄 PDF
interview-button-insights = 📈 Итоги по всем интервью
interview-button-compare = ⚖️ Сравнить кандидатов
interview-button-new-link = 🔄 Новая ссылка
interview-button-revoke-link = ⛔ Отозвать ссылку
interview-button-rate-answers = ▶ Оценить ответы
interview-button-live = 🎙 Провести собеседование
interview-button-remote = 🔗 Ссылка для кандидата
interview-button-custdev = 🎙 Новое интервью
interview-button-audit = ▶ Начать аудит
interview-button-cancel = « Отмена
interview-button-resume = ▶ Продолжить
