# The daily drill: /drill settings, the day's questions, streaks, the weekly note, the owner's team view.
# HTML. { $name } placeholders are filled by the code; user-provided values are escaped before.
# Facts come from the code: the quiet hours and the choices from services/attestation/drill/engine/calendar.py.

## Plurals used inside other texts
drill-questions = { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }

## /drill
drill-home =
    🧠 <b>Ежедневная тренировка</b>

    Каждый день в выбранное время — несколько вопросов по методике, ответ одним нажатием. Что вы помните хорошо, я спрашиваю реже, в чём ошибаетесь — чаще: интервалы считает алгоритм FSRS.
drill-home-on =
    Статус: ✅ включена
    Время: { $time } ({ $zone })
    Дни: { $days }
    Вопросов в день: { $per_day }
    Следующая тренировка: { $next }
drill-home-off =
    Статус: ⏸ выключена
    Включите — и вопросы начнут приходить: { $days } в { $time }, { $per_day } за раз. Время, дни и число вопросов можно поменять.
drill-home-streak = 🔥 Серия: { $streak ->
        [one] { $streak } день
        [few] { $streak } дня
       *[many] { $streak } дней
    } подряд
drill-home-board-on = 🏆 Ваша серия видна в рейтинге ваших команд.
drill-home-board-off = 🏆 Ваша серия не показывается в рейтинге команд.
drill-home-owner = 👥 Для своей команды: пригласите всех в тренировку и смотрите, что команда помнит по каждой теме.
drill-turned-on = ✅ Тренировка включена.
drill-turned-off = ⏸ Тренировка выключена. Включить снова можно здесь же, в /drill.
drill-already-on = Тренировка у вас уже включена.
drill-saved-time = Время тренировки: { $time }.
drill-board-joined = 🏆 Теперь ваша серия видна в рейтинге команды.
drill-board-left = Ваша серия больше не показывается в рейтинге команды.

## Settings choices
drill-ask-time = 🕘 Во сколько присылать вопросы? Выберите время или напишите своё, например <i>10:15</i>. С 21:00 до 08:00 бот молчит.
drill-ask-days = 📅 В какие дни присылать вопросы? Нажмите на день, чтобы включить или выключить его.
drill-ask-count = 🔢 Сколько вопросов присылать за день?
drill-ask-zone = 🌍 Ваш часовой пояс? Время тренировки считается по нему.
drill-ask-zone-first = 🌍 Сначала часовой пояс — время тренировки считается по нему. Сейчас: { $zone }.
drill-time-bad = Не понял время. Напишите его так: <i>09:30</i>.
drill-time-quiet = С 21:00 до 08:00 бот не присылает тренировки. Выберите время с 08:00 до 20:59.
drill-days-empty = Оставьте хотя бы один день.
drill-days-every = каждый день
drill-days-weekdays = по будням
drill-weekday = { $day ->
        [mon] пн
        [tue] вт
        [wed] ср
        [thu] чт
        [fri] пт
        [sat] сб
       *[sun] вс
    }
drill-when = { $day }, { $date } в { $time }
drill-zone-label = { $name }, { $offset }
drill-zone-kaliningrad = Калининград
drill-zone-moscow = Москва
drill-zone-samara = Самара
drill-zone-yekaterinburg = Екатеринбург
drill-zone-omsk = Омск
drill-zone-novosibirsk = Новосибирск
drill-zone-krasnoyarsk = Красноярск
drill-zone-irkutsk = Иркутск
drill-zone-yakutsk = Якутск
drill-zone-vladivostok = Владивосток
drill-zone-magadan = Магадан
drill-zone-kamchatka = Камчатка

## Buttons
drill-button-on = ▶️ Включить тренировку
drill-button-off = ⏸ Выключить тренировку
drill-button-time = 🕘 Время
drill-button-days = 📅 Дни
drill-button-count = 🔢 Вопросов в день
drill-button-zone = 🌍 Часовой пояс
drill-button-board-join = 🏆 Показывать мою серию команде
drill-button-board-leave = 🏆 Не показывать мою серию
drill-button-board = 🏆 Серии: { $team }
drill-button-team-card = 🧠 Тренировка
drill-button-team-board = 🏆 Рейтинг серий
drill-button-team = 👥 Тренировка команды: { $team }
drill-button-back = « Назад
drill-button-weekdays = Будни
drill-button-every-day = Каждый день
drill-button-next = Дальше ▶
drill-button-done = Готово ✔
drill-button-reset = Сбросить ↺
drill-button-settings = ⚙️ Настройки тренировки
drill-button-accept = ✅ Участвовать
drill-button-invite = 📨 Пригласить команду в тренировку
drill-button-assign-weakest = 📝 Назначить тему: { $topic }
drill-button-back-to-team = « Команда

## The day's drill
drill-question-head = 🧠 <b>Тренировка на { $date }</b>
drill-week-note = 📅 <b>Итоги недели:</b> { $correct } из { $total } верно.
drill-week-note-weakest = 📅 <b>Итоги недели:</b> { $correct } из { $total } верно, слабее всего — { $topic }.
drill-summary = 🏁 <b>Тренировка пройдена: { $correct } из { $total }</b>, серия { $streak ->
        [one] { $streak } день
        [few] { $streak } дня
       *[many] { $streak } дней
    }.
drill-over-done = Эта тренировка уже пройдена. Следующая придёт по расписанию.
drill-over-missed = Эта тренировка закончилась — уже пришла следующая.
drill-stale = Эта кнопка устарела.
drill-foreign = Это не ваша тренировка.
drill-no-option = Такого варианта нет.
drill-already-picked = Этот вариант уже выбран.
drill-nothing-ticked = Отметьте хотя бы один вариант, потом «Готово».
drill-question-gone = Этого вопроса больше нет в базе — он пропущен.

## A team owner's invitation (sent by the team scheduler)
drill-invite =
    🧠 { $owner } приглашает команду «{ $team }» в ежедневную тренировку.

    { $per_day } { $days } в { $time } ({ $zone }) — пара минут в день, чтобы методика не забывалась. Что вы помните хорошо, спрашиваю реже, ошибки — чаще.

    Нажмите «Участвовать». Время и дни можно поменять, а выключить тренировку — в любой момент в /drill.

## The owner's view of a team
drill-team-title = 🧠 <b>Тренировка команды «{ $team }»</b>
drill-team-participation = Участвуют: { $on } из { $members }. За 7 дней пройдено тренировок: { $done } из { $delivered }.
drill-team-member-on = • { $name } — ✅ серия { $streak ->
        [one] { $streak } день
        [few] { $streak } дня
       *[many] { $streak } дней
    }
drill-team-member-off = • { $name } — ⏸ не участвует
drill-team-recall-title = <b>Команда помнит</b> (прогноз FSRS на сегодня):
drill-team-recall-line = • { $topic } — { $percent } %
drill-team-recall-empty = Прогноз по темам появится после первых ответов.
drill-team-weakest = Слабее всего — { $topic }: назначьте эту тему, чтобы команда её повторила.
drill-team-empty = В команде «{ $team }» пока никого нет. Отправьте менеджерам ссылку-приглашение.
drill-team-all-in = Все участники уже в тренировке.
drill-team-invited = 📨 { $count ->
        [one] Отправлено { $count } приглашение
        [few] Отправлено { $count } приглашения
       *[many] Отправлено { $count } приглашений
    }: у участника появится кнопка «Участвовать».

## The streak leaderboard
drill-board-title = 🏆 <b>Серии команды «{ $team }»</b>
drill-board-line = { $n }. { $name } — { $streak ->
        [one] { $streak } день
        [few] { $streak } дня
       *[many] { $streak } дней
    }
drill-board-empty = Пока никто не показывает свою серию. Включить: /drill → «🏆 Показывать мою серию команде».
