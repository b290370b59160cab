# Teams: /team, invites, the assignment wizard, scheduled messages, the dashboard and its XLSX.
# HTML. { $name } placeholders are filled by the code; user-provided values are escaped before.
# Facts come from the code: $exam_size and $pass_mark from services.attestation.engine.exam, $limit from
# services.teams.flow.service, $days from services.teams.engine.deadlines.

## Refusals
team-no-access-owner = Нет доступа: вы не управляете этой командой.
team-no-access-member = Нет доступа: вы не состоите в этой команде.
team-invite-invalid = Нет доступа: приглашение недействительно — ссылку заменили на новую или команду удалили. Попросите у руководителя свежую ссылку.

## /team: the list of teams
team-intro =
    👥 <b>Моя команда</b>

    Руководитель собирает команду по ссылке-приглашению, назначает экзамен или темы со сроком и видит, кто что знает. Менеджеры получают задания здесь, в чате, и видят только свои результаты.
team-owned-header = <b>Ваши команды</b> — откройте, чтобы пригласить, назначить задание или посмотреть дашборд:
team-joined-header = <b>Вы участник команд:</b>
team-joined-line = • «{ $team }» — владелец { $owner }
team-nothing-yet = Вы пока не создали команду и не состоите ни в одной. Создайте свою или попросите у руководителя ссылку-приглашение.

## Creating a team
team-ask-name =
    Как назовём команду? Напишите название, например: <i>Отдел продаж, Москва</i>.

    /cancel — передумать.
team-name-empty = В названии должна быть хотя бы одна буква или цифра. Напишите название ещё раз.
team-name-too-long = Слишком длинное название — не больше { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }. Напишите покороче.
team-too-many-teams = У вас уже { $limit ->
        [one] { $limit } команда
        [few] { $limit } команды
       *[many] { $limit } команд
    } — это максимум. Удалите ненужную, чтобы создать новую.

## The team card and its invite
team-card =
    👥 <b>Команда «{ $team }»</b>
    Участников: { $count }

    Ссылка-приглашение — отправьте её менеджерам:
    { $url }

    Менеджер откроет ссылку, подтвердит вступление и появится в списке участников.
team-invite-caption =
    🔗 Приглашение в команду «{ $team }»:
    { $url }

    QR-код можно распечатать или показать с экрана: менеджер наведёт камеру и сразу попадёт в бота.
# «♻️ Новая ссылка» asks first: printed and sent QR codes die with the old link
team-regenerate-confirm =
    ♻️ Заменить ссылку-приглашение команды «{ $team }»?

    Старая ссылка и все QR-коды с ней — распечатанные и уже отправленные — перестанут работать: по ним больше никто не вступит. Кто уже в команде, в ней останется.

    Новую ссылку и QR-код нужно будет заново отправить менеджерам.
# A second «Да, заменить» (a double tap, an old confirmation): nothing is replaced, the card is shown
team-regenerate-stale = Ссылку уже заменили — действует та, что в карточке команды.
# Above the new invite's caption
team-regenerated = ♻️ Новая ссылка готова, старая больше не работает.
# The toast under «♻️ Новая ссылка»
team-regenerated-toast = Готово: старая ссылка больше не работает.

## Members
team-members-header = 👥 <b>Участники команды «{ $team }»</b> — { $count }:
team-member-line = { $n }. { $name } — в команде с { $date }
team-members-hint = Чтобы удалить участника, нажмите на его имя.
team-members-empty = В команде пока никого нет. Отправьте менеджерам ссылку-приглашение.
team-remove-confirm =
    Удалить участника «{ $member }» из команды «{ $team }»?

    Новые задания и напоминания ему больше не придут, а его результаты пропадут из вашего дашборда.
team-removed = { $member } больше не в команде «{ $team }».
team-not-a-member = Этого человека уже нет в команде.

## Deleting the team
team-delete-confirm =
    Удалить команду «{ $team }»?

    Участники, задания и ссылка-приглашение будут удалены безвозвратно. Свои результаты аттестации участники сохранят.
team-deleted = Команда «{ $team }» удалена.

## Joining by the link
team-join-offer =
    Вас приглашают в команду «{ $team }».
    Владелец: { $owner }.

    В команде вы будете получать задания от руководителя, а он — видеть ваши результаты аттестации. Вступить?
team-joined =
    🎉 Готово — вы в команде «{ $team }» (владелец: { $owner }).

    Задания от руководителя придут сюда, в этот чат. Свои задания и результаты — в /team.
team-already-member = Вы уже в команде «{ $team }» (владелец: { $owner }). Ваши задания — в /team.
team-own-team = Это приглашение в вашу же команду «{ $team }» — вы её владелец. Отправьте ссылку менеджерам.
team-join-stale = Приглашение устарело. Откройте ссылку-приглашение ещё раз.
team-join-declined = Хорошо, вы не вступили в команду. Если передумаете, откройте ссылку ещё раз.

## The assignment wizard: what → deadline → who
team-assign-what =
    📝 <b>Новое задание для команды «{ $team }»</b>

    Что назначить?
team-kind-exam = 🎓 Экзамен ({ $exam_size ->
        [one] { $exam_size } вопрос
        [few] { $exam_size } вопроса
       *[many] { $exam_size } вопросов
    })
team-kind-topics = 📚 Тренировки по темам
team-pick-topics = 📚 Отметьте темы для тренировки — можно несколько — и нажмите «Готово».
# Below team-pick-topics, after a blank line
team-picked-topics = Выбрано: { $topics }.
team-no-topics-picked = Отметьте хотя бы одну тему.
team-ask-deadline =
    📅 <b>Срок</b> для задания «{ $what }».

    Выберите вариант или напишите дату в формате дд.мм.гггг — например, { $example }.
team-deadline-days = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
team-deadline-week = Неделя
team-deadline-two-weeks = Две недели
team-deadline-format = Не понял дату. Напишите её в формате дд.мм.гггг — например, { $example }.
team-deadline-past = Эта дата уже прошла. Укажите сегодняшнюю или более позднюю.
team-deadline-too-far = Срок не может быть дальше чем через год. Укажите дату поближе.
team-ask-who = 👥 Кому назначить «{ $what }» со сроком до { $date }?
team-who-all = Всем участникам ({ $count })
team-who-pick = Выбрать участников
team-pick-members = Отметьте участников и нажмите «Назначить».
team-no-members = В команде пока нет участников — назначать некому. Сначала отправьте менеджерам ссылку-приглашение.
team-no-members-picked = Отметьте хотя бы одного участника.
team-assigned =
    ✅ Задание назначено: { $what }, срок — до { $date } включительно.
    Получатели ({ $count }): { $names }.

    За день до срока я напомню тем, кто ещё не выполнил, а когда срок пройдёт, пришлю вам сводку.
team-wizard-stale = Этот мастер задания устарел — задание уже назначено или начато заново. Откройте /team.

## How an assignment is named (plain text)
team-exam-title = Экзамен
team-topics-title = Тренировки: { $topics }
team-assignment-title = { $what } (до { $date })
team-exam-task = Сдать экзамен: { $exam_size ->
        [one] { $exam_size } вопрос
        [few] { $exam_size } вопроса
       *[many] { $exam_size } вопросов
    } по всем темам, порог — { $pass_mark } %.
team-topics-task =
    Пройти тренировки по темам:
    { $topics }

## Scheduled messages
team-assigned-member =
    📝 <b>Новое задание</b> от команды «{ $team }» (руководитель: { $owner }).

    { $task }

    Срок — до { $date } включительно. Нажмите кнопку ниже, чтобы начать.
# Followed by team-progress-* after a blank line when there is progress to show
team-remind-member =
    ⏰ Напоминание: завтра, { $date }, истекает срок задания от команды «{ $team }».

    { $task }
team-overdue-member =
    ⛔ Срок задания от команды «{ $team }» истёк { $date }, а оно не выполнено.

    { $task }

    Выполните его как можно скорее — руководитель увидит результат.
team-progress-exam = Ваш лучший результат пока { $percent } % — нужно не меньше { $pass_mark } %.
team-progress-topics = Пройдено тем: { $done } из { $total }.
team-summary-owner =
    📋 <b>Срок задания истёк</b>: { $title }, команда «{ $team }».
    Выполнили в срок: { $done } из { $total }.

    { $lines }
team-result-passed =
    🎓 { $member }: экзамен сдан — { $percent } %.
    Задание команды «{ $team }», срок — до { $date }.
team-result-failed =
    ❌ { $member }: экзамен не сдан — { $percent } % (нужно не меньше { $pass_mark } %).
    Задание команды «{ $team }», срок — до { $date }.
team-button-start-exam = 🎓 Начать экзамен
team-button-team-dashboard = 📊 Дашборд команды

## Where a member stands on an assignment
team-status-done = ✅ выполнено
team-status-late = ☑️ выполнено с опозданием
team-status-failed = ❌ не сдано
team-status-progress = 🔄 пройдено тем: { $done } из { $total }
team-status-new = ⏳ не начато
team-status-overdue = ⛔ просрочено
team-status-with-score = { $headline }, верных ответов { $percent } %
# An exam the member is taking now: the question he is at and the exam's size
team-exam-progress = в процессе: { $position } из { $total }
team-status-exam-progress = 🔄 { $progress }
team-status-overdue-progress = ⛔ просрочено, { $progress }
# An exam being taken after a failed one: the best finished score so far
team-status-best-so-far = { $headline }, лучший результат пока { $percent } %

## The owner's dashboard
team-board-header =
    📊 <b>Дашборд команды «{ $team }»</b>
    Участников: { $count } · заданий: { $assignments }
team-board-empty = В команде пока нет участников — дашборду нечего показать. Отправьте менеджерам ссылку-приглашение.
team-best-exam = Экзамен: лучший результат { $percent } % — { $verdict }
team-no-exam = Экзамен: попыток пока нет
# The member is taking the exam now and has no finished attempt
team-exam-open = Экзамен: { $progress }
# A finished attempt, and another being taken now
team-best-exam-open = { $best } · сейчас { $progress }
team-passed = сдан ✅
team-not-passed = не сдан
team-weak-topics = Слабые темы: { $topics }
team-board-topics-header = <b>Команда по темам</b> — средняя доля верных ответов:
team-board-topic-line = { $light } { $title } — { $percent } % ({ $members } чел.)
team-board-weakest = <b>Три самые слабые темы:</b> { $topics }
team-no-answers-yet = По темам пока нет результатов: участники ещё не завершили ни одной тренировки или экзамена.
# After the last member block that fits, following a blank line
team-board-truncated = … Полная версия — в выгрузке Excel.
team-export-caption = 📥 Дашборд команды «{ $team }»: участники, задания и темы — на отдельных листах.

## The dashboard as XLSX: sheet names, column headers, yes / no
team-xlsx-sheet-members = Участники
team-xlsx-sheet-assignments = Задания
team-xlsx-sheet-topics = Темы
team-xlsx-member = Участник
team-xlsx-username = Username
team-xlsx-best-exam = Лучший результат экзамена, %
team-xlsx-exam-passed = Экзамен сдан
team-xlsx-exam-attempts = Попыток экзамена
team-xlsx-weak-topics = Слабые темы
team-xlsx-exam-now = Экзамен сейчас
team-xlsx-assignment = Задание
team-xlsx-deadline = Срок
team-xlsx-status = Статус
team-xlsx-result = Результат, %
team-xlsx-done = Выполнено
team-xlsx-topic = Тема
team-xlsx-topic-percent = Средняя доля верных, %
team-xlsx-topic-members = Участников ответили
team-xlsx-topic-answers = Ответов
team-xlsx-topic-weakest = Среди трёх слабых
team-xlsx-yes = да
team-xlsx-no = нет

## A member's own page in a team
team-my-header =
    👥 <b>Команда «{ $team }»</b>, владелец — { $owner }.

    <b>Ваши задания:</b>
team-my-no-assignments = Заданий пока нет.
team-my-results-header = <b>Ваши результаты:</b>

## Buttons
team-button-create = ➕ Создать команду
team-button-my-tasks-in = 📋 { $team }: мои задания
team-button-invite = 🔗 Ссылка и QR-код
team-button-regenerate = ♻️ Новая ссылка
team-button-regenerate-yes = Да, заменить
team-button-members = 👥 Участники
team-button-assign = 📝 Назначить задание
team-button-dashboard = 📊 Дашборд
team-button-delete = 🗑 Удалить команду
team-button-back-to-teams = « Мои команды
team-button-back-to-team = « Команда
team-button-remove-yes = Да, удалить
team-button-delete-yes = Да, удалить команду
team-button-cancel = Отмена
team-button-join = ✅ Вступить
team-button-my-tasks = 📋 Мои задания
team-button-assign-weakest = 📝 Назначить три слабые темы
team-button-export = 📥 Выгрузить в Excel
team-button-wizard-cancel = « Отмена
team-button-topics-done = Готово ▶
team-button-assign-picked = Назначить ▶

## Dialogue simulator scenarios as assignments, and the simulator's results on the dashboard and in the XLSX
team-kind-scenarios = 🎭 Сценарии тренажёра диалогов
team-pick-scenarios = 🎭 Отметьте сценарии тренажёра диалогов — можно несколько — и нажмите «Готово».
team-no-scenarios-picked = Отметьте хотя бы один сценарий.
team-scenarios-title = Тренажёр диалогов: { $scenarios }
team-scenarios-task =
    Пройти в тренажёре диалогов (/sim) до конца:
    { $scenarios }
team-status-progress-sim = 🔄 пройдено сценариев: { $done } из { $total }
team-status-with-sim-score = { $headline }, результат { $percent } %
team-progress-sim = Пройдено сценариев: { $done } из { $total }.
team-sim-results = Тренажёр диалогов: { $count ->
        [one] пройден { $count } сценарий
        [few] пройдено { $count } сценария
       *[many] пройдено { $count } сценариев
    }, лучший результат { $percent } %
team-xlsx-sim-done = Сценариев пройдено
team-xlsx-sim-best = Тренажёр: лучший %
