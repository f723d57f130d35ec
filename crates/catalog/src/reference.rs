//! The lecture's three comparison tables, each with a Rust column added.
//! They are pages of the playground (`s=table-coroutine`, …) with no run.

use text::Words;

/// A table of the lecture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reference {
    /// The `s=` id.
    pub id: &'static str,
    /// Its title in the navigation and as a heading.
    pub title: Words,
    /// A sentence on what it compares.
    pub intro: Words,
    /// Column headings; the last is the added Rust column.
    pub columns: &'static [Words],
    /// The rows, one cell per column.
    pub rows: &'static [&'static [Words]],
}

const fn w(en: &'static str, ru: &'static str) -> Words {
    Words { en, ru }
}

/// Plain generator against `types.coroutine`.
pub const GENERATORS: Reference = Reference {
    id: "table-coroutine",
    title: w("Table: generator vs types.coroutine", "Таблица: генератор и types.coroutine"),
    intro: w(
        "What @types.coroutine adds to a plain generator, and where Rust has the same idea: a \
         hand-written Future that the executor polls, as in the coroutine scenario.",
        "Что @types.coroutine добавляет к обычному генератору и где та же идея в Rust: \
         написанный вручную Future, который опрашивает исполнитель, как в сценарии coroutine.",
    ),
    columns: &[
        w("Feature", "Особенность"),
        w("Plain generator", "Обычный генератор"),
        w("Generator with types.coroutine", "Генератор с types.coroutine"),
        w("Rust", "Rust"),
    ],
    rows: &[
        &[
            w("Use with await", "Использование с await"),
            w("Impossible", "Невозможно"),
            w("Possible", "Возможно"),
            w(
                "Anything that implements Future can be .awaited",
                "Всё, что реализует Future, можно .await",
            ),
        ],
        &[
            w("Interaction with async code", "Взаимодействие с асинхронным кодом"),
            w("Limited", "Ограниченное"),
            w("Fully integrated", "Полностью интегрировано"),
            w(
                "A Future is the async unit itself; async fn compiles to one",
                "Future и есть единица асинхронности; async fn компилируется в него",
            ),
        ],
        &[
            w("Suspending execution", "Приостановка выполнения"),
            w("Only yield and next()", "Только yield и next()"),
            w("yield from and await", "yield from и await"),
            w(
                "poll returns Poll::Pending and keeps the Waker to be woken",
                "poll возвращает Poll::Pending и сохраняет Waker, чтобы его разбудили",
            ),
        ],
        &[
            w("Compatibility with the event loop", "Совместимость с циклом событий"),
            w("Cannot be used directly", "Невозможно использовать напрямую"),
            w("Works with asyncio and its loop", "Совместим с asyncio и циклом событий"),
            w(
                "Runs on any executor: here wasm-bindgen-futures on the browser's loop",
                "Работает на любом исполнителе: здесь wasm-bindgen-futures на цикле браузера",
            ),
        ],
    ],
};

/// Go against Python.
pub const GO_PYTHON: Reference = Reference {
    id: "table-go-python",
    title: w("Table: Go vs Python", "Таблица: Go и Python"),
    intro: w(
        "The lecture's comparison of Go's concurrency with asyncio, and the Rust you run in this \
         playground.",
        "Сравнение конкурентности в Go и asyncio из лекции, и Rust, который выполняется в этой \
         песочнице.",
    ),
    columns: &[w("Go", "Go"), w("Python", "Python"), w("Description", "Описание"), w("Rust", "Rust")],
    rows: &[
        &[
            w("Goroutines (go)", "Горутины (go)"),
            w("Coroutines (async def, await)", "Корутины (async def, await)"),
            w(
                "Both run functions concurrently, managed by the runtime rather than by OS threads.",
                "Горутины в Go и корутины в Python позволяют запускать функции параллельно и \
                 управляются рантаймом, но не требуют системных потоков.",
            ),
            w("async fn and spawned tasks (spawn)", "async fn и задачи (spawn)"),
        ],
        &[
            w("Channels (chan)", "Каналы (chan)"),
            w("Async queues (asyncio.Queue)", "Асинхронные очереди (asyncio.Queue)"),
            w(
                "Go's channels carry data between goroutines; in Python async queues play that role \
                 between coroutines.",
                "В Go каналы обеспечивают обмен данными между горутинами, тогда как в Python \
                 аналогичную роль играют асинхронные очереди для передачи данных между корутинами.",
            ),
            w("futures::channel::mpsc, or a Queue like scenarios/queue.rs", "futures::channel::mpsc или Queue как в scenarios/queue.rs"),
        ],
        &[
            w("Synchronisation through channels", "Синхронизация в каналах"),
            w("asyncio.Lock, asyncio.Event", "asyncio.Lock, asyncio.Event"),
            w(
                "In Go channels also synchronise; Python uses primitives such as asyncio.Lock and \
                 asyncio.Event.",
                "В Go каналы также выполняют роль синхронизации. В Python для этого используются \
                 примитивы, такие как asyncio.Lock и asyncio.Event.",
            ),
            w("oneshot channels, async mutexes (futures::lock::Mutex)", "oneshot-каналы, асинхронные мьютексы (futures::lock::Mutex)"),
        ],
    ],
};

/// Go, C++ and Python.
pub const GO_CPP_PYTHON: Reference = Reference {
    id: "table-go-cpp-python",
    title: w("Table: Go, C++, Python", "Таблица: Go, C++, Python"),
    intro: w(
        "The lecture's three-way comparison, with Rust beside it.",
        "Сравнение трёх языков из лекции и Rust рядом.",
    ),
    columns: &[
        w("Feature", "Характеристика"),
        w("Go", "Go"),
        w("C++", "C++"),
        w("Python", "Python"),
        w("Rust", "Rust"),
    ],
    rows: &[
        &[
            w("Async functions", "Асинхронные функции"),
            w("Goroutines with go", "Горутины с go"),
            w("std::async", "std::async"),
            w("async def, await", "async def, await"),
            w("async fn, .await", "async fn, .await"),
        ],
        &[
            w("Synchronisation", "Синхронизация"),
            w("Channels, synchronisation through data", "Каналы, синхронизация через данные"),
            w("std::mutex, std::promise", "std::mutex, std::promise"),
            w("asyncio.Lock, asyncio.Queue", "asyncio.Lock, asyncio.Queue"),
            w("channels (mpsc, oneshot), Mutex", "каналы (mpsc, oneshot), Mutex"),
        ],
        &[
            w("Event loop", "Цикл событий"),
            w("Built into Go", "Встроенный в Go"),
            w("Boost.Asio", "Boost.Asio"),
            w("asyncio", "asyncio"),
            w(
                "An executor you choose: tokio, or the browser's loop here",
                "Исполнитель на выбор: tokio или, как здесь, цикл браузера",
            ),
        ],
        &[
            w("Async I/O", "Асинхронный I/O"),
            w("Built into channels", "Встроенный в каналы"),
            w("Boost.Asio", "Boost.Asio"),
            w("asyncio, aiohttp", "asyncio, aiohttp"),
            w(
                "tokio, reqwest; in the browser fetch() and IndexedDB",
                "tokio, reqwest; в браузере fetch() и IndexedDB",
            ),
        ],
    ],
};

/// Every table, in the lecture's order.
pub const REFERENCES: &[Reference] = &[GENERATORS, GO_PYTHON, GO_CPP_PYTHON];

/// The table with this `s=` id.
pub fn find(id: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| r.id == id)
}
