# A team's own questions: topics and cards, the chat editor, XLSX / GIFT / Aiken import and export, the team's
# exam, question statistics. HTML unless a comment says plain text. { $name } placeholders are filled by the code;
# user-provided values are escaped before. Limits come from services/attestation/own/engine (validate.py,
# importing.py) and services/attestation/own/flow/context.py.

## Where a problem is (plain text: the whole line is escaped when shown)
bank-at-line = строка { $line }: { $problem }
bank-at-question = вопрос { $number }, строка { $line }: { $problem }

## Validation: the same for the chat editor and every file (plain text)
bank-what-text = текст вопроса
bank-what-title = название вопроса
bank-what-explanation = пояснение
bank-what-option = вариант ответа
bank-what-why = пояснение к варианту
bank-what-step = шаг
bank-what-left = левая часть пары
bank-what-right = правая часть пары
bank-err-too-long = { $what } длиннее { $limit } знаков ({ $length })
bank-err-unknown-type = неизвестный тип вопроса
bank-err-no-text = нет текста вопроса
bank-err-few-options = нужно хотя бы { $low } варианта ответа
bank-err-many-options = вариантов { $count }, а можно не больше { $high }
bank-err-empty-option = вариант { $number } пустой
bank-err-repeated-option = вариант «{ $text }» повторяется
bank-err-no-correct = не отмечен правильный ответ
bank-err-single-several = в вопросе с одним ответом отмечено правильных: { $marked } — оставьте один или выберите тип «несколько ответов»
bank-err-all-correct = все варианты отмечены правильными — нужен хотя бы один неверный
bank-err-no-number = нет правильного числа
bank-err-bad-number = правильный ответ — не число или слишком большое число
bank-err-bad-tolerance = допуск должен быть неотрицательным числом
bank-err-braces = в числовом вопросе нельзя писать «{ $found }»: фигурные скобки со словом внутри — служебные; уберите их
bank-err-empty-item = { $what } { $number } пустой
bank-err-repeated-item = { $what } «{ $text }» повторяется
bank-err-ordering-size = в вопросе на порядок нужно от { $low } до { $high } шагов, а их { $count }
bank-err-matching-size = в вопросе на соответствие нужно от { $low } до { $high } пар, а их { $count }
bank-err-arrow-in-left = в левой части пары нельзя писать «{ $arrow }»: так отделяется правая часть
bank-err-message-too-long = вопрос целиком не помещается в сообщение Telegram: { $length } знаков при пределе { $limit } — сократите текст или варианты
bank-err-topic-empty = у темы нет названия
bank-err-topic-too-long = название темы «{ $title }…» длиннее { $limit } знаков
bank-err-card-too-long = карточка темы «{ $title }» длиннее { $limit } знаков ({ $length })
bank-err-bad-url = ссылка «{ $url }» должна начинаться с http:// или https://
bank-true = Верно
bank-false = Неверно

## Files (plain text)
bank-file-too-big = Файл больше { $limit } МБ — разделите его на части.
bank-file-empty = в файле не нашлось ни одного вопроса
bank-gift-title-open = не закрыто название «::»
bank-gift-no-answers = нет блока ответов «{"{"}…{"}"}» — текст без вопроса можно поставить только сразу после $CATEGORY (это карточка темы)
bank-gift-stray-close = «{"}"}» без открывающей «{"{"}»
bank-gift-not-closed = не закрыта «{"{"}»
bank-gift-nested-open = внутри ответов ещё одна «{"{"}» — сам знак пишется как «\{"{"}»
bank-gift-second-block = в вопросе больше одного блока ответов «{"{"}…{"}"}»
bank-gift-essay = эссе (пустые «{"{"}{"}"}») не поддерживается: развёрнутый ответ бот не проверит — сделайте вопрос с вариантами
bank-gift-short-answer = вопрос с коротким ответом («=ответ» без вариантов «~») не поддерживается: введённое слово бот надёжно не проверит — добавьте неверные варианты через «~»
bank-gift-partial-weight = вариант «{ $text }» с весом { $weight } % считается неверным (баллы здесь — всё или ничего)
bank-gift-partial-number = число «{ $text }» с весом { $weight } % пропущено: засчитывается только верное на 100 %
bank-gift-no-number = нет верного числа после «#»
bank-gift-several-numbers = несколько разных верных чисел — оставьте одно (с допуском «:» или диапазоном «..»)
bank-gift-not-a-number = «{ $text }» — не число
bank-gift-no-arrow = в паре «{ $text }» нет «->»
bank-gift-extra-right = лишний ответ «{ $text }» без пары пропущен
bank-aiken-no-question = вариант или ANSWER без текста вопроса перед ними
bank-aiken-no-options = нет вариантов ответа (строки вида «A) вариант»)
bank-aiken-no-answer = нет строки «ANSWER: буква»
bank-aiken-bad-answer = в «ANSWER: { $answer }» нет такого варианта — есть { $letters }
bank-xlsx-unreadable = файл не читается как таблица Excel (.xlsx) — сохраните его в Excel как «Книга Excel» и пришлите снова
bank-xlsx-no-columns = на листе вопросов нет столбцов { $columns } — возьмите шаблон из бота
bank-xlsx-no-type = не указан тип вопроса
bank-xlsx-unknown-type = неизвестный тип «{ $name }» — можно: { $known }
bank-xlsx-no-arrow = в паре «{ $text }» нет «{ $arrow }»
bank-xlsx-no-such-option = правильный ответ { $numbers } — такого варианта нет (пустая ячейка)
bank-xlsx-bad-number = правильный ответ «{ $text }» — не число
bank-xlsx-bad-tolerance = допуск «{ $text }» — не число

## Question statistics
bank-stats-title = 📊 <b>Статистика вопросов — команда «{ $team }»</b>
bank-stats-summary = Ответов: { $answers } на { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    } (своих — { $own }, из программы — { $builtin }); участников: { $members }.
bank-stats-formula = <i>Верно — доля верных ответов. Дискриминация — корреляция (точечно-бисериальная, как в Moodle) между ответом на вопрос и долей верных ответов на остальные вопросы той же попытки: близко к 1 — вопрос отделяет знающих от незнающих, около 0 — не отделяет, меньше 0 — сильные ошибаются чаще слабых.</i>
bank-stats-empty = Ответов пока нет: статистика появится, когда участники пройдут тренировки или экзамен.
bank-stats-no-problems = Явных проблем нет (флаги ставятся, когда у вопроса не меньше { $min_answers } ответов).
bank-stats-problems = <b>Что стоит поправить</b> ({ $shown } из { $total }):
bank-stats-problem = { $number }. «{ $text }» — { $where }
bank-stats-figures = {"   "}верно { $facility } % из { $answers } · дискриминация { $discrimination }
bank-stats-few-answers = У { $count ->
        [one] { $count } вопроса
       *[other] { $count } вопросов
    } меньше { $min_answers } ответов — по ним выводы делать рано.
bank-stats-version = версия { $version }
bank-flag-negative = Сильные ошибаются чаще слабых — проверьте ключ.
bank-flag-trap = Неверный «{ $option }» выбирают чаще верного — проверьте ключ или формулировку.
bank-flag-hard = Почти никто не отвечает верно — проверьте формулировку и ключ, или сначала дайте тему изучить.
bank-flag-easy = Почти все отвечают верно — вопрос ничего не проверяет; усложните варианты.
bank-flag-weak = Плохо отделяет знающих от незнающих — перепишите неверные варианты, чтобы они были правдоподобнее.
bank-flag-unused = Вариант { $options } никто не выбирает — замените его правдоподобным.
bank-stats-sheet = Статистика вопросов
bank-stats-col-topic = Тема
bank-stats-col-question = Вопрос
bank-stats-col-version = Версия
bank-stats-col-type = Тип
bank-stats-col-answers = Ответов
bank-stats-col-facility = Верно, %
bank-stats-col-discrimination = Дискриминация
bank-stats-col-options = Выбор вариантов
bank-stats-col-flags = Что поправить

## Refusals and limits
bank-no-access = Нет доступа: вопросы этой команды меняют только её владелец и редакторы.
bank-owner-only = Нет доступа: это делает только владелец команды.
bank-not-a-member = Этот человек уже не в команде.
bank-topic-gone = Этой темы больше нет.
bank-question-gone = Этого вопроса больше нет.
bank-limit-topics = В банке команды может быть не больше { $limit ->
        [one] { $limit } темы
       *[other] { $limit } тем
    } — удалите ненужные или объедините их.
bank-limit-questions = В банке команды может быть не больше { $limit ->
        [one] { $limit } вопроса
       *[other] { $limit } вопросов
    } — удалите устаревшие, чтобы добавить новые.

## /bank: teams and the bank's home
bank-no-teams = 📚 <b>Вопросы компании</b>

    Здесь владелец команды (и редакторы, которых он назначит) пишет и загружает свои вопросы: по продукту, ценам, книге продаж. Создайте команду в /team — и возвращайтесь.
bank-pick-team = 📚 <b>Вопросы компании</b> — выберите команду:
bank-home = 📚 <b>Вопросы компании — команда «{ $team }»</b>
    Тем: { $topics }, вопросов: { $questions } (до { $topic_limit } тем и { $question_limit } вопросов). Участники видят активные темы с пометкой 🏢 в /learn, /quiz и /mistakes; темы можно назначить со сроком в /team.
bank-exam-standard-line = Экзамен команды: стандартный.
bank-exam-custom-line = Экзамен команды: «{ $title }» — { $mode ->
        [count] по количеству вопросов из тем
       *[weight] { $size } вопросов
    }, порог { $pass_mark } %.
bank-home-empty = Начните с темы: «➕ Новая тема» — и добавьте вопросы в чате, или загрузите файл: шаблон Excel (кнопка ниже), GIFT или Aiken.

## A topic
bank-topic = 🏢 <b>Тема «{ $title }»</b>{ $hidden ->
        [yes] {" "}— 🙈 скрыта: участники её не видят
       *[no] {""}
    }
bank-topic-card = <b>Карточка:</b> { $card }
bank-topic-no-card = Карточки пока нет: «📝 Карточка» — что менеджер должен знать по теме.
bank-topic-file = 📎 Документ: { $name }
bank-topic-link = 🔗 Ссылка: { $url }
bank-topic-count = Вопросов: { $count }{ $hidden ->
        [0] {""}
       *[other] {" "}(скрыто: { $hidden })
    }. Изменённый вопрос сохраняется новой версией: прошлые попытки и статистика помнят ту, что была показана.
bank-topic-hidden = 🙈 Тема скрыта: её вопросы больше не выпадают участникам.
bank-topic-shown = 👁 Тема снова видна участникам.
bank-topic-delete-confirm = Удалить тему «{ $title }» и её вопросы ({ $count })? Пройденные попытки и статистика сохранятся.
bank-topic-deleted = 🗑 Тема «{ $title }» удалена.
bank-topic-ask-title = Как назовём тему? Например: <i>Прайс 2025</i> или <i>Книга продаж</i> (до { $limit } знаков).
bank-topic-ask-rename = Сейчас тема называется «{ $title }». Пришлите новое название (до { $limit } знаков).
bank-topic-title-taken = Тема «{ $title }» уже есть — выберите другое название.
bank-topic-renamed = ✏️ Тема переименована.
bank-topic-ask-card = { $new ->
        [yes] ✅ Тема «{ $title }» создана.{"\u000a"}{"\u000a"}
       *[no] {""}
    }📝 Пришлите текст карточки — главное, что менеджер должен знать по теме (до { $limit } знаков). Его покажут в /learn перед тренировкой.
bank-topic-ask-link = 📎 На что ссылается карточка «{ $title }»? Пришлите документ (например, прайс) или ссылку — или нажмите «Пропустить».
bank-topic-link-saved = 🔗 Ссылка сохранена.
bank-topic-file-saved = 📎 Документ сохранён: участники получат его из карточки.
bank-topic-link-cleared = Документ и ссылка убраны из карточки.
bank-topic-no-document-here = Документ сейчас не ждём: его можно добавить к карточке темы («📝 Карточка»).

## A question's page
bank-question-head = <b>Вопрос, версия { $version }</b>{ $hidden ->
        [yes] {" "}— 🙈 скрыт: не выпадает участникам
       *[no] {""}
    }
bank-question-hidden = 🙈 Вопрос скрыт: он больше не выпадает, история ответов сохранена.
bank-question-shown = 👁 Вопрос снова выпадает участникам.
bank-question-delete-confirm = Удалить вопрос «{ $label }»? Пройденные попытки и статистика сохранятся.
bank-question-deleted = 🗑 Вопрос удалён.

## The preview (the question as members see it)
bank-preview-problems = ⚠️ <b>Сохранить пока нельзя:</b>
bank-preview-answer = ✅ <b>Правильный ответ:</b> { $answer }
bank-preview-answer-block = ✅ <b>Правильный ответ:</b>
    { $answer }
bank-preview-tolerance = Допуск: ± { $tolerance }
bank-preview-why = <i>{ $option } — { $why }</i>
bank-preview-explanation = 💬 <b>Пояснение:</b> { $explanation }
bank-preview-no-explanation = 💬 Пояснения нет.

## The question editor
bank-type-single = 🔘 Один ответ
bank-type-multiple = ☑️ Несколько ответов
bank-type-numeric = 🔢 Число
bank-type-ordering = ↕️ Порядок
bank-type-matching = 🔗 Соответствие
bank-type-short-single = один ответ
bank-type-short-multiple = несколько
bank-type-short-numeric = число
bank-type-short-ordering = порядок
bank-type-short-matching = соответствие
bank-ed-text = ✏️ <b>Новый вопрос</b>, шаг 1: пришлите текст вопроса — как его увидит менеджер.
bank-ed-text-edit = ✏️ <b>Текст вопроса</b> сейчас:
    { $text }

    Пришлите новый текст или оставьте как есть.
bank-ed-type = Шаг 2: какой это вопрос?
bank-ed-options-choice = Шаг 3: пришлите варианты ответа — каждый с новой строки (от { $low } до { $high }). { $single ->
        [yes] Поставьте «+» перед правильным — и отмечать его кнопкой не придётся.
       *[no] Поставьте «+» перед каждым правильным — и отмечать их кнопками не придётся.
    }
bank-ed-options-ordering = Шаг 3: пришлите шаги в правильном порядке — каждый с новой строки (от { $low } до { $high }). Участники увидят их перемешанными.
bank-ed-options-matching = Шаг 3: пришлите пары — каждую с новой строки, через «->» или « — » (от { $low } до { $high }). Например:
    Дорого -> Сравним с тем, что вы теряете
bank-ed-current = Сейчас:
    { $current }
bank-ed-number = Шаг 3: пришлите правильный ответ — число. Можно с допуском: <i>1500 ± 50</i> или диапазоном: <i>1400..1600</i>.
bank-ed-not-a-number = Это не число. Пришлите, например: 1500, 1 500 ± 50 или 1400..1600.
bank-ed-options-count = Вариантов { $count }, а нужно от { $low } до { $high } — каждый с новой строки. Пришлите ещё раз.
bank-ed-no-separator = В строке «{ $line }» нет «->» между левой и правой частью. Пришлите пары ещё раз.
bank-ed-correct-single = Шаг 4: нажмите правильный вариант.
bank-ed-correct-multiple = Шаг 4: отметьте все правильные варианты и нажмите «Готово».
bank-ed-explanation = Шаг 5: пришлите пояснение — его прочтут после ответа (почему верно именно так). Или нажмите «Без пояснения».
bank-ed-explanation-edit = 💬 <b>Пояснение</b> сейчас:
    { $explanation }

    Пришлите новое, оставьте как есть или уберите.
bank-ed-preview = 👀 <b>Так вопрос увидят участники:</b>
bank-ed-preview-edit = 👀 <b>Так увидят новую версию</b> (сейчас — версия { $version }):
bank-ed-use-buttons = Сейчас ответьте кнопками под сообщением.
bank-ed-stale = Эта кнопка устарела — откройте банк вопросов заново: /bank.
bank-ed-invalid = Вопрос пока нельзя сохранить — исправьте то, что написано в предпросмотре.
bank-ed-stale-version = Вопрос уже изменили, пока вы его правили: откройте его заново.
bank-ed-unchanged = Ничего не изменилось — версия та же.
bank-ed-saved = ✅ Вопрос сохранён. В теме вопросов: { $count }.
bank-ed-saved-version = ✅ Сохранено как версия { $version }. Прошлые попытки помнят прежнюю.

## Files
bank-template-caption = Шаблон вопросов: одна строка — один вопрос. На листе «Как заполнять» — что писать в каждом столбце и пример каждого типа. Заполните и пришлите файл сюда.
bank-export-caption = Вопросы команды «{ $team }»: тем — { $topics }, вопросов — { $questions }. Этот файл можно поправить и загрузить обратно.
bank-default-topic = Общие вопросы
bank-import-into-topic = в тему «{ $title }» (темы из файла тоже учтутся)
bank-import-into-file = в темы, указанные в файле
bank-import-ask = 📥 Пришлите файл { $where }:
    • <b>Excel</b> по шаблону (кнопка ниже);
    • <b>GIFT</b> (формат Moodle) или <b>Aiken</b> — текст в UTF-8 или Windows-1251.
    Файл до { $limit } МБ. Сначала покажу, что нашёл, и сохраню, только если вы подтвердите; если есть ошибки — назову все и ничего не сохраню.
bank-import-not-a-file = Жду файл (Excel, GIFT или Aiken) — пришлите его документом.
bank-import-file = 📄 <b>{ $name }</b> ({ $format })
bank-import-found = Найдено { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    } в { $topics ->
        [one] { $topics } теме
       *[other] { $topics } темах
    }: { $types }.
bank-import-type-count = { $count } — { $kind }
bank-import-topic = • «{ $title }» — { $status ->
        [new] новая тема
       *[old] есть в банке
    }, добавится { $count }
bank-import-duplicates = Уже есть в банке и будут пропущены: { $count }.
bank-import-warnings = ⚠️ Обратите внимание:
bank-import-confirm = Импортировать?
bank-import-errors = ❌ <b>Файл не загружен</b> — ошибок: { $count }. Ничего не сохранено: исправьте и пришлите файл снова.
bank-import-errors-more = …и ещё { $count } — все ошибки в файле ниже.
bank-import-errors-file = Все ошибки файла, по строкам.
bank-import-failed = Файл больше не проходит проверку — пришлите его заново.
bank-import-done = ✅ Загружено { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    } (тем: { $topics }, из них новых: { $new }). Участники уже видят их в /quiz.

## The team's exam
bank-exam-title = 🎓 <b>Экзамен команды «{ $team }»</b>
bank-exam-standard = Сейчас — стандартный: { $exam_size } вопросов по всей программе бота, порог { $pass_mark } %. Любое изменение ниже включает экзамен команды.
bank-exam-custom = Сейчас — «{ $title }»: { $size } вопросов { $mode }, порог { $pass_mark } %. Это название будет на сертификате.
bank-exam-mode-weight = по весам тем
bank-exam-mode-count = по числу вопросов из каждой темы
bank-exam-sources = <b>Откуда вопросы</b> ({ $mode ->
        [count] сколько вопросов взять
       *[weight] вес: доля места в экзамене
    }):
bank-exam-source = • { $title } — { $value }{ $mode ->
        [count] {" "}из { $available }
       *[weight] {" "}(вопросов: { $available })
    }
bank-exam-builtin = Программа бота
bank-exam-more-topics = …и ещё тем: { $count } (в экзамен их можно включить, уменьшив число тем).
bank-exam-hint = Нажмите на источник, чтобы изменить { $mode ->
        [count] число вопросов
       *[weight] вес
    } (0 — не брать).
bank-exam-reset-done = ↩️ Экзамен снова стандартный.
bank-exam-ask-title = Как называется экзамен? Например: <i>Аттестация «Ромашка»: продукт и продажи</i> (до { $limit } знаков). Название будет на сертификате.
bank-exam-bad-title = Название должно быть от 1 до { $limit } знаков. Пришлите ещё раз.
bank-exam-title-saved = ✏️ Название сохранено.

## Statistics, editors, a member's card
bank-stats-caption = Статистика вопросов команды «{ $team }»: все вопросы, доля верных, дискриминация, выбор вариантов, что поправить.
bank-editors = 👥 <b>Редакторы вопросов — команда «{ $team }»</b>
    Отмеченные участники могут добавлять и менять вопросы команды (экзамен и редакторов меняете только вы). Нажмите на участника, чтобы дать или забрать права.
bank-editors-none = В команде пока нет участников — пригласите их в /team.
bank-card = 🏢 <b>{ $title }</b>

    { $card }

    Вопросов в теме: { $count }.
bank-card-empty = Карточки пока нет — сразу к вопросам.

## Buttons
bank-button-new-topic = ➕ Новая тема
bank-button-import = 📥 Загрузить файл
bank-button-import-topic = 📥 Загрузить в тему
bank-button-template = 📄 Шаблон Excel
bank-button-export-xlsx = 📤 В Excel
bank-button-export-gift = 📤 В GIFT
bank-button-stats = 📊 Статистика вопросов
bank-button-stats-xlsx = 📥 Статистика в Excel
bank-button-exam = 🎓 Экзамен команды
bank-button-editors = 👥 Редакторы
bank-button-to-team = « Команда
bank-button-to-bank = « Вопросы компании
bank-button-to-topic = « К теме
bank-button-back-page = ◀
bank-button-next-page = ▶
bank-button-new-question = ➕ Вопрос
bank-button-card = 📝 Карточка
bank-button-rename = ✏️ Название
bank-button-hide-topic = 🙈 Скрыть тему
bank-button-show-topic = 👁 Показать тему
bank-button-delete-topic = 🗑 Удалить тему
bank-button-edit-question = ✏️ Изменить
bank-button-hide-question = 🙈 Скрыть
bank-button-show-question = 👁 Вернуть
bank-button-delete-question = 🗑 Удалить
bank-button-delete-yes = Да, удалить
bank-button-cancel = ✖ Отмена
bank-button-keep = ➡️ Оставить как есть
bank-button-skip = Пропустить ▶
bank-button-no-explanation = Без пояснения ▶
bank-button-marked = Готово ▶
bank-button-save = 💾 Сохранить
bank-button-goto-text = ✏️ Текст
bank-button-goto-type = 🔀 Тип и варианты
bank-button-goto-explanation = 💬 Пояснение
bank-button-clear-link = 🗑 Убрать документ и ссылку
bank-button-another = ➕ Ещё вопрос
bank-button-import-yes = ✅ Импортировать
bank-button-exam-size = Вопросов: { $size } ▸
bank-button-exam-pass = Порог: { $pass_mark } % ▸
bank-button-exam-mode = { $mode ->
        [count] Режим: по количеству ▸
       *[weight] Режим: по весам ▸
    }
bank-button-exam-title = ✏️ Название экзамена
bank-button-exam-reset = ↩️ Стандартный экзамен
bank-button-train = 🏋️ Потренироваться
bank-button-open-link = 🔗 Открыть ссылку
bank-button-to-topics = « К темам

## The certificate of a team's own exam (plain text)
bank-cert-exam = «{ $exam }»{ $has_sponsor ->
        [yes] {" "}— { $sponsor }
       *[no] {""}
    }

## Elsewhere: the team card
bank-button-team-card = 📚 Вопросы компании
