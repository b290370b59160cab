# The funnel report (services/analytics/engine/funnel*.py): the chat / CLI text, the Excel file, the chart.
# Telegram HTML: values taken from the file arrive escaped; the plain-text (CLI) version drops the tags.
# Figures arrive formatted (1 589, 63,2 %), except $count-like numbers used to pick a plural form.

## Errors
funnel-error-no-stage-column = Для воронки нужен столбец с этапом сделки (например, «Этап сделки»).
funnel-error-no-stages = В столбце этапов пусто — не из чего строить воронку.
funnel-error-one-stage = Для воронки нужно хотя бы два этапа по порядку.

## The first line: what kind of evidence the file holds, and what it allows
funnel-title = <b>Воронка продаж</b> · { $file }.
funnel-evidence-counts = В выгрузке — число лидов на каждом этапе: конверсия шага — перешли на следующий этап ÷ все лиды этапа × 100 %.
funnel-evidence-events = В выгрузке — история переходов сделок по этапам (сделка, этап, дата):
funnel-evidence-stage-dates = В выгрузке — текущий этап каждой сделки и { $count ->
        [one] дата этапа
       *[other] даты этапов
    } ({ $columns }):
funnel-evidence-current-stage = В выгрузке — текущий этап каждой сделки, без истории переходов:
funnel-date-column = «{ $stage }» — { $column }
funnel-losses-none = проигранных сделок нет, поэтому конверсия каждого шага, с которого уже уходили сделки, — 100 %.
funnel-losses-placed = видно, до какого этапа дошла каждая проигранная сделка{ $via } — конверсию каждого шага можно посчитать.
funnel-losses-partly = видно, до какого этапа дошли { $placed } из { $lost } проигранных сделок{ $via }, а где проиграны остальные { $unplaced } — нет.
funnel-losses-unknown = видно, сколько сделок выиграно, проиграно и открыто на каждом этапе, но не видно, на каком этапе { $lost ->
        [one] проиграна { $lost } сделка
        [few] проиграны { $lost } сделки
       *[many] проиграны { $lost } сделок
    }.
funnel-via = { " " }(этап проигрыша — { $sources })
funnel-source-column = из столбца «{ $column }»
funnel-source-reason = из причины отказа

## Head figures
funnel-pipeline = Узнал воронку: { $name }.
funnel-head-deals = Сделок: { $deals } · выиграно: { $won } · проиграно: { $lost } · ещё в работе: { $open }
funnel-win-rate = Выигрывается закрытых сделок: <b>{ $rate }</b> ({ $won } из { $closed })
funnel-win-rate-none = Закрытых сделок пока нет — долю выигранных не посчитать.
funnel-head-counts = Вошло в воронку: { $first } лидов · дошли до «{ $last }»: { $reached }
funnel-head-counts-lost = { $head } · проиграно: { $lost }
funnel-overall = Общая конверсия: <b>{ $rate }</b>
funnel-won-revenue = Сумма выигранных сделок: { $sum }

## Rows left out
funnel-rows-all = В анализе все строки файла ({ $rows }).
funnel-rows-skipped = Пропущено строк: { $skipped } из { $rows }:
funnel-rows-skip-reason = • { $reason } — { $count }

## Steps
funnel-steps-title = <b>Шаги воронки</b> (перешли дальше из ушедших с этапа — перешли или проиграны на нём; сделки в работе не в счёт):
funnel-step-known = { $n }. { $stage } — перешли дальше { $moved } из { $left } ({ $rate }), проиграно: { $lost }, ещё в работе: { $open }
funnel-step-unplaced = { $n }. { $stage } — не оценить: этап проигрыша неизвестен у { $unplaced ->
        [one] { $unplaced } сделки
       *[other] { $unplaced } сделок
    }; ещё в работе: { $open }
funnel-step-no-exits = { $n }. { $stage } — не оценить: с этапа ещё никто не ушёл; ещё в работе: { $open }
funnel-step-won = { $n }. { $stage } — выиграно: { $won }
funnel-step-days = ; на этапе в среднем (медиана) { $days } дн.
funnel-steps-more = …и ещё { $count } — в файле Excel.
funnel-reach = Дошли до этапа к моменту выгрузки (из { $deals }): { $stages }.
funnel-reach-stage = «{ $stage }» — { $reached } ({ $share })
funnel-open-title = <b>Сделки в работе по этапам</b>:
funnel-open-stage = { $n }. { $stage } — { $open }
funnel-counts-title = <b>Этапы</b> (дошли → перешли дальше, конверсия, отвал):
funnel-counts-stage = { $n }. { $stage } — { $reached } → { $moved }, { $rate }, отвал { $drop }
funnel-counts-last = { $n }. { $stage } — { $reached }
funnel-warning-next-bigger = На некоторых шагах следующий этап больше предыдущего — проверьте порядок этапов или цифры.

## Judgement: only for steps whose conversion is known
funnel-bottleneck = <b>Узкое место</b>: «{ $source }» → «{ $target }» — { $rate }. { $advice }
funnel-bottleneck-among-judged = <b>Узкое место</b> среди шагов, которые можно оценить: «{ $source }» → «{ $target }» — { $rate }. { $advice }
funnel-bottleneck-none = <b>Узкое место</b> не назвать: на шагах, которые можно оценить, сделки не проигрывали.
funnel-key-step = <b>КЭВ</b>: «{ $source }» → «{ $target }» — { $rate }. { $advice }
funnel-key-step-unjudged = <b>КЭВ</b>: «{ $source }» → «{ $target }» — конверсию не оценить: { $why }.
funnel-unjudged = <b>Нельзя оценить</b>: { $steps }.
funnel-unjudged-step = «{ $source }» → «{ $target }» ({ $why })
funnel-why-unplaced = неизвестно, сколько из { $unplaced } проигранных сделок ушло на этом шаге
funnel-why-no-exits = с этапа ещё никто не ушёл
funnel-none-judged = <b>Конверсию шагов не посчитать</b>: неизвестно, на каком этапе { $unplaced ->
        [one] проиграна { $unplaced } сделка
        [few] проиграны { $unplaced } сделки
       *[many] проиграны { $unplaced } сделок
    }, поэтому нельзя назвать ни узкое место, ни конверсию КЭВ («{ $source }» → «{ $target }»).
funnel-export-hint = Где теряются сделки, покажет выгрузка истории этапов (сделка, этап, дата перехода) или выгрузка сделок с датой каждого этапа: в amoCRM — «Аналитика → Список событий» с фильтром по смене этапа сделки, в Битрикс24 — набор данных crm_deal_stage_history в BI-конструкторе (или REST-метод crm.stagehistory.list).

## Managers and loss reasons
funnel-managers-title = <b>Менеджеры</b> (выиграно из закрытых сделок; сделки в работе — отдельно):
funnel-manager = • { $name } — { $won } из { $closed } ({ $rate }); ещё в работе: { $open }
funnel-manager-none-closed = • { $name } — закрытых сделок нет; ещё в работе: { $open }
funnel-managers-more = …и ещё { $count } — в файле Excel.
funnel-reasons-title = <b>Причины отказа</b>:
funnel-reason = • { $reason } — { $count }
funnel-full-tables = Полные таблицы — в файле Excel.

## Excel file (a list of column headers is one text, a header a line)
funnel-xlsx-sheet-summary = Сводка
funnel-xlsx-sheet-steps = Шаги
funnel-xlsx-sheet-managers = Менеджеры
funnel-xlsx-sheet-reasons = Причины отказа
funnel-xlsx-summary-columns =
    Показатель
    Значение
funnel-xlsx-steps-columns =
    Этап
    Следующий этап
    Дошли до этапа
    Перешли дальше
    Проиграны на этапе
    Ещё в работе
    Конверсия, %
    Почему не оценить
    Медиана дней на этапе
funnel-xlsx-counts-columns =
    Этап
    Следующий этап
    Лидов на этапе
    Перешли дальше
    Отвал
    Ещё в работе
    Конверсия, %
    Почему не оценить
    Медиана дней на этапе
funnel-xlsx-managers-columns =
    Менеджер
    Сделок
    Выиграно
    Проиграно
    Ещё в работе
    Выигрывается закрытых, %
    Сумма выигранных
funnel-xlsx-manager-step = { $source } → { $target }, %
funnel-xlsx-reasons-columns =
    Причина
    Сделок
funnel-xlsx-file = Файл
funnel-xlsx-evidence = Что в выгрузке
funnel-xlsx-pipeline = Воронка
funnel-xlsx-pipeline-own = порядок этапов из файла или ваш
funnel-xlsx-deals = Сделок
funnel-xlsx-leads = Лидов на первом этапе
funnel-xlsx-won = Выиграно
funnel-xlsx-lost = Проиграно
funnel-xlsx-open = Ещё в работе
funnel-xlsx-unplaced = Проиграно, этап неизвестен
funnel-xlsx-win-rate = Выигрывается закрытых сделок, %
funnel-xlsx-overall = Общая конверсия, %
funnel-xlsx-bottleneck = Узкое место
funnel-xlsx-key-step = КЭВ (ключевой этап)
funnel-xlsx-unjudged = Нельзя оценить
funnel-xlsx-export-hint = Где взять выгрузку с этапами проигрыша
funnel-xlsx-won-revenue = Сумма выигранных сделок
funnel-xlsx-rows-total = Строк в файле
funnel-xlsx-rows-used = Строк в анализе
funnel-xlsx-skipped = Пропущено: { $reason }
funnel-xlsx-step-name = «{ $source }» → «{ $target }»

## Chart
funnel-chart-title-counts = Воронка продаж · число лидов по этапам · общая конверсия { $rate }
funnel-chart-title-deals = Воронка продаж · { $evidence } · выигрывается { $rate } закрытых сделок
funnel-chart-title-deals-none = Воронка продаж · { $evidence } · закрытых сделок нет
funnel-chart-evidence-events = история переходов
funnel-chart-evidence-stage-dates = текущие этапы и даты этапов
funnel-chart-evidence-current-stage = текущие этапы, без истории переходов
funnel-chart-moved = перешли дальше
funnel-chart-lost = проиграны на этапе
funnel-chart-open = ещё в работе
funnel-chart-drop = отвал
funnel-chart-unjudged = не оценить
funnel-chart-open-title = Сделки в работе по этапам
funnel-chart-closed-title = Закрытые сделки
funnel-chart-unknown-note = Этап проигрыша неизвестен у { $unplaced ->
        [one] { $unplaced } сделки
       *[other] { $unplaced } сделок
    } — конверсию шагов не оценить
