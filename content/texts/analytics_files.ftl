# Texts of the file-reading layer of the analytics (services/analytics/engine: reader*, encoding, values, errors,
# skips, detect). Plain text: messages of errors are shown as they are, with no text taken from the file.

## Refusals: what is wrong with the file and what to do
analytics-read-failed = Не получилось разобрать файл.
analytics-read-not-a-table = Это не похоже на таблицу. Пришлите файл CSV или XLSX — например, выгрузку из 1С, amoCRM, Битрикс24 или Excel.
analytics-read-unsupported = Этот формат я не читаю. Сохраните таблицу как XLSX или CSV (в Excel: «Файл → Сохранить как») и пришлите снова.
analytics-read-password =
    Файл защищён паролем, поэтому открыть его я не могу. Откройте его в Excel, снимите пароль («Файл → Сведения → Защита книги → Зашифровать с использованием пароля», очистите поле) или сохраните копию без пароля и пришлите её.
analytics-read-no-header =
    В файле нет строки с названиями столбцов: первая строка уже содержит данные (даты или суммы), и я принял бы её за заголовки — она бы потерялась. Добавьте первой строкой названия столбцов (например: Клиент; Дата; Сумма) и пришлите файл снова.
analytics-read-empty = Файл пустой — в нём нет ни строки. Проверьте выгрузку и пришлите снова.
analytics-read-header-only = В файле есть только заголовки столбцов, а строк с данными нет. Проверьте фильтры выгрузки и пришлите файл с данными.
analytics-read-too-big = Файл слишком большой: Telegram разрешает боту скачивать файлы до { $limit } МБ. Что можно сделать: упакуйте файл в ZIP (таблицы сжимаются в 5–10 раз), пришлите часть строк (например, за последний год) или подключите бота к локальному серверу Bot API — там ограничение намного больше.
analytics-read-zip-bomb = Архив распаковывается в слишком большой объём — такой файл я не открываю. Пришлите таблицу поменьше или только нужные строки.
analytics-read-bad-archive = Архив не открывается или в нём нет таблицы. В ZIP должен лежать ровно один файл CSV или XLSX.
analytics-read-nested-archive = Архив внутри архива я не открываю. Пришлите ZIP, в котором лежит сама таблица.
analytics-read-several-tables = В архиве несколько таблиц. Положите в ZIP только один файл CSV или XLSX.
analytics-read-encoding = Не удалось определить кодировку текста. Сохраните файл в UTF-8 или Windows-1251 (в Excel: «CSV UTF-8») и пришлите снова.
analytics-read-not-enough-data = В файле слишком мало данных для анализа.
analytics-read-columns-not-found = Не нашёл в файле нужных столбцов.
analytics-read-bad-options = Не понял настройки анализа.
analytics-read-one-column = В таблице только один столбец — для анализа нужны хотя бы два (например, клиент и сумма).
analytics-read-rows-unparsable = Файл похож на таблицу, но строки в нём не разбираются (например, не закрыта кавычка).
analytics-read-no-row-fits = Ни одна строка файла не совпала по числу столбцов с заголовком — это не таблица.
analytics-read-no-columns = Не вижу в файле столбцов: ни запятая, ни точка с запятой, ни табуляция не делят строки на части. Для анализа нужна таблица хотя бы из двух столбцов.
analytics-read-workbook-broken = Файл Excel повреждён, и прочитать его не получилось. Откройте его в Excel и сохраните заново («Файл → Сохранить как → Книга Excel (*.xlsx)»).
analytics-read-xls-resave =
    Это файл старого формата Excel (XLS), и прочитать его не получилось. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» или «CSV UTF-8 (разделитель — запятая)»: «Файл → Сохранить как → Тип файла». Такой файл я прочитаю.
analytics-read-word = Это документ Word, а не таблица. Если таблица в нём есть, скопируйте её в Excel и сохраните как XLSX или CSV.
analytics-read-old-office = Это файл старого формата Microsoft Office, который я не читаю. Откройте его и сохраните таблицу как XLSX или CSV.
analytics-read-html-no-table = Это веб-страница (HTML), но таблицы с данными в ней нет. Пришлите саму выгрузку в CSV или XLSX.
analytics-read-xml-broken = Это файл XML, но не таблица Excel, которую я могу прочитать. Откройте его в Excel и сохраните как XLSX или CSV.

## A column without a header
analytics-read-column-n = Столбец { $n }

## Why rows were left out (the report lists them with their counts)
analytics-skip-malformed = строка не разбирается (не то число столбцов)
analytics-skip-bad-bytes = в строке нечитаемые символы (другая кодировка или повреждённые байты)
analytics-skip-cut-line = последняя строка файла обрезана
analytics-skip-cancelled = отменённый заказ или возврат
analytics-skip-no-client = не указан клиент
analytics-skip-bad-date = дата не читается
analytics-skip-future-date = дата в будущем
analytics-skip-past-date = дата раньше { $year } года
analytics-skip-bad-amount = сумма не читается
analytics-skip-non-positive-amount = сумма нулевая или отрицательная
analytics-skip-bad-count = число покупок не читается
analytics-skip-after-reference-date = покупка позже выбранной даты отсчёта
analytics-skip-no-stage = не указан этап
analytics-skip-unknown-stage = этапа нет в выбранном порядке воронки
analytics-skip-no-deal = не указан номер сделки

## What kind of file it is (why the analysis was chosen)
analytics-detect-funnel = Нашёл столбец этапов «{ $stage }» — считаю конверсию воронки.
analytics-detect-rfm = Нашёл клиентов, даты и суммы покупок — делаю RFM-сегментацию.
analytics-detect-seasonality = Нашёл даты и суммы продаж — считаю сезонность по месяцам.
analytics-detect-unsure = Не уверен, что это за файл.
