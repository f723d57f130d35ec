//! Every scenario, in the lecture's order: adding a scenario is adding its
//! line here (and its file under `scenarios/`).

use scenarios::spec::ScenarioSpec;
use scenarios::{
    as_completed, async_iterator, blocking, coroutine, cpp_async, cpp_promise, create_task,
    database, fetch, future, futures_as_completed, gather, gather_errors, go_channel, lock_event,
    microtasks, producer_consumer, sleep, stress, timeout, wait_first,
};

/// Every scenario, in the lecture's order. The first is shown when a link
/// names none.
pub const SCENARIOS: &[&ScenarioSpec] = &[
    &coroutine::SPEC,
    &gather::SPEC,
    &create_task::SPEC,
    &sleep::SPEC,
    &future::SPEC,
    &futures_as_completed::SPEC,
    &fetch::SPEC,
    &wait_first::SPEC,
    &as_completed::SPEC,
    &producer_consumer::QUEUE,
    &producer_consumer::BOUNDED_QUEUE,
    &database::SPEC,
    &async_iterator::SPEC,
    &go_channel::SPEC,
    &cpp_promise::SPEC,
    &cpp_async::SPEC,
    &blocking::SPEC,
    &timeout::SPEC,
    &gather_errors::SPEC,
    &microtasks::SPEC,
    &lock_event::SPEC,
    &stress::SPEC,
];

/// The scenario with this `s=` id.
pub fn find(id: &str) -> Option<&'static ScenarioSpec> {
    SCENARIOS.iter().copied().find(|spec| spec.id == id)
}
