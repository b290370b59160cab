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
