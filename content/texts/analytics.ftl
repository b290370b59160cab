# «Анализ файла»: the chat, the reports (Telegram HTML; the plain-text copy for the command line drops the tags),
# the Excel files, the charts and `python -m bot rfm|funnel|seasonality`.
# { $name } placeholders are filled by the code; values from the user's file arrive already escaped.
# Facts (limits, the minimum of months, the plan's length) come from code constants.

## The chat
analytics-prompt =
    <b>Анализ файла</b>

    Пришлите CSV или XLSX (можно ZIP с одной таблицей) — выгрузку из 1С, amoCRM, Битрикс24, Excel или интернет-магазина.
    • Покупки или список клиентов → <b>RFM-сегменты</b> и что делать с каждым;
    • Сделки или этапы воронки → <b>конверсия</b> каждого этапа и узкое место;
    • Продажи по датам или месяцам (от { $min_months } { $min_months ->
        [one] месяца
       *[other] месяцев
    }) → <b>сезонность</b> и план на { $plan_months ->
        [one] { $plan_months } месяц
        [few] { $plan_months } месяца
       *[many] { $plan_months } месяцев
    }.

    Я сам пойму, что в файле, а если не уверен — спрошу.
analytics-not-a-document = Пришлите таблицу файлом (скрепка → «Файл»), а не фото: CSV или XLSX.
analytics-waiting-file = Жду файл CSV или XLSX. Пришлите его документом или нажмите /cancel.
analytics-question-stale = Этот вопрос уже неактуален. Пришлите файл ещё раз.
analytics-answer-with-button = Ответьте кнопкой под вопросом или пришлите другой файл. /cancel — выйти.
analytics-request-stale = Пришлите файл ещё раз — прошлый запрос устарел.
analytics-thresholds-prompt =
    Напишите свои границы баллов для давности (Д, дней), частоты (Ч, покупок) и суммы (С, ₽).
    Например: <code>Д 30 90; Ч 2 5; С 10000 50000</code>
    Две границы дают баллы 1–3: давность до 30 дней — 3, 31–90 — 2, дольше — 1.
# What the chart and the Excel file of each analysis hold ($kind: rfm | funnel | seasonality).
analytics-chart-caption = { $kind ->
    [rfm] Сегменты RFM: сколько в каждом клиентов и какая доля выручки
    [funnel] Воронка: сколько сделок дошло до каждого этапа и конверсия шагов
   *[seasonality] Продажи по месяцам{ $plan ->
        [yes] {" "}и план
       *[no] {""}
    }; ниже — { $enough_years ->
        [yes] коэффициенты сезонности по месяцам
       *[no] доля каждого месяца в годовых продажах
    }
}
analytics-xlsx-caption = { $kind ->
    [rfm] Excel: каждый клиент с баллами R, F, M и сегментом; сводка по сегментам.
    [funnel] Excel: сводка, шаги воронки с конверсией{ $managers ->
        [yes] , разбивка по менеджерам
       *[no] {""}
    }{ $reasons ->
        [yes] , причины отказа
       *[no] {""}
    }.
   *[seasonality] Excel: продажи по месяцам, { $enough_years ->
        [yes] коэффициенты сезонности
       *[no] профиль года
    }{ $plan ->
        [yes] {" "}и план
       *[no] {""}
    }.
}
# Value-axis labels of a chart: large numbers shortened.
analytics-axis-thousands = { $value } тыс.
analytics-axis-millions = { $value } млн
analytics-button-scale = Шкала 1–{ $scale }
analytics-button-own-thresholds = Свои границы баллов
# $size is "unknown" when Telegram refused the download of a file whose size the update did not carry.
analytics-file-too-big =
    { $size ->
        [unknown] Файл больше { $limit } МБ, а Telegram позволяет боту скачать не больше { $limit } МБ.
       *[other] Файл весит { $size } МБ, а Telegram позволяет боту скачать не больше { $limit } МБ.
    }
    Что можно сделать:
    • заархивировать его в ZIP (CSV сжимается в 5–10 раз) и прислать архив;
    • выгрузить период покороче или только нужные столбцы;
    • или запустить бота с собственным сервером Bot API (TELEGRAM_API_SERVER с режимом --local) — тогда лимит { $local_limit } МБ.
analytics-table-over-budget =
    Таблица в файле «{ $file }» занимает { $size } МБ без сжатия, а в чате я анализирую таблицы до { $limit } МБ: больше не поместится в память бота.
    Пришлите выгрузку покороче: за меньший период или только нужные столбцы (например, клиент, дата и сумма).
analytics-queue-place = ⏳ Сейчас я считаю другие файлы. Ваш «{ $file }» — { $place }-й в очереди, начну, как только освободится место.
analytics-queue-started = Очередь дошла — считаю «{ $file }»…

## Other analyses of the same file, and analyses interrupted by a restart
analytics-button-other = { $kind ->
    [rfm] RFM по клиентам этого файла
    [funnel] Воронка продаж по этому файлу
   *[seasonality] Сезонность по этому файлу
}
analytics-file-gone = Этого файла у меня уже нет: я храню файлы { $hours } { $hours ->
        [one] час
        [few] часа
       *[many] часов
    }. Пришлите его ещё раз — и я посчитаю что нужно.
analytics-interrupted =
    Анализ файла «{ $file }» прервался: бот перезапускался.
    Файл у меня сохранён — запустить анализ снова?
analytics-interrupted-resend =
    Анализ файла «{ $file }» прервался: бот перезапускался.
    Самого файла у меня нет — пришлите его ещё раз, и я посчитаю.
analytics-button-rerun = Запустить снова
analytics-rerun-done = Этот анализ уже запущен снова.
analytics-busy-in-flow = Сначала закончите то, что начали (или нажмите /cancel), а потом нажмите эту кнопку ещё раз.

## Questions about a file
analytics-ask-kind =
    Не уверен, что в файле <b>{ $file }</b>. Что посчитать?
    Столбцы: { $columns }
analytics-kind-rfm = RFM-сегменты клиентов
analytics-kind-funnel = Конверсия воронки продаж
analytics-kind-seasonality = Сезонность продаж
analytics-unknown-kind = Не знаю такого анализа: { $kind }. Есть { $kinds } и { $last }.
analytics-ask-column-tied = Какой столбец — «{ $role }»? Подходят несколько.
analytics-ask-column-missing = Не нашёл столбец «{ $role }». Выберите его из столбцов файла.
analytics-ask-stage-order = Не узнал воронку. Предлагаю такой порядок этапов:
analytics-ask-stage-order-lost = Проигрыш: { $stages }
analytics-ask-stage-order-hint = Подтвердите или пришлите свой порядок через запятую.
analytics-button-order-confirm = Порядок верный
# The role a column plays, as a question names it; an unknown role is shown as it is.
analytics-role = { $role ->
    [client] Клиент
    [date] Дата
    [amount] Сумма
    [quantity] Количество
    [price] Цена
    [order] Номер заказа
    [status] Статус заказа
    [count] Количество
    [stage] Этап
    [manager] Ответственный
    [lost_reason] Причина отказа
    [lost_stage] Этап, на котором сделка проиграна
    [deal] Сделка
    [created] Дата создания
    [closed] Дата закрытия
    [year] Год
    [month] Месяц
   *[other] { $role }
}

## Parts every report shares
analytics-full-tables-note = Полные таблицы — в файле Excel.
analytics-all-rows-used = В анализе все { $rows } строк файла.
analytics-rows-skipped = Пропущено строк: { $skipped } из { $rows }:
analytics-share-below = менее { $share }
analytics-month = { $month ->
    [1] январь
    [2] февраль
    [3] март
    [4] апрель
    [5] май
    [6] июнь
    [7] июль
    [8] август
    [9] сентябрь
    [10] октябрь
    [11] ноябрь
   *[12] декабрь
}
analytics-month-short = { $month ->
    [1] янв
    [2] фев
    [3] мар
    [4] апр
    [5] май
    [6] июн
    [7] июл
    [8] авг
    [9] сен
    [10] окт
    [11] ноя
   *[12] дек
}

## RFM
analytics-rfm-head =
    <b>RFM-анализ клиентов</b> · { $file }
    Клиентов: { $clients } · период: { $start } — { $end }
    Выручка: { $revenue } · дата отсчёта давности: { $reference }
    Как считал: { $scale }; { $basis }; { $top } — лучший балл.
analytics-rfm-scale-ranks = баллы 1–{ $scale }, клиенты поделены на равные группы
analytics-rfm-scale-own = баллы 1–{ $scale } по вашим критериям ({ $criteria })
analytics-rfm-basis = частота — { $basis ->
    [orders] число разных заказов («{ $column }»)
    [rows] число покупок (строк)
   *[count] число покупок из файла
}
analytics-rfm-segments = <b>Сегменты</b> (клиенты · доля выручки):
analytics-rfm-actions = <b>Что сделать в первую очередь</b>
analytics-rfm-action = { $rank }. <b>{ $segment }</b> — { $clients } { $clients ->
        [one] клиент
        [few] клиента
       *[many] клиентов
    }, { $share } выручки: { $action }
analytics-rfm-columns-needed = Для RFM-анализа нужны столбцы: клиент, дата покупки и сумма (или количество и цена).
analytics-rfm-nothing-usable = Ни одна строка не подошла для RFM-анализа: в каждой не хватает клиента, даты или суммы больше нуля.

## The user's own RFM criteria
analytics-thresholds-help =
    Напишите, например: «Д 30 90; Ч 2 5; С 10000 50000».
    Д — давность в днях: до 30 дней — 3 балла, до 90 — 2, дольше — 1.
    Ч — число заказов: от 5 — 3 балла, от 2 — 2, меньше — 1.
    С — сумма покупок: от 50 000 — 3 балла, от 10 000 — 2, меньше — 1.
    Для шкалы 1–5 укажите по четыре границы. Можно задать не все буквы — остальные показатели я разделю на равные группы.
analytics-thresholds-no-names = Не нашёл в сообщении букв Д, Ч или С (или R, F, M).
analytics-thresholds-bad-start = Не понял начало сообщения.
analytics-thresholds-twice = Границы { $measure } указаны дважды.
analytics-thresholds-counts = Для шкалы 1–3 нужно по две границы на букву, для шкалы 1–5 — по четыре, одинаково для всех.
analytics-thresholds-extra = В границах { $measure } есть лишнее: «{ $extra }».
analytics-thresholds-order = Границы { $measure } должны идти по возрастанию.
# «Границы давности», «Границы суммы».
analytics-measure-of = { $measure ->
    [recency] давности
    [frequency] частоты
   *[monetary] суммы
}
# The letter a report shows before the user's borders: «Д 30 90; Ч 2 5; С 10000 50000».
analytics-measure-letter = { $measure ->
    [recency] Д
    [frequency] Ч
   *[monetary] С
}

## Seasonality
analytics-season-head =
    <b>Сезонность продаж</b> · { $file }
    Период: { $first } — { $last } ({ $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    })
    Средний месяц: { $average }
analytics-season-head-undated =
    <b>Сезонность продаж</b> · { $file }
    { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    } одного года — какого, в файле не сказано
    Средний месяц: { $average }
analytics-season-source-year-month = Месяцы — из столбцов { $columns }.
analytics-season-source-wide-years = Таблица с месяцами в столбцах, строки — годы (столбец { $columns }).
analytics-season-source-wide-dated = Таблица с месяцами в столбцах (месяц и год в заголовке); строки сложил.
analytics-season-source-wide-products = Таблица с месяцами в столбцах; строки (товары, отделы…) сложил.
analytics-season-left-out = Итоги не учитывал — это суммы месяцев: { $items }.
analytics-season-dropped = Неполные месяцы на краях файла не учитывал: { $months }.
analytics-season-one-year =
    <b>Коэффициентов сезонности по одному году не посчитать.</b> Коэффициент — это среднее месяца за 2–3 года ÷ средний месяц, поэтому нужно хотя бы { $needed } { $needed ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    } продаж, а в файле { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }. Добавьте ещё { $missing } { $missing ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    } — посчитаю коэффициенты и план на { $plan_months ->
        [3] три месяца
        [one] { $plan_months } месяц
        [few] { $plan_months } месяца
       *[many] { $plan_months } месяцев
    }. А вот что показывает и один год:
analytics-season-profile = <b>Профиль года</b> — доля месяца в продажах за { $first } — { $last }:
analytics-season-profile-undated = <b>Профиль года</b> — доля месяца в продажах года:
analytics-season-profile-peak-low = Пик — { $peak } ({ $peak_share } продаж года), спад — { $low } ({ $low_share }).
analytics-season-profile-ratio = В пиковый месяц продали в { $ratio } раза больше, чем в самый слабый.
analytics-season-profile-caveat = Один год не отличает сезонность от случайных всплесков и роста: повторится ли этот профиль, покажет следующий год.
analytics-season-coefficients = <b>Коэффициенты сезонности</b> (среднее месяца за годы ÷ средний месяц):
analytics-season-peak-low = Пик — { $peak } ({ $peak_coefficient }), спад — { $low } ({ $low_coefficient }).
analytics-season-plan = <b>План на { $plan_months ->
        [3] три месяца
        [one] { $plan_months } месяц
        [few] { $plan_months } месяца
       *[many] { $plan_months } месяцев
    }</b> — факт последних { $plan_months ->
        [3] трёх месяцев
        [one] { $plan_months } месяца
       *[other] { $plan_months } месяцев
    } с учётом сезонности: { $actual } ÷ { $coefficients } = { $level } в средний месяц, дальше × коэффициент месяца:
analytics-season-plan-month = • { $month } — { $plan } (коэф. { $coefficient })
analytics-season-columns-needed = Для сезонности нужны столбцы: дата (или месяц) и сумма продаж.
analytics-season-no-rows = Ни в одной строке не нашлось и даты, и суммы — сезонность не посчитать.
analytics-season-too-short = Для сезонности нужно хотя бы { $min_months } { $min_months ->
        [one] полный месяц
        [few] полных месяца
       *[many] полных месяцев
    } продаж (лучше два-три года), а в файле { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }. Пришлите выгрузку за больший период.

## Excel files. A list of column headers has one header a line.
analytics-xlsx-yes = да
analytics-xlsx-no = нет
analytics-sheet-summary = Сводка
analytics-xlsx-summary-headers =
    Показатель
    Значение
analytics-xlsx-file = Файл
analytics-xlsx-rows-total = Строк в файле
analytics-xlsx-rows-used = Строк в анализе
analytics-xlsx-skipped = Пропущено: { $reason }
analytics-sheet-rfm-clients = Клиенты
analytics-xlsx-rfm-clients-headers =
    Клиент
    Давность, дн
    Частота
    Сумма
    R
    F
    M
    RFM
    Сегмент
analytics-sheet-rfm-segments = Сегменты
analytics-xlsx-rfm-segments-headers =
    Сегмент
    Клиентов
    Доля клиентов, %
    Выручка
    Доля выручки, %
    Кто это
    Что делать
analytics-xlsx-clients = Клиентов
analytics-xlsx-period-from = Период с
analytics-xlsx-period-to = Период по
analytics-xlsx-reference-date = Дата отсчёта давности
analytics-xlsx-revenue = Выручка
analytics-xlsx-scale = Шкала баллов
analytics-xlsx-criteria = Критерии
analytics-xlsx-criteria-ranks = равные группы по рангу
analytics-sheet-season-coefficients = Коэффициенты
analytics-xlsx-season-coefficients-headers =
    Месяц
    Среднее за годы
    Лет в данных
    Коэффициент
analytics-sheet-season-plan = План
analytics-xlsx-season-plan-headers =
    Месяц
    Коэффициент
    План
analytics-sheet-season-profile = Профиль года
analytics-xlsx-season-profile-headers =
    Месяц
    Продажи
    Доля года, %
analytics-xlsx-months-needed = Месяцев нужно для коэффициентов (2 года)
analytics-sheet-season-months = Продажи по месяцам
analytics-xlsx-season-months-headers =
    Месяц
    Продажи
analytics-xlsx-average-month = Средний месяц
analytics-xlsx-level = Уровень среднего месяца по последним { $plan_months ->
        [3] трём
       *[other] { $plan_months } мес.
    }

## Charts
analytics-chart-rfm-clients = Клиентов в сегменте
analytics-chart-rfm-revenue = Доля выручки, %
analytics-chart-rfm-title = RFM-сегменты: { $clients } { $count ->
        [one] клиент
        [few] клиента
       *[many] клиентов
    }
analytics-chart-season-actual = факт
analytics-chart-season-plan = план
analytics-chart-season-sales = Продажи по месяцам и план на { $plan_months ->
        [3] три месяца
        [one] { $plan_months } месяц
        [few] { $plan_months } месяца
       *[many] { $plan_months } месяцев
    }
analytics-chart-season-coefficients = Коэффициенты сезонности (1 — средний месяц)
analytics-chart-season-sales-only = Продажи по месяцам
analytics-chart-season-profile = Доля месяца в продажах года, % (линия — средний месяц; пик оранжевый, спад синий)

## python -m bot rfm|funnel|seasonality
analytics-cli-description = Анализ файла без Telegram.
analytics-cli-help-file = CSV, XLSX или ZIP с одной таблицей
analytics-cli-help-out = куда писать отчёт: <out>.xlsx и <out>.png (по умолчанию <имя файла>_<анализ>)
analytics-cli-column-metavar = РОЛЬ=СТОЛБЕЦ
analytics-cli-help-column = какой столбец взять, например client=Покупатель (можно несколько раз)
analytics-cli-help-scale = шкала баллов: { $small } или { $large }
analytics-cli-help-thresholds = свои критерии, например «Д 30 90; Ч 2 5; С 10000 50000»
analytics-cli-help-reference-date = дата отсчёта давности, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД
analytics-cli-help-stages = порядок этапов через запятую
analytics-cli-help-key-stage = ключевой этап воронки (КЭВ)
analytics-cli-unknown-kind = Неизвестный анализ «{ $kind }». Есть: { $kinds }.
analytics-cli-bad-params = Не понял параметры: { $problem }
analytics-cli-file-not-found = файл не найден: { $path }
analytics-cli-bad-date = дата «{ $text }» не в формате ДД.ММ.ГГГГ или ГГГГ-ММ-ДД
analytics-cli-bad-column = «{ $pair }»: нужно РОЛЬ=СТОЛБЕЦ, например client=Покупатель
analytics-cli-proposed-order = Порядок этапов предложен автоматически: { $stages }
analytics-cli-own-order = Чтобы задать свой, добавьте --stages "этап 1, этап 2, …".
analytics-cli-pick-column = Укажите столбец параметром --column РОЛЬ=СТОЛБЕЦ.
analytics-cli-files = Файлы: { $xlsx }, { $png }
