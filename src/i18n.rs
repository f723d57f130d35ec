//! The interface's own words, in English and Russian. Scenario texts live with
//! the scenarios (`scenarios/catalog.rs`), log messages with the code that
//! logs them.

use catalog::Words;

macro_rules! words {
    ($($name:ident = $en:literal, $ru:literal;)*) => {
        $(
            #[doc = $en]
            pub const $name: Words = Words { en: $en, ru: $ru };
        )*
    };
}

words! {
    TITLE = "Async playground", "Асинхронная песочница";
    SUBTITLE = "The asyncio lecture, run on your browser's real event loop",
        "Лекция об asyncio на настоящем цикле событий браузера";
    SCENARIOS = "Scenarios", "Сценарии";
    PARAMETERS = "Parameters", "Параметры";
    DELAY_OF = "Delay of task", "Задержка задачи";
    DELAYS = "Task delays", "Задержки задач";
    SECONDS = "s", "с";
    ADD_TASK = "Add a task", "Добавить задачу";
    REMOVE_TASK = "Remove the last task", "Убрать последнюю задачу";
    SPEED = "Speed", "Скорость";
    SPEED_HELP = "1 = real time; 10 = ten times faster", "1 — реальное время; 10 — в десять раз быстрее";
    RUN = "Run", "Запустить";
    RUN_AGAIN = "Run again", "Запустить снова";
    STOP = "Stop", "Остановить";
    RESET = "Reset parameters", "Сбросить параметры";
    LOG = "Log", "Журнал";
    LOG_EMPTY = "Press Run: the rows appear in the order things happen.",
        "Нажмите «Запустить»: строки появятся в том порядке, в каком всё происходит.";
    STATE_IDLE = "Ready", "Готово к запуску";
    STATE_RUNNING = "Running…", "Выполняется…";
    STATE_DONE = "Done", "Завершено";
    STATE_STOPPED = "Stopped", "Остановлено";
    STATE_ERROR = "Error", "Ошибка";
    LINK_REFUSED = "Some values in the link could not be used:", "Некоторые значения из ссылки не подошли:";
    FROM_LECTURE = "From the lecture", "Из лекции";
    DIFFERS = "Browser and CPython", "Браузер и CPython";
    RUST = "The Rust that runs", "Rust, который выполняется";
    WATCH = "What to watch", "На что смотреть";
    LANGUAGE = "Language", "Язык";
    TIMELINE = "Timeline", "Временная шкала";
    TIMELINE_HINT = "Point at a marker, or Tab to it, to read its event. Before a run: what the virtual clock expects.",
        "Наведите на отметку или перейдите к ней клавишей Tab, чтобы прочесть событие. До запуска — то, что ожидают виртуальные часы.";
    FILTER_ALL = "All events", "Все события";
    FILTER_DONE = "Completions only", "Только завершения";
    EXPECTED = "expected", "ожидалось";
    COPY_TEXT = "Copy as text", "Копировать текстом";
    COPY_MARKDOWN = "Copy as Markdown", "Копировать как Markdown";
    DOWNLOAD_JSON = "Download JSON", "Скачать JSON";
    DOWNLOAD_SVG = "Download timeline (SVG)", "Скачать шкалу (SVG)";
    COPIED = "Copied.", "Скопировано.";
    COPY_FAILED = "The browser refused to copy.", "Браузер не разрешил копирование.";
    EXPORT = "Export", "Экспорт";
    SPEED_PRESETS = "Speed presets", "Готовые скорости";
    COPY_LINK = "Copy link", "Копировать ссылку";
    COPY_EMBED = "Copy embed code", "Копировать код для вставки";
    OPEN_FULL = "Open in the full playground", "Открыть в полной песочнице";
    THEME = "Theme", "Тема";
    THEME_AUTO = "System", "Как в системе";
    THEME_LIGHT = "Light", "Светлая";
    THEME_DARK = "Dark", "Тёмная";
    THEME_PROJECTOR = "Projector", "Проектор";
    SHORTCUTS = "Keys: R runs, S or Esc stops (not while typing).", "Клавиши: R — запуск, S или Esc — остановка (не во время ввода).";
}

words! {
    STRESS_TABLE = "Timers compared", "Сравнение таймеров";
    STRESS_WHO = "Timers", "Таймеры";
    STRESS_WALL = "Wall time / longest delay", "Время прогона / наибольшая задержка";
    STRESS_LATE = "Lateness p50 · p90 · p99 · max", "Опоздание p50 · p90 · p99 · max";
    STRESS_BUSY = "Main thread", "Главный поток";
    STRESS_MEMORY = "Memory", "Память";
    STRESS_NOT_YET = "not run with these parameters yet", "ещё не запускалось с этими параметрами";
    STRESS_GLOO = "gloo: a setTimeout per task", "gloo: setTimeout на задачу";
    STRESS_HEAP = "heap: one setTimeout", "heap: один setTimeout";
    STRESS_JS = "JavaScript: Promise.all", "JavaScript: Promise.all";
    STRESS_BASELINE = "Run the JavaScript baseline", "Запустить базовую линию на JavaScript";
    STRESS_BASELINE_RUNNING = "JavaScript baseline running…", "Идёт базовая линия на JavaScript…";
    STRESS_HOW = "Run with timers=gloo and timers=heap, then the JavaScript baseline: each row uses the same delays. Lateness: how long after its deadline each task woke. Main thread: time in the turns the timers started, plus setting them. Memory: JavaScript heap growth; for Rust runs also the wasm memory.",
        "Запустите с timers=gloo и timers=heap, затем базовую линию на JavaScript: у всех строк одни и те же задержки. Опоздание: насколько позже срока проснулась каждая задача. Главный поток: время в ходах цикла, начатых таймерами, плюс их постановка. Память: прирост кучи JavaScript; для прогонов на Rust ещё и память wasm.";
}

words! {
    PANIC_TITLE = "Something broke in the playground. This is a bug: please tell the course team what you did.",
        "В песочнице что-то сломалось. Это ошибка: расскажите команде курса, что вы делали.";
    PANIC_RELOAD = "Reload the page", "Перезагрузить страницу";
}

words! {
    HIDDEN_DURING_RUN = "The page was hidden during this run, and browsers slow the timers of hidden pages: the times below are not faithful. The order is the one the page saw.",
        "Во время прогона страница была скрыта, а браузеры замедляют таймеры скрытых страниц: время ниже не соответствует действительности. Порядок — тот, что видела страница.";
    NOT_FAITHFUL = "page hidden during the run: times not faithful", "страница была скрыта: время неточное";
}

words! {
    PREDICT_SWITCH = "Predict the order first", "Сначала предсказать порядок";
    PREDICT_TITLE = "Your prediction", "Ваш прогноз";
    PREDICT_HOW = "Put the completions in the order you expect, then Run. Drag an item, or focus it and press ↑ or ↓.",
        "Расставьте завершения в ожидаемом порядке и запустите. Перетащите пункт или выберите его и нажимайте ↑ или ↓.";
    PREDICT_NONE = "This scenario has too many tasks to order by hand.", "В этом сценарии слишком много задач, чтобы расставлять их вручную.";
    PREDICT_YOURS = "Your order", "Ваш порядок";
    PREDICT_REAL = "The real order", "Настоящий порядок";
    MOVE_UP = "Move up:", "Выше:";
    MOVE_DOWN = "Move down:", "Ниже:";
}

words! {
    PRINTED_TITLE = "What the lecture printed", "Что напечатала лекция";
    PRINTED_NONE = "The lecture shows no output for this cell.", "Для этой ячейки лекция не показывает вывода.";
    PRINTED_RUN = "Run at the lecture's values to compare it with the log, line by line.",
        "Запустите со значениями лекции, чтобы сравнить с журналом построчно.";
    PRINTED_NOT_DEFAULTS = "The lecture printed this at its own values; Reset parameters to compare.",
        "Лекция напечатала это при своих значениях; сбросьте параметры, чтобы сравнить.";
    PRINTED_SAME = "logged at the same place", "в журнале на том же месте";
    PRINTED_DIFFERS = "logged at another place: see below why", "в журнале на другом месте: почему — ниже";
    PRINTED_NOT_LOGGED = "not something the page logs", "страница такое не записывает";
    EDITOR = "Python: edit and run", "Python: правьте и запускайте";
    EDITOR_LABEL = "The program (Tab indents, Shift+Tab dedents, Ctrl+Enter runs, Esc leaves the editor)",
        "Программа (Tab — отступ, Shift+Tab — убрать отступ, Ctrl+Enter — запуск, Esc — выйти из редактора)";
    RUNS_RUST = "Run runs this scenario in Rust on the browser's loop, as the lecture's cell. Edit the cell to run your Python instead.",
        "«Запустить» выполняет этот сценарий на Rust в цикле событий браузера, как ячейку лекции. Измените ячейку — и запустится ваш Python.";
    RUNS_PYTHON = "Run runs this Python on the browser's loop, with asyncio as CPython 3.11 runs it.",
        "«Запустить» выполняет этот Python в цикле событий браузера, с asyncio, как в CPython 3.11.";
    RUNS_EDITED = "Edited: Run runs your Python, not the scenario's Rust; the parameters step aside.",
        "Изменено: «Запустить» выполняет ваш Python, а не Rust сценария; параметры отложены.";
    RESET_CELL = "Reset to the lecture's cell", "Вернуть ячейку лекции";
    RESET_STARTER = "Reset to the starter", "Вернуть начальную программу";
    SHARE_CODE = "Copy a link to this program", "Скопировать ссылку на программу";
    ERROR_AT = "The error is at line", "Ошибка в строке";
    WAIT_COROUTINES = "The lecture passes coroutines to asyncio.wait, which Python 3.8 allowed with a warning. Python 3.11, which the page runs, refuses them: wrap each in asyncio.create_task(...) first.",
        "Лекция передаёт в asyncio.wait корутины: Python 3.8 это позволял, с предупреждением. Python 3.11, который выполняет страница, их не принимает: сначала оберните каждую в asyncio.create_task(...).";
}
