# The dialogue simulator («🎭 Тренажёр диалогов»): the step message, the final screen, the content check.
# HTML. Content texts (client lines, replies) are escaped by the code before they are put in.

## One step: the header, the dialogue so far, the client's line, the replies
sim-step-header =
    🎭 <b>{ $title }</b>
    <i>{ $business } · шаг { $number }</i>
sim-client = <b>{ $name }:</b> { $text }
sim-you = <b>Вы:</b> { $text }
sim-scene = <i>{ $text }</i>
sim-history-cut = <i>…начало разговора не поместилось в сообщение</i>
sim-hint-numbers = <i>Выберите ответ: нажмите кнопку с его номером.</i>
sim-hint-buttons = <i>Выберите ответ кнопкой.</i>

## The final screen
sim-kind-advanced = шаг вперёд
sim-kind-postponed = пауза
sim-kind-lost = потеря
sim-result-ending = 🏁 <b>{ $title }</b> · { $kind }
sim-result-skills = <b>Навыки</b>
sim-result-skill = { $name }: { $earned } из { $possible }
sim-result-total = <b>Итог: { $earned } из { $possible } ({ $percent } %)</b>
sim-result-worst = <b>Где можно было сильнее</b>
sim-result-moment =
    { $number }. <b>{ $name }:</b> «{ $client }»
    <b>Вы:</b> «{ $chosen }»
    <b>Лучше:</b> «{ $better }»
    <i>Почему: { $why }</i>
sim-result-perfect = <b>Каждый ваш ответ был лучшим из возможных.</b>

## python -m bot check-content
sim-check-summary = Тренажёр диалогов: { $scenarios ->
        [one] { $scenarios } сценарий
        [few] { $scenarios } сценария
       *[many] { $scenarios } сценариев
    }, { $decisions ->
        [one] { $decisions } точка выбора
        [few] { $decisions } точки выбора
       *[many] { $decisions } точек выбора
    }, { $endings ->
        [one] { $endings } концовка
        [few] { $endings } концовки
       *[many] { $endings } концовок
    }.

## Content errors (content/simulator.yaml, content/scenarios/*.yaml), for the person who writes scenarios
sim-err-field = { $where }: { $problem }
sim-err-field-missing = нет обязательного поля
sim-err-field-extra = лишнее поле
sim-err-field-empty = пустое поле
sim-err-field-ident = только латиница в нижнем регистре, цифры и _
sim-err-field-long = длиннее { $limit } символов
sim-err-field-few = слишком мало элементов (ответов в шаге — от 2 до 4, концовок — не меньше 2)
sim-err-field-many = слишком много элементов (ответов в шаге — не больше 4)
sim-err-field-enum = неизвестный вид концовки (допустимы advanced, postponed, lost)
sim-err-unreadable = { $file }: файл не читается: { $error }
sim-err-yaml = { $file }: неверный YAML (строка { $line }): { $error }
sim-err-id-file = { $file }: id сценария «{ $id }» не совпадает с именем файла
sim-err-no-scenarios = в папке { $folder } нет ни одного сценария (*.yaml)
sim-err-unknown-stage = неизвестный этап «{ $stage }» (этапы — в simulator.yaml)
sim-err-unknown-role = неизвестная роль «{ $role }» (роли — в simulator.yaml)
sim-err-unknown-card = { $where }: нет карточки «{ $topic }» (карточки — файлы content/topics/)
sim-err-unknown-skill = ответ { $where }: неизвестный навык «{ $skill }» (навыки — в simulator.yaml)
sim-err-score = ответ { $where }: балл { $value } за навык { $skill } вне диапазона { $low }–{ $high }
sim-err-no-single-best = шаг { $where }: лучший ответ должен быть один, а по сумме баллов их несколько
sim-err-best-not-top = ответ { $where }: по навыку { $skill } набирает больше лучшего ответа шага — лучший ответ должен быть не хуже остальных по каждому навыку
sim-err-reply-repeats = шаг { $where }: ответы повторяются
sim-err-why-long = ответ { $where }: пояснение why — одна строка не длиннее { $limit } символов
sim-err-no-start = нет шага «{ $start }», с которого начинается сценарий (start)
sim-err-dead-end = ответ { $where }: тупик — ведёт в «{ $target }», а такого шага или концовки нет
sim-err-unreachable-step = до шага «{ $step }» нельзя дойти от начала
sim-err-unreachable-ending = до концовки «{ $ending }» нельзя дойти от начала
sim-err-cycle = разговор ходит по кругу: { $path }
sim-err-ending-kinds = нужны концовки хотя бы { $count } разных видов (advanced, postponed, lost)
sim-err-short-path = есть путь к концовке всего через { $count ->
        [one] { $count } решение
        [few] { $count } решения
       *[many] { $count } решений
    }, а нужно не меньше { $minimum }
sim-err-title-long = название длиннее { $limit } символов и не влезет на кнопку
sim-err-message-long = шаг { $where }: сообщение — { $length ->
        [one] { $length } символ
        [few] { $length } символа
       *[many] { $length } символов
    }, Telegram принимает не больше { $limit }
sim-err-label-long = шаг { $where }: подпись кнопки длиннее { $limit } символов
sim-err-final-long = итоговый экран может занять { $length ->
        [one] { $length } символ
        [few] { $length } символа
       *[many] { $length } символов
    }, Telegram принимает не больше { $limit }

## The chat: /sim, the menu's «🎭 Тренажёр диалогов»
sim-list-title =
    🎭 <b>Тренажёр диалогов</b>
    Клиент говорит — вы выбираете ответ. За каждый ответ — баллы по навыкам, в конце — разбор и карточка по теме.
    Пройдено { $done } из { $total ->
        [one] { $total } сценария
       *[other] { $total } сценариев
    }.
sim-list-stage = <b>{ $stage }</b>
sim-list-item = { $done ->
        [yes] ✅ { $number }. { $title } · <i>{ $role }</i> — лучший результат { $percent } %
       *[no] ▫️ { $number }. { $title } · <i>{ $role }</i>
    }
sim-list-open = ⏸ Не закончен разговор «{ $title }» — продолжить?
sim-button-scenario = { $done ->
        [yes] ✅ { $title }
       *[no] { $title }
    }
sim-button-resume = ▶️ Продолжить: { $title }
sim-button-continue = ▶️ Продолжить
sim-button-replay = 🔁 Пройти ещё раз
sim-button-card = 📖 Карточка: { $title }
sim-button-list = 🎭 К списку сценариев

## Pausing, old and foreign buttons (toasts are plain text)
sim-paused = ⏸ Разговор «{ $title }» на паузе. Продолжить с того же места?
sim-paused-toast = Этот разговор на паузе — продолжить?
sim-paused-note = ⏸ Разговор «{ $title }» на паузе — продолжить: /sim
sim-stale-toast = Этот ответ уже учтён — выберите ответ в текущем шаге.
sim-finished-toast = Этот разговор уже закончен. Сыграть снова — «Пройти ещё раз» на итоговом экране или /sim.
sim-abandoned-toast = Этот разговор закрыт: вы начали другой. Список сценариев — /sim.
sim-foreign = Эта кнопка не из вашего разговора. Список сценариев — /sim.
sim-scenario-gone = Этого сценария больше нет. Список сценариев — /sim.
sim-content-changed = Сценарий изменился, и этот разговор нельзя продолжить. Начните его заново в /sim.
sim-no-such-reply = Такого ответа нет — выберите ответ кнопкой.

## /results
sim-results-title = 🎭 <b>Тренажёр диалогов</b>
sim-results-empty = Пока ни одного пройденного сценария — попробуйте /sim.
sim-results-line = • { $title }: лучший результат { $earned } из { $possible } ({ $percent } %), { $plays ->
        [one] пройден { $plays } раз
        [few] пройден { $plays } раза
       *[many] пройден { $plays } раз
    }
