//! Predict mode (`predict=1`): before a run the student puts the run's
//! completions in the order they expect; afterwards each position is marked
//! right or wrong against the order the run really had. Pure, so the rules
//! are tested natively; `components/predict_panel.rs` draws it.

use runtime::LogEntry;

use crate::subject::Subject;

/// One completion to place: which task, which kind of event (a program's:
/// which line it printed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The task id (`A`, `1`, `item-0`, `Task-2`, …).
    pub task: String,
    /// The completing event kind (`finish`, `result`, `print`…).
    pub kind: runtime::Kind,
    /// A program's printed line (empty for a scenario's completion).
    pub line: String,
}

impl Completion {
    fn of(subject: &Subject<'_>, entry: &LogEntry) -> Completion {
        let line = match subject {
            Subject::Program { .. } => entry.text.en.clone(),
            Subject::Scenario { .. } => String::new(),
        };
        Completion { task: entry.task.clone(), kind: entry.kind.clone(), line }
    }

    /// How the page names it: "B finish", or the line a program printed.
    pub fn label(&self) -> String {
        if self.line.is_empty() {
            format!("{} {}", self.task, self.kind)
        } else {
            self.line.clone()
        }
    }
}

/// The completions a run of these values has, in a neutral first order: by
/// task as the parameters list them (the order a newcomer expects), then by
/// kind. `expected` is the virtual clock's run, which gives the set, never
/// the order. A program's lines are listed alphabetically, and a program
/// that prints more than [`MOST_LINES`] lines has nothing to predict.
pub fn completions(subject: &Subject<'_>, expected: &[LogEntry]) -> Vec<Completion> {
    let mut items: Vec<Completion> = expected
        .iter()
        .filter(|e| subject.completes(&e.kind))
        .map(|e| Completion::of(subject, e))
        .collect();
    let (tasks, kinds) = match subject.scenario() {
        Some((spec, values)) => (spec.task_ids(values), spec.kinds),
        None if items.len() > MOST_LINES => return Vec::new(),
        None => (Vec::new(), &[][..]),
    };
    let rank = |c: &Completion| {
        let task = tasks.iter().position(|t| *t == c.task).unwrap_or(usize::MAX);
        let kind = kinds.iter().position(|k| c.kind == *k).unwrap_or(usize::MAX);
        (task, kind, c.line.clone())
    };
    items.sort_by_key(rank);
    items
}

/// The most printed lines predict mode asks a student to order.
pub const MOST_LINES: usize = 24;

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
pub fn actual<'a>(
    subject: &Subject<'_>,
    log: impl Iterator<Item = &'a LogEntry>,
) -> Vec<Completion> {
    log.filter(|e| subject.completes(&e.kind)).map(|e| Completion::of(subject, e)).collect()
}

/// For each predicted position, whether the run had the same completion
/// there.
pub fn verdicts(predicted: &[Completion], actual: &[Completion]) -> Vec<bool> {
    predicted.iter().enumerate().map(|(i, p)| actual.get(i) == Some(p)).collect()
}
