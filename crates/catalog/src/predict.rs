//! What a run of a scenario does on the virtual clock: the page draws it
//! before a run, measures the real run's drift against it, and asks predict
//! mode's questions from it.

use runtime::virtual_clock::{run_on, Outcome, VirtualHost};
use scenarios::spec::ScenarioSpec;

/// What a run of `spec` with `values` does in ideal time: every event at the
/// notebook second the lecture's code asks for. The page draws this before a
/// run, and measures the real run's drift against it.
pub fn predict(spec: &'static ScenarioSpec, values: &[Vec<f64>]) -> Outcome {
    let values = values.to_vec();
    run_on(VirtualHost::new(1.0).serving_any_file(), f64::INFINITY, move |cx| {
        spec.main(cx, &values)
    })
}
