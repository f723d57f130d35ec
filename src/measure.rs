//! What the `stress` table shows for each way of keeping timers: how late
//! they were, how long the run took against its longest delay, the main
//! thread's time, and memory. Pure numbers, so the summary is tested natively.

/// Who kept the timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// One gloo `setTimeout` per task (`timers=gloo`).
    Gloo,
    /// A heap of deadlines, one `setTimeout` (`timers=heap`).
    Heap,
    /// Plain JavaScript: `Promise.all` over `setTimeout`.
    JavaScript,
}

impl Strategy {
    /// Table order.
    pub const ALL: [Strategy; 3] = [Strategy::Gloo, Strategy::Heap, Strategy::JavaScript];

    /// The `timers=` word, or `js` for the baseline (`data-strategy`).
    pub fn code(self) -> &'static str {
        match self {
            Strategy::Gloo => "gloo",
            Strategy::Heap => "heap",
            Strategy::JavaScript => "js",
        }
    }

    /// The strategy of a `timers=` value (its position in the choice).
    pub fn from_choice(index: f64) -> Strategy {
        if index >= 1.0 {
            Strategy::Heap
        } else {
            Strategy::Gloo
        }
    }
}

/// Lateness in milliseconds at a few percentiles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// The latest.
    pub max: f64,
}

/// Percentiles of `samples` (reordered in place), by the nearest-rank
/// method; `None` when there are none.
pub fn percentiles(samples: &mut [f32]) -> Option<Percentiles> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable_by(f32::total_cmp);
    let rank = |p: f64| {
        let index = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1;
        f64::from(samples[index])
    };
    Some(Percentiles { p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: rank(1.0) })
}

/// The parameters a measurement was made with; the table shows only the
/// rows made with the current ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    /// Tasks (`n`).
    pub tasks: usize,
    /// Longest delay, notebook seconds (`max`).
    pub max: f64,
    /// `seed`.
    pub seed: u64,
    /// `speed`.
    pub speed: f64,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Who kept the timers.
    pub strategy: Strategy,
    /// With what.
    pub workload: Workload,
    /// From the start to the last timer's task (or `Promise.all`), ms.
    pub wall_ms: f64,
    /// The longest delay in real ms: no run can be shorter.
    pub longest_ms: f64,
    /// How late the timers' tasks woke.
    pub late: Option<Percentiles>,
    /// Main-thread ms in the run's timer turns and its setup.
    pub busy_ms: f64,
    /// JavaScript heap growth over the run, bytes, where the browser says.
    pub js_heap_bytes: Option<f64>,
    /// The wasm module's memory at the end of the run, bytes (Rust runs).
    pub wasm_bytes: Option<f64>,
    /// False when the page was hidden during the run (the browser slowed
    /// its timers): the table marks the row.
    pub faithful: bool,
}

impl Measure {
    /// Wall time beyond the longest delay: the loop's own cost.
    pub fn overhead_ms(&self) -> f64 {
        self.wall_ms - self.longest_ms
    }
}

/// Megabytes with one decimal, for the table.
pub fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}
