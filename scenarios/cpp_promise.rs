//! C++: `std::promise` / `std::future`, the square of 4 on a thread.
//!
//! The promise is the writing end, the future the reading end; `fut.get()`
//! blocks `main` until the worker calls `set_value`. In Rust the pair is
//! a oneshot channel, and the thread a spawned task: `main` awaits instead
//! of blocking, so the event loop stays free.

use runtime::{future, text, Cx, Promise};

/// The kinds of event this scenario logs (its catalog entry lists these).
const SET: &str = "set";
const GOT: &str = "got";

/// `void calculateSquare(std::promise<int> prom, int value)`.
async fn calculate_square(cx: Cx, prom: Promise<i64>, value: i64, delay: f64) {
    cx.sleep(delay).await;
    let result = value.saturating_mul(value);
    let _ = prom.send(result); // prom.set_value(result)
    cx.log("worker", SET, text!("worker: set_value({result})", "worker: set_value({result})"));
}

/// `int main()`.
pub async fn main(cx: Cx, value: i64, delay: f64) {
    let (prom, fut) = future(); // fut = prom.get_future()
    let _thread = cx.spawn(cx.named("worker", calculate_square(cx.clone(), prom, value, delay)));
    let Ok(result) = fut.await else { return }; // fut.get()
    cx.log(
        "main",
        GOT,
        text!("The square of {value} is: {result}", "Квадрат числа {value} равен: {result}"),
    );
}

// ---- The scenario in the catalog (not shown in the page) ----

#[allow(unused_imports)]
use crate::spec::*;
use futures::FutureExt as _;
use text::Words;

/// The `value` parameter.
const PARAM_VALUE: ParamSpec = ParamSpec { default: &[4.0], ..VALUE };

/// The `delay` parameter.
const PARAM_DELAY: ParamSpec = seconds("delay", DELAY, &[0.0]);

/// C++ `std::promise` / `std::future`.
pub const SPEC: ScenarioSpec = ScenarioSpec {
    id: "cpp-promise",
    group: Group::OtherLanguages,
    title: Words {
        en: "C++: std::promise and std::future", ru: "C++: std::promise и std::future"
    },
    about: crate::described!(Words {
        en: "The promise is the writing end and the future the reading end of one value. In C++ \
             fut.get() blocks a thread; here main awaits, and the worker is a task.",
        ru: "promise — пишущий конец, future — читающий конец одного значения. В C++ fut.get() \
             блокирует поток; здесь main ждёт через await, а worker — задача.",
    }),
    differs: None,
    params: &[PARAM_VALUE, PARAM_DELAY],
    kinds: &[SET, GOT],
    order: &["worker set", "main got"],
    browser_order: None,
    completes: &[GOT],
    lanes: &[],
    cell: source(
        "scenarios/lecture/cpp_promise.cpp",
        crate::lecture_cell!("lecture/cpp_promise.cpp"),
    ),
    cell_lang: CellLang::Cpp,
    rust: &[source("scenarios/cpp_promise.rs", crate::shown!("cpp_promise.rs"))],
    main: |cx, values| {
        main(cx, values.whole(&PARAM_VALUE), values.seconds(&PARAM_DELAY)).boxed_local()
    },
    tasks: |_| vec!["worker".into(), "main".into()],
    task_count: None,
    fill_cell: fill_values,
};
