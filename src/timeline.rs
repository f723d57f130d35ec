//! The timeline of a run as a standalone SVG document.
//!
//! One lane per task (the queue scenarios: a producer lane, a consumer lane
//! and the queue's fill level), a marker per logged event, the waits between
//! them drawn by what they waited on, completion order numbers, and a "now"
//! line during a run. It is built as a string by pure code: the page shows
//! exactly the file that "Download SVG" saves, with every style inline, so it
//! looks the same in a slide, and native tests can read it.

use std::fmt::Write;

use catalog::{Lang, ScenarioSpec, Wait};
use runtime::LogEntry;

/// Colours for lanes: the Okabe–Ito palette, which colour-blind readers can
/// tell apart; each lane is also labelled, so colour is never the only cue.
pub const PALETTE: [&str; 8] =
    ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00", "#444444"];

const WIDTH: f64 = 640.0;
const LEFT: f64 = 100.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 46.0;
const LANE: f64 = 30.0;
const FILL_HEIGHT: f64 = 56.0;
const INK: &str = "#1c2024";
const MUTED: &str = "#5c6570";
const LINE: &str = "#d5d9de";

/// What to draw.
pub struct TimelineInput<'a> {
    /// The scenario.
    pub spec: &'static ScenarioSpec,
    /// Its parameter values (for the lanes before anything is logged).
    pub values: &'a [Vec<f64>],
    /// The events, in logging order.
    pub events: &'a [LogEntry],
    /// Notebook seconds now, during a run.
    pub now: Option<f64>,
    /// The axis' end in notebook seconds (at least the last event).
    pub end: f64,
    /// True when the events are the virtual clock's prediction, not a run.
    pub planned: bool,
    /// The virtual clock's prediction: during a run, a lane still waiting
    /// for its next expected event is drawn waiting up to "now".
    pub expected: &'a [LogEntry],
    /// The language of labels.
    pub lang: Lang,
}

/// Most lanes drawn one by one, 30 px apart (720 px, a projector's height).
/// With more, a lane would get less than a readable row of pixels, so the
/// timeline aggregates them instead ([`aggregate_svg`]).
pub const MOST_LANES: usize = 24;

/// Whether a run of `spec` with `values` is drawn a lane per task (and so
/// predicted, coloured by lane, and ordered in predict mode); otherwise the
/// timeline aggregates it.
pub fn draws_lanes(spec: &ScenarioSpec, values: &[Vec<f64>]) -> bool {
    spec.lane_count(values) <= MOST_LANES
}

/// The colour of lane `index`.
pub fn lane_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// The lanes of a run: the scenario's, then any lane an event names that is
/// not among them.
pub fn lanes(spec: &ScenarioSpec, values: &[Vec<f64>], events: &[LogEntry]) -> Vec<String> {
    let mut lanes = spec.lane_ids(values);
    for event in events {
        let lane = spec.lane_of(&event.task, event.kind);
        if !lanes.iter().any(|l| l == lane) {
            lanes.push(lane.to_owned());
        }
    }
    lanes
}

/// The completion order of each event (`Some(1)` for the first completion),
/// by the scenario's completing kinds.
pub fn completion_order(spec: &ScenarioSpec, events: &[LogEntry]) -> Vec<Option<u32>> {
    let mut next = 0;
    events
        .iter()
        .map(|event| {
            spec.completes(event.kind).then(|| {
                next += 1;
                next
            })
        })
        .collect()
}

/// Escapes text for SVG/XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A tick step giving at most about ten ticks over `end` seconds.
fn tick_step(end: f64) -> f64 {
    [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0]
        .into_iter()
        .find(|step| end / step <= 10.0)
        .unwrap_or(120.0)
}

/// How a wait is drawn: its dash pattern and fill opacity (the shape, not
/// only the colour, tells the kinds apart).
fn wait_style(wait: Wait) -> (&'static str, f64) {
    match wait {
        Wait::Timer => ("6 3", 0.18),
        Wait::Poll => ("2 2", 0.32),
        Wait::Future => ("1 3", 0.10),
        Wait::Queue => ("8 2 2 2", 0.22),
        Wait::Fetch => ("10 4", 0.14),
        Wait::Database => ("4 4", 0.26),
    }
}

/// Room for a legend item: its mark, its words at about 7.5 px a character
/// (13 px system sans), and a gap.
fn legend_advance(words: &str) -> f64 {
    14.0 + 7.5 * words.chars().count() as f64 + 16.0
}

/// The timeline as a standalone SVG document.
pub fn svg(input: &TimelineInput<'_>) -> String {
    let spec = input.spec;
    let lang = input.lang;
    let lanes = lanes(spec, input.values, input.events);
    let is_queue = !spec.lanes.is_empty();
    let end =
        input.events.iter().map(|e| e.at).chain(input.now).fold(input.end, f64::max).max(0.001);
    let plot = WIDTH - LEFT - RIGHT;
    let x = |t: f64| LEFT + (t / end).clamp(0.0, 1.0) * plot;
    let lane_y = |i: usize| TOP + 14.0 + i as f64 * LANE;
    let lanes_bottom = TOP + 4.0 + lanes.len() as f64 * LANE;
    let fill_top = lanes_bottom + 14.0;
    let legend_y = if is_queue { fill_top + FILL_HEIGHT + 22.0 } else { lanes_bottom + 22.0 };
    let height = legend_y + 14.0;
    let lane_index = |event: &LogEntry| {
        let lane = spec.lane_of(&event.task, event.kind);
        lanes.iter().position(|l| l == lane).unwrap_or(0)
    };

    let mut out = String::new();
    let title = match (lang, input.planned) {
        (Lang::En, true) => format!("{}: expected timeline (virtual clock)", spec.id),
        (Lang::En, false) => format!("{}: timeline", spec.id),
        (Lang::Ru, true) => format!("{}: ожидаемая временная шкала (виртуальные часы)", spec.id),
        (Lang::Ru, false) => format!("{}: временная шкала", spec.id),
    };
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-label="{t}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="13" data-lanes="{n}"><title>{t}</title><rect x="0.5" y="0.5" width="{w}" height="{h}" rx="6" fill="#ffffff" stroke="{LINE}"/>"##,
        t = escape(&title),
        n = lanes.len(),
        w = WIDTH - 1.0,
        h = height - 1.0,
    );
    let _ = write!(
        out,
        r##"<text x="12" y="19" fill="{INK}" font-weight="600">{}</text>"##,
        escape(&title)
    );

    // The axis, in notebook seconds.
    let step = tick_step(end);
    let unit = match lang {
        Lang::En => "s",
        Lang::Ru => "с",
    };
    let mut tick = 0.0;
    while tick <= end + 1e-9 {
        let tx = x(tick);
        let _ = write!(
            out,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{lanes_bottom:.1}" stroke="{LINE}" stroke-width="1"/><text x="{tx:.1}" y="{y:.1}" fill="{MUTED}" text-anchor="middle">{label} {unit}</text>"##,
            y = TOP - 4.0,
            label = catalog::python_number((tick * 1000.0).round() / 1000.0),
        );
        tick += step;
    }

    // Lanes: a label, a swatch and a base line.
    for (i, lane) in lanes.iter().enumerate() {
        let y = lane_y(i);
        let colour = lane_colour(i);
        let _ = write!(
            out,
            r##"<g class="lane" data-lane="{id}"><rect x="10" y="{sy:.1}" width="10" height="10" fill="{colour}"/><text x="26" y="{ty:.1}" fill="{INK}">{id}</text><line x1="{LEFT}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{LINE}" stroke-width="1"/></g>"##,
            id = escape(lane),
            sy = y - 5.0,
            ty = y + 4.0,
            x2 = WIDTH - RIGHT,
        );
    }

    // Waits: from a lane's previous event (or the start) to the event that
    // ended the wait.
    let mut last_at = vec![0.0; lanes.len()];
    let mut waits_seen: Vec<Wait> = Vec::new();
    for event in input.events {
        let lane = lane_index(event);
        if let Some(wait) = spec.wait_before(event.kind) {
            let (from, to) = (last_at[lane], event.at);
            if to > from {
                let (dash, opacity) = wait_style(wait);
                let _ = write!(
                    out,
                    r##"<rect class="wait" data-wait="{name}" x="{x1:.1}" y="{y:.1}" width="{w:.1}" height="10" fill="{c}" fill-opacity="{opacity}" stroke="{c}" stroke-width="1.5" stroke-dasharray="{dash}"/>"##,
                    name = wait.name().en,
                    x1 = x(from),
                    y = lane_y(lane) - 5.0,
                    w = (x(to) - x(from)).max(1.0),
                    c = lane_colour(lane),
                );
            }
            if !waits_seen.contains(&wait) {
                waits_seen.push(wait);
            }
        }
        last_at[lane] = event.at;
    }

    // Waits still going on: a lane whose next expected event has not come
    // yet is waiting, from its last event until now.
    if let (Some(now), false) = (input.now, input.planned) {
        for (lane, lane_id) in lanes.iter().enumerate() {
            let in_lane = |e: &&LogEntry| spec.lane_of(&e.task, e.kind) == lane_id;
            let seen = input.events.iter().filter(in_lane).count();
            let Some(next) = input.expected.iter().filter(in_lane).nth(seen) else { continue };
            let Some(wait) = spec.wait_before(next.kind) else { continue };
            let from = last_at[lane];
            if now > from {
                let (dash, opacity) = wait_style(wait);
                let _ = write!(
                    out,
                    r##"<rect class="wait open" data-wait="{name}" x="{x1:.1}" y="{y:.1}" width="{w:.1}" height="10" fill="{c}" fill-opacity="{opacity}" stroke="{c}" stroke-width="1.5" stroke-dasharray="{dash}"/>"##,
                    name = wait.name().en,
                    x1 = x(from),
                    y = lane_y(lane) - 5.0,
                    w = (x(now) - x(from)).max(1.0),
                    c = lane_colour(lane),
                );
                if !waits_seen.contains(&wait) {
                    waits_seen.push(wait);
                }
            }
        }
    }

    // The queue's fill level: items put and not yet got.
    if is_queue {
        let maxsize = spec
            .params
            .iter()
            .position(|p| p.name == "maxsize")
            .and_then(|i| input.values.get(i))
            .and_then(|v| v.first())
            .copied()
            .unwrap_or(0.0);
        let mut level = 0_i64;
        let mut top = maxsize.max(1.0);
        let mut steps = vec![(0.0, 0_i64)];
        for event in input.events {
            level += match spec.lane_of(&event.task, event.kind) {
                "producer" => 1,
                _ => -1,
            };
            level = level.max(0);
            top = top.max(level as f64);
            steps.push((event.at, level));
        }
        let y = |n: f64| fill_top + FILL_HEIGHT - n / top * (FILL_HEIGHT - 8.0);
        let mut points = format!("{:.1},{:.1}", x(0.0), y(0.0));
        for window in steps.windows(2) {
            let (t, n) = window[1];
            let _ = write!(
                points,
                " {:.1},{:.1} {:.1},{:.1}",
                x(t),
                y(window[0].1 as f64),
                x(t),
                y(n as f64)
            );
        }
        let last = steps.last().map_or(0, |s| s.1);
        let _ = write!(points, " {:.1},{:.1}", x(end), y(last as f64));
        let label = match lang {
            Lang::En => "queue size",
            Lang::Ru => "в очереди",
        };
        let _ = write!(
            out,
            r##"<g class="fill"><text x="10" y="{ly:.1}" fill="{INK}">{label}</text><line x1="{LEFT}" y1="{b:.1}" x2="{x2:.1}" y2="{b:.1}" stroke="{LINE}"/><polyline points="{points}" fill="none" stroke="{INK}" stroke-width="1.5"/>"##,
            ly = fill_top + FILL_HEIGHT / 2.0,
            b = y(0.0),
            x2 = WIDTH - RIGHT,
        );
        if maxsize > 0.0 {
            let _ = write!(
                out,
                r##"<line x1="{LEFT}" y1="{m:.1}" x2="{x2:.1}" y2="{m:.1}" stroke="{MUTED}" stroke-dasharray="4 3"/><text x="{x2:.1}" y="{ty:.1}" fill="{MUTED}" text-anchor="end">maxsize {maxsize}</text>"##,
                m = y(maxsize),
                ty = y(maxsize) - 3.0,
                x2 = WIDTH - RIGHT,
            );
        }
        out.push_str("</g>");
    }

    // Markers: completions are filled circles with their order number; other
    // events are hollow diamonds.
    let orders = completion_order(spec, input.events);
    let opacity = if input.planned { 0.45 } else { 1.0 };
    for (event, order) in input.events.iter().zip(&orders) {
        let lane = lane_index(event);
        let (mx, my) = (x(event.at), lane_y(lane));
        let colour = lane_colour(lane);
        let text = event.text.get(lang);
        let label = format!("{:.2} {unit} · {} {} · {}", event.at, event.task, event.kind, text);
        let _ = write!(
            out,
            r##"<g class="marker" data-seq="{seq}" data-task="{task}" data-kind="{kind}" tabindex="0" role="img" aria-label="{l}" opacity="{opacity}"><title>{l}</title>"##,
            seq = event.seq,
            task = escape(&event.task),
            kind = escape(event.kind),
            l = escape(&label),
        );
        match order {
            Some(n) => {
                let _ = write!(
                    out,
                    r##"<circle cx="{mx:.1}" cy="{my:.1}" r="6.5" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/><text x="{mx:.1}" y="{ty:.1}" fill="{INK}" font-size="10" font-weight="700" text-anchor="middle">{n}</text>"##,
                    ty = my - 9.0,
                );
            }
            None => {
                let _ = write!(
                    out,
                    r##"<path d="M{mx:.1} {a:.1} L{b:.1} {my:.1} L{mx:.1} {c:.1} L{d:.1} {my:.1} Z" fill="#ffffff" stroke="{colour}" stroke-width="2"/>"##,
                    a = my - 5.5,
                    b = mx + 5.5,
                    c = my + 5.5,
                    d = mx - 5.5,
                );
            }
        }
        out.push_str("</g>");
    }

    // Now, during a run.
    if let Some(now) = input.now {
        let nx = x(now);
        let _ = write!(
            out,
            r##"<line class="now" x1="{nx:.1}" y1="{TOP}" x2="{nx:.1}" y2="{lanes_bottom:.1}" stroke="#C0392B" stroke-width="2"/>"##
        );
    }

    // Legend: the kinds of wait drawn, and the two marker shapes.
    let mut lx = 12.0;
    let words = |en: &'static str, ru: &'static str| if lang == Lang::En { en } else { ru };
    let _ = write!(
        out,
        r##"<g class="legend"><circle cx="{cx:.1}" cy="{ly:.1}" r="5" fill="{INK}"/><text x="{tx:.1}" y="{ty:.1}" fill="{MUTED}">{w}</text>"##,
        cx = lx + 5.0,
        ly = legend_y,
        tx = lx + 14.0,
        ty = legend_y + 4.0,
        w = words("completion (order)", "завершение (номер)"),
    );
    lx += legend_advance(words("completion (order)", "завершение (номер)"));
    let _ = write!(
        out,
        r##"<path d="M{a:.1} {b:.1} L{c:.1} {ly:.1} L{a:.1} {d:.1} L{e:.1} {ly:.1} Z" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/><text x="{tx:.1}" y="{ty:.1}" fill="{MUTED}">{w}</text>"##,
        a = lx + 5.0,
        b = legend_y - 5.0,
        c = lx + 10.0,
        d = legend_y + 5.0,
        e = lx,
        ly = legend_y,
        tx = lx + 14.0,
        ty = legend_y + 4.0,
        w = words("event", "событие"),
    );
    lx += legend_advance(words("event", "событие"));
    for wait in waits_seen {
        let (dash, opacity) = wait_style(wait);
        let _ = write!(
            out,
            r##"<rect x="{lx:.1}" y="{y:.1}" width="22" height="10" fill="{INK}" fill-opacity="{opacity}" stroke="{INK}" stroke-dasharray="{dash}"/><text x="{tx:.1}" y="{ty:.1}" fill="{MUTED}">{name}</text>"##,
            y = legend_y - 5.0,
            tx = lx + 28.0,
            ty = legend_y + 4.0,
            name = escape(wait.name().get(lang)),
        );
        lx += 14.0 + legend_advance(wait.name().get(lang));
    }
    out.push_str("</g></svg>");
    out
}

/// The timeline of a run with more lanes than rows of pixels (`stress`):
/// instead of a lane per task, how many tasks had completed by each moment
/// (a rising line up to the number of lanes) and how many completed in each
/// column of pixels (bars). Its size does not grow with the run: a million
/// events draw as a few hundred points. `end` must be at least the last
/// event's time.
pub fn aggregate_svg<'a>(
    spec: &ScenarioSpec,
    lane_count: usize,
    events: impl Iterator<Item = &'a LogEntry>,
    now: Option<f64>,
    end: f64,
    lang: Lang,
) -> String {
    const COLUMN_PX: f64 = 2.0;
    const CURVE: f64 = 120.0;
    const BARS: f64 = 70.0;
    let plot = WIDTH - LEFT - RIGHT;
    let columns = (plot / COLUMN_PX) as usize;
    let mut per_column = vec![0_u32; columns];
    let mut completions = 0_u64;
    let mut last_at = 0.0_f64;
    let mut at_of_completions: Vec<(f64, u32)> = Vec::new();
    // Events come in logging order, so `end` (at least the last event's
    // time, from the caller) covers them all.
    let end = now.into_iter().fold(end, f64::max).max(0.001);
    for event in events {
        last_at = last_at.max(event.at);
        if spec.completes(event.kind) {
            completions += 1;
            let column = ((event.at / end) * columns as f64) as usize;
            per_column[column.min(columns - 1)] += 1;
        }
    }
    // The cumulative line, one point a column.
    let mut total = 0_u32;
    for (i, n) in per_column.iter().enumerate() {
        total += n;
        at_of_completions.push(((i + 1) as f64 / columns as f64 * end, total));
    }
    let top = TOP + 10.0;
    let curve_bottom = top + CURVE;
    let bars_top = curve_bottom + 24.0;
    let bars_bottom = bars_top + BARS;
    let height = bars_bottom + 40.0;
    let x = |t: f64| LEFT + (t / end).clamp(0.0, 1.0) * plot;
    let lanes = lane_count.max(1) as f64;
    let (title, done_words, rate_words, note) = match lang {
        Lang::En => (
            format!("{}: timeline of {lane_count} lanes, aggregated", spec.id),
            "completed",
            "per column",
            format!(
                "{completions} completions; one column = {:.1} ms of notebook time",
                end / columns as f64 * 1000.0
            ),
        ),
        Lang::Ru => (
            format!("{}: временная шкала {lane_count} дорожек, сводно", spec.id),
            "завершено",
            "за столбец",
            format!(
                "{completions} завершений; один столбец = {:.1} мс времени блокнота",
                end / columns as f64 * 1000.0
            ),
        ),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-label="{t}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="13" data-lanes="{lane_count}" data-aggregated="true" data-completions="{completions}"><title>{t}</title><rect x="0.5" y="0.5" width="{w}" height="{h}" rx="6" fill="#ffffff" stroke="{LINE}"/><text x="12" y="19" fill="{INK}" font-weight="600">{t}</text>"##,
        t = escape(&title),
        w = WIDTH - 1.0,
        h = height - 1.0,
    );
    let step = tick_step(end);
    let unit = if lang == Lang::En { "s" } else { "с" };
    let mut tick = 0.0;
    while tick <= end + 1e-9 {
        let tx = x(tick);
        let _ = write!(
            out,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{bars_bottom:.1}" stroke="{LINE}"/><text x="{tx:.1}" y="{y:.1}" fill="{MUTED}" text-anchor="middle">{label} {unit}</text>"##,
            y = TOP - 4.0,
            label = catalog::python_number((tick * 1000.0).round() / 1000.0),
        );
        tick += step;
    }
    // Completed so far, against the number of lanes.
    let y_curve = |n: f64| curve_bottom - n / lanes * CURVE;
    let mut points = format!("{:.1},{:.1}", x(0.0), y_curve(0.0));
    for &(t, n) in at_of_completions
        .iter()
        .take_while(|(t, _)| *t <= last_at.max(now.unwrap_or(0.0)) + end / columns as f64)
    {
        let _ = write!(points, " {:.1},{:.1}", x(t), y_curve(f64::from(n)));
    }
    let _ = write!(
        out,
        r##"<g class="aggregate-curve"><text x="10" y="{ly:.1}" fill="{INK}">{done_words}</text><text x="10" y="{ny:.1}" fill="{MUTED}">{lane_count}</text><line x1="{LEFT}" y1="{curve_bottom:.1}" x2="{x2:.1}" y2="{curve_bottom:.1}" stroke="{LINE}"/><line x1="{LEFT}" y1="{top:.1}" x2="{x2:.1}" y2="{top:.1}" stroke="{LINE}" stroke-dasharray="4 3"/><polyline points="{points}" fill="none" stroke="{c}" stroke-width="2"/></g>"##,
        ly = top + CURVE / 2.0,
        ny = top + 4.0,
        x2 = WIDTH - RIGHT,
        c = PALETTE[0],
    );
    // Completions in each column.
    let peak = per_column.iter().copied().max().unwrap_or(0).max(1);
    let mut path = String::new();
    for (i, &n) in per_column.iter().enumerate().filter(|(_, n)| **n > 0) {
        let h = f64::from(n) / f64::from(peak) * BARS;
        let _ = write!(
            path,
            "M{:.1} {:.1}h{COLUMN_PX}v{h:.1}h-{COLUMN_PX}Z",
            LEFT + i as f64 * COLUMN_PX,
            bars_bottom - h
        );
    }
    let _ = write!(
        out,
        r##"<g class="aggregate-bars"><text x="10" y="{ly:.1}" fill="{INK}">{rate_words}</text><text x="10" y="{ny:.1}" fill="{MUTED}">{peak}</text><line x1="{LEFT}" y1="{bars_bottom:.1}" x2="{x2:.1}" y2="{bars_bottom:.1}" stroke="{LINE}"/><path d="{path}" fill="{c}" fill-opacity="0.7"/></g>"##,
        ly = bars_top + BARS / 2.0,
        ny = bars_top + 4.0,
        x2 = WIDTH - RIGHT,
        c = PALETTE[1],
    );
    if let Some(now) = now {
        let nx = x(now);
        let _ = write!(
            out,
            r##"<line class="now" x1="{nx:.1}" y1="{TOP}" x2="{nx:.1}" y2="{bars_bottom:.1}" stroke="#C0392B" stroke-width="2"/>"##
        );
    }
    let _ = write!(
        out,
        r##"<text class="aggregate-note" x="12" y="{y:.1}" fill="{MUTED}">{n}</text></svg>"##,
        y = bars_bottom + 26.0,
        n = escape(&note),
    );
    out
}
