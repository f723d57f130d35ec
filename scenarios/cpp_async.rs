//! C++: `std::async(std::launch::async, asyncFunction)` returning 42.
//!
//! `std::async` runs a function elsewhere and hands back a `std::future`
//! for its result; `result.get()` waits for it. In Rust: `spawn` runs
//! the function as a task, and its handle is the future to await.

use runtime::{text, Cx};

/// The kinds of event this scenario logs (its catalog entry lists these).
const RETURNED: &str = "returned";
const GOT: &str = "got";

/// `int asyncFunction()`.
async fn async_function(cx: Cx, value: i64, delay: f64) -> i64 {
    cx.sleep(delay).await;
    cx.log(
        "async",
        RETURNED,
        text!("asyncFunction returned {value}", "asyncFunction вернула {value}"),
    );
    value
}

/// `int main()`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let result = cx.spawn(cx.named("async", async_function(cx.clone(), value, delay))); // std::async
    let Ok(value) = result.await else { return }; // result.get()
    cx.log("main", GOT, text!("main: result.get() is {value}", "main: result.get() равно {value}"));
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `value` parameter.
const PARAM_VALUE: ParamSpec = VALUE;

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[0.0]);

/// C++ `std::async`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "cpp-async",
    group: Group::OtherLanguages,
    title: Words { en: "C++: std::async", ru: "C++: std::async" },
    about: crate::described!(Words {
        en: "std::async runs a function elsewhere and returns a std::future for its result; \
             result.get() waits for it. spawn plays std::async here, and its handle is the future.",
        ru: "std::async запускает функцию отдельно и возвращает std::future для её результата; \
             result.get() ждёт его. Здесь std::async играет spawn, а его дескриптор — это future.",
    }),
    differs: None,
    params: &[PARAM_VALUE, PARAM_DELAY],
    kinds: &[RETURNED, GOT],
    order: &["async returned", "main got"],
    browser_order: None,
    completes: &[GOT],
    lanes: &[],
    cell: source("scenarios/lecture/cpp_async.cpp", crate::lecture_cell!("lecture/cpp_async.cpp")),
    cell_lang: CellLang::Cpp,
    rust: &[source("scenarios/cpp_async.rs", crate::shown!("cpp_async.rs"))],
    main: |cx, values| {
        main(cx, values.whole(&PARAM_VALUE), values.seconds(&PARAM_DELAY)).boxed_local()
    },
    tasks: |_| vec!["async".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};
