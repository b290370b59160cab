# Attestation: the section's screens, learning cards, practice, the exam, mistakes, results, certificates, and the
# quiz-content check (`python -m bot check-content`). HTML. { $name } placeholders are filled by the code;
# user-provided values are escaped before. Facts such as the pass mark and the exam size come from
# services/attestation/engine/exam.py ({ $pass_mark }, { $exam_size }), never typed in here.

## The section in the chat (handlers/attestation)
attest-home =
    <b>Аттестация</b>

    📚 Карточки — коротко о каждой теме методики.
    🏋️ Тренировка — вопросы по одной теме с разбором каждого ответа.
    🎓 Экзамен — { $exam_size ->
        [one] { $exam_size } вопрос
        [few] { $exam_size } вопроса
       *[many] { $exam_size } вопросов
    } по всем темам, разбор в конце, порог { $pass_mark } %, сертификат.
    🔁 Работа над ошибками — вопросы, на которых вы ошиблись.
attest-pick-card = Выберите тему — откроется учебная карточка.
attest-pick-practice = Тренировка: выберите тему.
attest-certificate-caption = 🎓 Ваш сертификат. Код проверки: <code>{ $code }</code>
attest-certificate-caption-link =
    🎓 Ваш сертификат. Код проверки: <code>{ $code }</code>
    Проверить его может любой: { $link }
attest-message-gone = Сообщение устарело. Откройте /exam или /quiz.

## Buttons
attest-button-cards = 📚 Учебные карточки
attest-button-practice = 🏋️ Тренировка по теме
attest-button-exam-size = 🎓 Экзамен ({ $exam_size ->
        [one] { $exam_size } вопрос
        [few] { $exam_size } вопроса
       *[many] { $exam_size } вопросов
    })
attest-button-mistakes = 🔁 Работа над ошибками
attest-button-results = 📊 Мои результаты
attest-button-back = « Аттестация
attest-button-train = 🏋️ Потренироваться
attest-button-to-topics = « К темам
attest-button-done = Готово ✔
attest-button-reset = Сбросить ↺
attest-button-next = Дальше ▶
attest-button-summary = Итоги ▶
attest-button-card = 📖 { $title }
attest-button-exam = 🎓 Экзамен
attest-button-mistakes-short = 🔁 Ошибки
attest-button-resume = ▶ Продолжить
attest-button-restart = ↺ Начать заново
attest-button-review = 📋 Разбор ошибок ({ $count })
attest-button-repeat-mistakes = 🔁 Повторить ошибки
attest-button-review-back = ◀
attest-button-review-forward = ▶
attest-button-to-summary = « К итогам

## Attempts (services/attestation/flow.py)
attest-kind-practice = Тренировка
attest-kind-exam = Экзамен
attest-kind-mistakes = Работа над ошибками
attest-kind-on-topic = { $kind } «{ $topic }»
attest-attempt-label = { $title }, вопрос { $number } из { $total }
attest-resume-offer = У вас есть незавершённая попытка: { $attempt }. Продолжить или начать заново?
attest-topic-gone = Такой темы больше нет. Откройте /learn.
attest-no-such-topic = Такой темы нет. Выберите тему из списка: /quiz
attest-no-mistakes = Ошибок пока нет — повторять нечего. Пройдите тренировку (/quiz) или экзамен (/exam).
attest-nothing-active = Сейчас нет начатой попытки. Начните: /quiz — тренировка, /exam — экзамен.
attest-foreign = Это не ваша попытка.
attest-closed = Эта попытка уже завершена. Начните новую: /quiz или /exam.
attest-stale = Этот вопрос уже позади — ответ сохранён. Продолжайте с текущего вопроса.
attest-no-such-option = Такого варианта нет.
attest-already-picked = Этот пункт уже выбран. Нажмите «Сбросить», чтобы начать заново.
attest-nothing-ticked = Отметьте хотя бы один вариант, потом нажмите «Готово».
attest-answer-with-buttons = Ответьте кнопками под вопросом.
attest-answer-unreadable = Ответ не распознан.
attest-old-copy = Этот вопрос ниже ↓ — отвечайте под последним сообщением.

## A paused attempt (/cancel, /menu): its buttons wait for «Продолжить»
attest-paused-note = ⏸ { $attempt } — на паузе. Попытка сохранена, продолжить: { $command }
attest-paused-toast = Эта попытка на паузе — продолжить?
attest-paused =
    ⏸ <b>{ $attempt }</b> — на паузе.
    Попытка сохранена. Продолжить?

## The review of a finished exam (services/attestation/review.py)
attest-review-header = <b>Разбор ошибок · { $number } из { $count }</b>
attest-review-question = Вопрос { $number } из { $total }
attest-review-question-topic = Вопрос { $number } из { $total } · <i>{ $topic }</i>
attest-review-chosen = ❌ Ваш ответ: { $answer }
attest-review-chosen-block =
    ❌ Ваш ответ:
    { $answer }
attest-review-right = ✅ Правильный ответ: <b>{ $answer }</b>
attest-review-right-block =
    ✅ Правильный ответ:
    <b>{ $answer }</b>
attest-review-none = В этом экзамене ошибок нет — разбирать нечего.
attest-review-not-finished = Разбор откроется, когда экзамен будет завершён.
attest-finished-certificate = Код сертификата: <code>{ $code }</code> (проверка: /verify { $code })
attest-cert-fallback-name = Участник

## /results
attest-results-title = <b>Ваши попытки</b>
attest-results-empty = Пока ни одной завершённой попытки. Начните с /learn или /quiz.
attest-results-open = 🔄 { $attempt } — в процессе{ $paused ->
        [yes] , на паузе
       *[no] {""}
    }
attest-results-line = { $when } · { $title }: { $correct } из { $total } ({ $percent } %){ $verdict ->
        [passed] {" "}— сдан ✔
        [failed] {" "}— не сдан
       *[none] {""}
    }

## /verify
attest-verify-usage = Укажите код сертификата — 10 знаков, он напечатан на сертификате: /verify XXXX-XXXX-XX
attest-verify-unknown = Сертификат с кодом { $code } не найден. Проверьте код.
attest-verify-valid =
    ✅ Сертификат { $code } действителен.
    Выдан: { $name }, { $issued }, результат { $percent } %.
attest-verify-sponsor = Аттестация по заданию: { $sponsor }.
# Who assigned the exam, on the certificate and in /verify
attest-sponsor-team = команда «{ $team }»
attest-sponsor-company = { $company }, команда «{ $team }»

## A learning card
attest-card =
    <b>{ $title }</b>

    📌 <b>Что это.</b> { $definition }

    🏪 <b>Пример.</b> { $example }

    ⚠️ <b>Типичная ошибка.</b> { $mistake }

    🗓 <b>Что сделать в понедельник.</b> { $monday }

    <i>Вопросов по теме: { $count }.</i>

## The question message (engine/render.py)
attest-question-header = <b>Вопрос { $number }/{ $total }</b>
attest-question-header-topic = { $header } · <i>{ $topic }</i>
attest-question-choices = Варианты:
# The marks of the left column in a matching question, one letter a row
attest-matching-marks = АБВГДЕЖЗ
attest-hint-single = Выберите один вариант.
attest-hint-multiple = Отметьте все верные варианты и нажмите «Готово».
attest-hint-numeric = Напишите ответ числом.
attest-hint-numeric-unit = Напишите ответ числом { $unit }.
attest-unit-percent = в процентах
attest-unit-rouble = в рублях
attest-hint-ordering = Нажимайте пункты по порядку — от первого к последнему.
attest-hint-matching = Для каждого пункта слева выберите пару кнопкой — по очереди, начиная с «{ $first }».
attest-progress-ticked = Отмечено: { $labels }
attest-progress-order = Ваш порядок:
attest-progress-left = Осталось расставить: { $count }

## Right after an answer (engine/grading.py)
attest-feedback-right = ✅ <b>Верно</b>
attest-feedback-wrong = ❌ <b>Неверно</b>
attest-feedback-your-answer = Ваш ответ: { $answer }
attest-feedback-right-answer = Правильный ответ: <b>{ $answer }</b>
attest-feedback-right-answer-block =
    Правильный ответ:
    <b>{ $answer }</b>
attest-feedback-invalid = ⚠️ { $problem }
attest-partial-multiple = Отмечено верных: { $correct } из { $total }.
attest-partial-ordering = На своём месте: { $correct } из { $total }.
attest-partial-matching = Верных пар: { $correct } из { $total }.
attest-problem-not-a-number = Не похоже на число. Напишите ответ цифрами, например: 25 или 25,5.
attest-problem-nothing-ticked = Отметьте хотя бы один вариант, потом нажмите «Готово».
attest-problem-no-such-option = Такого варианта нет — выберите вариант кнопкой.
attest-problem-incomplete = Ответ неполный — нужно расставить все пункты.

## A finished attempt and /results (engine/results.py)
attest-result-line = Результат: { $correct } из { $total } ({ $percent } %)
attest-summary-passed = 🎓 <b>Аттестация пройдена</b> — порог { $pass_mark } %.
attest-summary-failed = <b>Аттестация не пройдена</b> — нужно не меньше { $pass_mark } %. Повторите слабые темы и попробуйте снова.
attest-summary-by-topic = <b>По темам:</b>
attest-summary-topic = { $light } { $title } — { $correct } из { $total } ({ $percent } %)
attest-summary-repeat = <b>Стоит повторить:</b>
attest-mastery-title = <b>Освоение тем:</b>
attest-mastery-line = { $light } { $title } — { $level } ({ $percent } %)
# After «из» Russian wants the genitive: из 21 вопроса, из 12 вопросов
attest-mastery-line-scope = { $light } { $title } — { $level } ({ $percent } %, отвечено на { $answered } из { $total ->
        [one] { $total } вопроса
       *[other] { $total } вопросов
    })
attest-level-not-started = не начато
attest-level-weak = слабое место
attest-level-in-progress = в процессе
attest-level-mastered = освоено

## The certificate picture (engine/certificate.py)
attest-cert-title = Сертификат
attest-cert-subtitle = Аттестация менеджера по продажам
attest-cert-confirms = Настоящий сертификат выдан
attest-cert-passed = за успешное прохождение аттестации с результатом { $percent } %
attest-cert-sponsor = По заданию: { $sponsor }
attest-cert-topics = Темы: { $topics }
attest-cert-issued = Дата выдачи
attest-cert-code = Код сертификата
attest-cert-verify = Проверить: /verify { $code }
attest-cert-verify-bot = Проверить подлинность: бот @{ $bot } в Telegram, команда /verify { $code }
attest-cert-verify-link = или ссылка { $link } (она же в QR-коде)
attest-cert-seal = результат
attest-cert-date = { $day } { $month } { $year } г.

## Generated questions (services/attestation/engine/generators.py): what a question text shows
attest-rfm-recency-thresholds = до { $fresh } дней — 3, { $fresh_next }–{ $stale } — 2, больше { $stale } — 1
attest-rfm-frequency-thresholds = { $rare ->
        [1] 1 заказ
       *[other] до { $rare } заказов
    } — 1, { $rare_next }–{ $usual } — 2, { $usual_next } и больше — 3
attest-rfm-monetary-thresholds = до { $small } ₽ — 1, { $small_next }–{ $big } ₽ — 2, больше { $big } ₽ — 3
attest-rfm-days = { $count ->
        [one] { $n } день
        [few] { $n } дня
       *[many] { $n } дней
    }
attest-rfm-orders = { $count ->
        [one] { $n } заказ
        [few] { $n } заказа
       *[many] { $n } заказов
    }

## Generator parameters in a topic file (for the content writer)
attest-param-not-a-range = нужен диапазон из двух чисел, например [10, 200]
attest-param-integer-bounds = границы диапазона должны быть целые числа
attest-param-number-bounds = границы диапазона должны быть числа
attest-param-low-above-high = нижняя граница больше верхней
attest-param-limits = допустимо от { $low } до { $high }
attest-param-choices = допустимо: { $choices }
attest-param-none = нет
attest-param-unknown = генератор { $generator } не знает параметра «{ $key }» (есть: { $known })
attest-param-problem = параметр «{ $key }» генератора { $generator }: { $problem }

## Topic files (content/topics/*.yaml): what is wrong, for the content writer (engine/content.py, loading.py)
attest-content-errors =
    Ошибки в контенте:
    { $errors }
attest-content-unreadable-file = { $file }: файл не читается: { $error }
attest-content-bad-yaml = { $file }: неверный YAML: { $problem }
attest-content-bad-yaml-at = { $file }: неверный YAML (строка { $line }): { $problem }
attest-content-repeated-key = ключ «{ $key }» повторяется
attest-content-not-a-mapping = { $file }: ожидается словарь с полями id, title, order, card, questions
attest-content-id-not-file-name = { $file }: id темы «{ $id }» не совпадает с именем файла «{ $stem }»
attest-content-no-folder = нет папки с темами: { $folder }
attest-content-no-topics = в папке { $folder } нет ни одной темы (*.yaml)
attest-content-topic-id-taken = { $file }: тема с id «{ $id }» уже есть в { $owner }
attest-content-question-id-taken = { $file }: { $id }: такой id вопроса уже есть в { $owner }
attest-content-question-number = вопрос №{ $number }
attest-content-missing-field = нет обязательного поля «{ $field }»
attest-content-extra-field = лишнее поле «{ $field }»
attest-content-empty-field = поле «{ $field }» пустое
attest-content-bad-id = поле «{ $field }»: только латиница в нижнем регистре, цифры и _
attest-content-long-id = поле «{ $field }» длиннее 40 символов
attest-content-no-type = не указан тип вопроса (type)
attest-content-unknown-type = неизвестный тип вопроса «{ $tag }» (допустимы: { $types })
attest-content-field-problem = поле «{ $field }»: { $problem }
attest-content-no-questions = в теме нет вопросов (questions)
attest-content-repeated-question-id = повторяется id вопроса «{ $id }»
attest-content-two-options = нужно не меньше двух вариантов ответа (options)
attest-content-repeated-option = повторяются варианты ответа: «{ $text }»
attest-content-single-correct = в вопросе с одним ответом должен быть ровно один верный вариант (correct: true), а отмечено { $marked }
attest-content-multiple-correct = в вопросе с несколькими ответами нужен хотя бы один верный вариант, а отмечено { $marked }
attest-content-multiple-wrong = в вопросе с несколькими ответами нужен хотя бы один неверный вариант
attest-content-bad-tolerance = tolerance «{ $tolerance }» — нужно число или доля ответа вида "1%"
attest-content-negative-tolerance = tolerance не может быть отрицательным
attest-content-no-answer = нет ответа: укажите answer или generator
attest-content-params-without-generator = params задают только вместе с generator
attest-content-answer-and-generator = answer не нужен, когда ответ считает generator — уберите одно из двух
attest-content-source-generator = генератор { $generator }
attest-content-source-fixed = вопрос с фиксированным ответом
attest-content-missing-placeholders = в { $field } есть подстановки, которых { $source } не даёт: { $placeholders }
attest-content-unknown-generator = неизвестный генератор «{ $generator }» (есть: { $known })
attest-content-ordering-size = в вопросе на порядок нужно от { $low } до { $high } пунктов (items), а их { $count }
attest-content-repeated-item = повторяются пункты (items): «{ $text }»
attest-content-matching-size = в вопросе на сопоставление нужно от { $low } до { $high } пар (pairs), а их { $count }
attest-content-repeated-left = повторяется левая часть пары (left): «{ $text }»
attest-content-repeated-right = повторяется правая часть пары (right): «{ $text }»

## `python -m bot check-content`: the summary of the quiz content (services/attestation/engine/check.py)
attest-check-verdict = Учебный контент (темы и вопросы): { $errors ->
        [0] ошибок нет
       *[other] ошибок: { $errors }
    }.
attest-check-totals = { $topics ->
        [one] { $topics } тема
        [few] { $topics } темы
       *[many] { $topics } тем
    }, { $cards ->
        [one] { $cards } карточка
        [few] { $cards } карточки
       *[many] { $cards } карточек
    }, { $questions ->
        [one] { $questions } вопрос
        [few] { $questions } вопроса
       *[many] { $questions } вопросов
    }.
attest-check-by-type = По типам: { $counts }.
attest-check-by-topic = По темам: { $counts }.
attest-check-error = ОШИБКА: { $error }
attest-check-type-single = один ответ
attest-check-type-multiple = несколько ответов
attest-check-type-numeric = число
attest-check-type-ordering = порядок
attest-check-type-matching = сопоставление

## The check recomputes each generated answer from the numbers shown
attest-check-generator-where = { $file }: { $question }: генератор { $generator }
attest-check-no-recompute = { $where }: нет независимой проверки ответа (добавьте её в RECOMPUTE)
attest-check-answer-differs = ответ генератора { $answer } расходится с пересчётом по показанным числам { $recomputed } больше допуска { $tolerance }
attest-check-shown-answer-off = показанный ответ «{ $shown }» не укладывается в допуск { $tolerance }
attest-check-placeholder-left = подстановка { $placeholder } осталась незаполненной
attest-check-unreadable-value = значение {"{"}{ $key }{"}"} = «{ $value }» не читается как число
attest-check-unreadable-threshold = порог «{ $part }» не читается
attest-check-thresholds-overlap = значение { $value } попадает в { $count ->
        [one] { $count } порог
        [few] { $count } порога
       *[many] { $count } порогов
    } из «{ $thresholds }»
attest-check-no-rfm-value = нет ни days, ни orders, ни amount
attest-check-division-by-zero = деление на ноль
# The words of the RFM thresholds above, as the check reads a threshold back
attest-check-word-up-to = до
attest-check-word-over = больше
attest-check-word-and-more = и больше
attest-check-typed-input = { $file }: { $error }
