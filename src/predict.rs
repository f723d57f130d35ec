//! Predict mode (`predict=1`): before a run the student puts the run's
//! completions in the order they expect; afterwards each position is marked
//! right or wrong against the order the run really had. Pure, so the rules
//! are tested natively; `components/predict_panel.rs` draws it.

use catalog::ScenarioSpec;
use runtime::LogEntry;

/// One completion to place: which task, which kind of event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The task id (`A`, `1`, `item-0`, …).
    pub task: String,
    /// The completing event kind (`finish`, `result`, …).
    pub kind: runtime::Kind,
}

impl Completion {
    /// How the page names it: "B finish".
    pub fn label(&self) -> String {
        format!("{} {}", self.task, self.kind)
    }
}

/// The completions a run of these values has, in a neutral first order: by
/// task as the parameters list them (the order a newcomer expects), then by
/// kind. `expected` is the virtual clock's run, which gives the set, never
/// the order.
pub fn completions(
    spec: &ScenarioSpec,
    values: &[Vec<f64>],
    expected: &[LogEntry],
) -> Vec<Completion> {
    let tasks = spec.task_ids(values);
    let mut items: Vec<Completion> = expected
        .iter()
        .filter(|e| spec.completes(&e.kind))
        .map(|e| Completion { task: e.task.clone(), kind: e.kind.clone() })
        .collect();
    let rank = |c: &Completion| {
        let task = tasks.iter().position(|t| *t == c.task).unwrap_or(usize::MAX);
        let kind = spec.kinds.iter().position(|k| c.kind == *k).unwrap_or(usize::MAX);
        (task, kind)
    };
    items.sort_by_key(rank);
    items
}

/// Moves the item at `from` to `to` (both clamped into the list).
pub fn move_item<T>(order: &mut Vec<T>, from: usize, to: usize) {
    if order.is_empty() || from >= order.len() {
        return;
    }
    let item = order.remove(from);
    let to = to.min(order.len());
    order.insert(to, item);
}

/// The completions of a run, in the order they happened.
pub fn actual<'a>(spec: &ScenarioSpec, log: impl Iterator<Item = &'a LogEntry>) -> Vec<Completion> {
    log.filter(|e| spec.completes(&e.kind))
        .map(|e| Completion { task: e.task.clone(), kind: e.kind.clone() })
        .collect()
}

/// For each predicted position, whether the run had the same completion
/// there.
pub fn verdicts(predicted: &[Completion], actual: &[Completion]) -> Vec<bool> {
    predicted.iter().enumerate().map(|(i, p)| actual.get(i) == Some(p)).collect()
}
