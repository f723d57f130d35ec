//! The timeline of a run as a standalone SVG document.
//!
//! One lane per task (the queue scenarios: a producer lane, a consumer lane
//! and the queue's fill level), a marker per logged event, the waits between
//! them drawn by what they waited on, completion order numbers, and a "now"
//! line during a run. It is built by pure code as a tree of nodes
//! ([`Node`]): written out as text it is the file that "Download SVG" saves,
//! with every style inline, so it looks the same in a slide, and native tests
//! can read it; the page shows the same nodes as Yew nodes, so a run changes
//! the page's drawing in place instead of replacing it.

use std::fmt::Write;

use catalog::{Lang, Wait};
use runtime::{LogEntry, WaitSpan};

use crate::subject::Subject;

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
    /// The scenario with its values (for the lanes before anything is
    /// logged), or the program.
    pub subject: Subject<'a>,
    /// The events, in logging order.
    pub events: &'a [LogEntry],
    /// Notebook seconds now, during a run.
    pub now: Option<f64>,
    /// The axis' end in notebook seconds (at least the last event).
    pub end: f64,
    /// True when the events are the virtual clock's prediction, not a run.
    pub planned: bool,
    /// The virtual clock's prediction (the axis' length before a run).
    pub expected: &'a [LogEntry],
    /// What the tasks waited on, as the runtime recorded it: the run's, or
    /// the virtual clock's before a run. A wait still going on is drawn up
    /// to "now" during a run.
    pub waits: &'a [WaitSpan],
    /// The language of labels.
    pub lang: Lang,
}

pub use crate::subject::{draws_lanes, MOST_LANES};

/// The colour of lane `index`.
pub fn lane_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// The lanes of a run: the scenario's, then any lane an event names that is
/// not among them (a program's: its tasks, see [`Subject::lanes`]).
pub fn lanes(subject: &Subject<'_>, events: &[LogEntry]) -> Vec<String> {
    subject.lanes(events, &[])
}

/// The completion order of each event (`Some(1)` for the first completion),
/// by the scenario's completing kinds (a program's printed lines).
pub fn completion_order(subject: &Subject<'_>, events: &[LogEntry]) -> Vec<Option<u32>> {
    let mut next = 0;
    events
        .iter()
        .map(|event| {
            subject.completes(&event.kind).then(|| {
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
        Wait::Lock => ("3 2 8 2", 0.24),
        Wait::Event => ("5 2", 0.16),
        Wait::Fetch => ("10 4", 0.14),
        Wait::Database => ("4 4", 0.26),
    }
}

/// Room for a legend item: its mark, its words at about 7.5 px a character
/// (13 px system sans), and a gap.
fn legend_advance(words: &str) -> f64 {
    14.0 + 7.5 * words.chars().count() as f64 + 16.0
}

/// A node of the timeline's drawing, as data.
///
/// The drawing is made once, by pure code, and used twice: written out as
/// text it is the standalone SVG that "Download SVG" saves
/// ([`Node::to_markup`], every text and attribute value escaped there); the
/// page turns the same nodes into Yew nodes, so during a run only what
/// changed is patched in the page and a marker's element, which may have the
/// keyboard focus, is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Text, as it reads (escaped when written out).
    Text(String),
    /// Nodes side by side, with no element of their own: one part of the
    /// drawing whose number of nodes changes during a run (the ticks, the
    /// waits, the markers, the now line). Each part keeps its place among its
    /// siblings, so the page matches a part only with the same part.
    Part(Vec<Node>),
}

/// An SVG element of the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Its tag.
    pub tag: &'static str,
    /// Its attributes in the order they are written, values as they read.
    pub attrs: Vec<(&'static str, String)>,
    /// What identifies it among its siblings while a run adds to them (a
    /// marker's `seq`); not written out.
    pub key: Option<u32>,
    /// Its children.
    pub children: Vec<Node>,
}

impl Element {
    fn new(tag: &'static str) -> Self {
        Element { tag, attrs: Vec::new(), key: None, children: Vec::new() }
    }

    fn attr(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.attrs.push((name, value.to_string()));
        self
    }

    fn child(mut self, node: impl Into<Node>) -> Self {
        self.children.push(node.into());
        self
    }

    fn text(self, text: impl Into<String>) -> Self {
        self.child(Node::Text(text.into()))
    }

    fn keyed(mut self, key: u32) -> Self {
        self.key = Some(key);
        self
    }
}

impl From<Element> for Node {
    fn from(element: Element) -> Self {
        Node::Element(element)
    }
}

impl Node {
    /// The node as SVG text: every text and attribute value escaped, an
    /// element without children closed at once (`<line .../>`).
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        self.write_markup(&mut out);
        out
    }

    fn write_markup(&self, out: &mut String) {
        match self {
            Node::Text(text) => out.push_str(&escape(text)),
            Node::Part(nodes) => nodes.iter().for_each(|node| node.write_markup(out)),
            Node::Element(element) => {
                out.push('<');
                out.push_str(element.tag);
                for (name, value) in &element.attrs {
                    let _ = write!(out, r#" {name}="{}""#, escape(value));
                }
                if element.children.is_empty() {
                    out.push_str("/>");
                    return;
                }
                out.push('>');
                element.children.iter().for_each(|node| node.write_markup(out));
                let _ = write!(out, "</{}>", element.tag);
            }
        }
    }
}

/// An element named `tag`.
fn el(tag: &'static str) -> Element {
    Element::new(tag)
}

/// A coordinate to a tenth of a pixel.
fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// The font of every text of the drawing.
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// The document element of a drawing `height` pixels tall, with its title
/// (`aria-label`, `<title>`) and background.
fn document(title: &str, height: f64) -> Element {
    el("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewBox", format!("0 0 {WIDTH} {height:.0}"))
        .attr("width", WIDTH)
        .attr("height", format!("{height:.0}"))
        .attr("role", "img")
        .attr("aria-label", title)
}

/// The background frame of a drawing `height` pixels tall.
fn frame(height: f64) -> Element {
    el("rect")
        .attr("x", 0.5)
        .attr("y", 0.5)
        .attr("width", WIDTH - 1.0)
        .attr("height", height - 1.0)
        .attr("rx", 6)
        .attr("fill", "#ffffff")
        .attr("stroke", LINE)
}

/// A line from `(x1, y1)` to `(x2, y2)`.
fn line(x1: impl std::fmt::Display, y1: impl std::fmt::Display, x2: String, y2: String) -> Element {
    el("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2)
}

/// A text at `(x, y)` in `fill`.
fn label(x: impl std::fmt::Display, y: String, fill: &str, text: impl Into<String>) -> Element {
    el("text").attr("x", x).attr("y", y).attr("fill", fill).text(text)
}

/// The ticks of an axis of `end` seconds along `x`, their lines from `TOP`
/// down to `bottom` (with a `stroke-width` when `width` says one).
fn ticks(end: f64, x: impl Fn(f64) -> f64, bottom: f64, width: Option<u8>, lang: Lang) -> Node {
    let step = tick_step(end);
    let unit = match lang {
        Lang::En => "s",
        Lang::Ru => "с",
    };
    let mut nodes = Vec::new();
    let mut tick = 0.0;
    while tick <= end + 1e-9 {
        let tx = px(x(tick));
        let mut tick_line = line(&tx, TOP, tx.clone(), px(bottom)).attr("stroke", LINE);
        if let Some(width) = width {
            tick_line = tick_line.attr("stroke-width", width);
        }
        nodes.push(tick_line.into());
        let words = catalog::python_number((tick * 1000.0).round() / 1000.0);
        nodes.push(
            label(tx, px(TOP - 4.0), MUTED, format!("{words} {unit}"))
                .attr("text-anchor", "middle")
                .into(),
        );
        tick += step;
    }
    Node::Part(nodes)
}

/// The now line at `nx`, from `TOP` down to `bottom`, if there is a now.
fn now_line(nx: Option<f64>, bottom: f64) -> Node {
    Node::Part(
        nx.map(|nx| {
            let nx = px(nx);
            el("line")
                .attr("class", "now")
                .attr("x1", &nx)
                .attr("y1", TOP)
                .attr("x2", nx)
                .attr("y2", px(bottom))
                .attr("stroke", "#C0392B")
                .attr("stroke-width", 2)
                .into()
        })
        .into_iter()
        .collect(),
    )
}

/// A wait drawn from `x1` to `x2` on the lane at `lane_y` in `colour`.
fn wait_rect(class: &str, wait: Wait, x1: f64, x2: f64, lane_y: f64, colour: &str) -> Node {
    let (dash, opacity) = wait_style(wait);
    el("rect")
        .attr("class", class)
        .attr("data-wait", wait.name().en)
        .attr("x", px(x1))
        .attr("y", px(lane_y - 5.0))
        .attr("width", px((x2 - x1).max(1.0)))
        .attr("height", 10)
        .attr("fill", colour)
        .attr("fill-opacity", opacity)
        .attr("stroke", colour)
        .attr("stroke-width", 1.5)
        .attr("stroke-dasharray", dash)
        .into()
}

/// The timeline as a standalone SVG document.
pub fn svg(input: &TimelineInput<'_>) -> String {
    drawing(input).to_markup()
}

/// The timeline as nodes: what [`svg`] writes out and the page shows.
///
/// Its top-level children are always the same eleven, in the same order;
/// what changes during a run changes inside a [`Node::Part`], and each
/// marker carries its event's `seq` as its key.
pub fn drawing(input: &TimelineInput<'_>) -> Node {
    let subject = input.subject;
    let lang = input.lang;
    let lanes = subject.lanes(input.events, input.waits);
    let queue = subject.scenario().filter(|(spec, _)| !spec.lanes.is_empty());
    let is_queue = queue.is_some();
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
        let lane = subject.lane_of(&event.task, &event.kind);
        lanes.iter().position(|l| l == lane).unwrap_or(0)
    };
    let id = subject.id();

    let title = match (lang, input.planned) {
        (Lang::En, true) => format!("{id}: expected timeline (virtual clock)"),
        (Lang::En, false) => format!("{id}: timeline"),
        (Lang::Ru, true) => format!("{id}: ожидаемая временная шкала (виртуальные часы)"),
        (Lang::Ru, false) => format!("{id}: временная шкала"),
    };
    let root = document(&title, height)
        .attr("font-family", FONT)
        .attr("font-size", 13)
        .attr("data-lanes", lanes.len())
        .child(el("title").text(&title))
        .child(frame(height))
        .child(label(12, "19".into(), INK, &title).attr("font-weight", 600));

    // The axis, in notebook seconds.
    let root = root.child(ticks(end, x, lanes_bottom, Some(1), lang));

    // Lanes: a label, a swatch and a base line.
    let lane_nodes = lanes.iter().enumerate().map(|(i, lane)| {
        let y = lane_y(i);
        el("g")
            .attr("class", "lane")
            .attr("data-lane", lane)
            .child(
                el("rect")
                    .attr("x", 10)
                    .attr("y", px(y - 5.0))
                    .attr("width", 10)
                    .attr("height", 10)
                    .attr("fill", lane_colour(i)),
            )
            .child(label(26, px(y + 4.0), INK, lane))
            .child(
                line(LEFT, px(y), px(WIDTH - RIGHT), px(y))
                    .attr("stroke", LINE)
                    .attr("stroke-width", 1),
            )
            .into()
    });
    let root = root.child(Node::Part(lane_nodes.collect()));

    // Waits, as the runtime recorded them: each from when its task began
    // waiting to when the wait ended. One still going on during a run is
    // drawn up to now ("open"); after a stop, up to the last moment drawn.
    let mut waits_seen: Vec<Wait> = Vec::new();
    let mut waits = Vec::new();
    let mut open = Vec::new();
    let last_moment = input.events.iter().map(|e| e.at).fold(0.0, f64::max);
    for span in input.waits {
        let Some(lane) = lanes.iter().position(|l| **l == *span.task) else { continue };
        let (to, class, list) = match (span.to, input.now) {
            (Some(to), _) => (to, "wait", &mut waits),
            (None, Some(now)) if !input.planned => (now, "wait open", &mut open),
            (None, _) => (last_moment, "wait", &mut waits),
        };
        if to > span.from {
            list.push(wait_rect(
                class,
                span.on,
                x(span.from),
                x(to),
                lane_y(lane),
                lane_colour(lane),
            ));
            if !waits_seen.contains(&span.on) {
                waits_seen.push(span.on);
            }
        }
    }
    let root = root.child(Node::Part(waits));
    let root = root.child(Node::Part(open));

    // The queue's fill level: items put and not yet got.
    let mut fill = Vec::new();
    if let Some((spec, values)) = queue {
        let maxsize = spec
            .params
            .iter()
            .position(|p| p.name == "maxsize")
            .and_then(|i| values.get(i))
            .and_then(|v| v.first())
            .copied()
            .unwrap_or(0.0);
        let mut level = 0_i64;
        let mut top = maxsize.max(1.0);
        let mut steps = vec![(0.0, 0_i64)];
        for event in input.events {
            level += match spec.lane_of(&event.task, &event.kind) {
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
        let words = match lang {
            Lang::En => "queue size",
            Lang::Ru => "в очереди",
        };
        let x2 = px(WIDTH - RIGHT);
        let mut group = el("g")
            .attr("class", "fill")
            .child(label(10, px(fill_top + FILL_HEIGHT / 2.0), INK, words))
            .child(line(LEFT, px(y(0.0)), x2.clone(), px(y(0.0))).attr("stroke", LINE))
            .child(
                el("polyline")
                    .attr("points", points)
                    .attr("fill", "none")
                    .attr("stroke", INK)
                    .attr("stroke-width", 1.5),
            );
        if maxsize > 0.0 {
            group = group
                .child(
                    line(LEFT, px(y(maxsize)), x2.clone(), px(y(maxsize)))
                        .attr("stroke", MUTED)
                        .attr("stroke-dasharray", "4 3"),
                )
                .child(
                    label(&x2, px(y(maxsize) - 3.0), MUTED, format!("maxsize {maxsize}"))
                        .attr("text-anchor", "end"),
                );
        }
        fill.push(group.into());
    }
    let root = root.child(Node::Part(fill));

    // Markers: completions are filled circles with their order number; other
    // events are hollow diamonds. Each is keyed by its event, so a run that
    // adds events leaves the markers already drawn where they are.
    let orders = completion_order(&subject, input.events);
    let opacity = if input.planned { 0.45 } else { 1.0 };
    let unit = match lang {
        Lang::En => "s",
        Lang::Ru => "с",
    };
    let markers = input.events.iter().zip(&orders).map(|(event, order)| {
        let lane = lane_index(event);
        let (mx, my) = (x(event.at), lane_y(lane));
        let colour = lane_colour(lane);
        let text = event.text.get(lang);
        let words = format!("{:.2} {unit} · {} {} · {}", event.at, event.task, event.kind, text);
        let marker = el("g")
            .keyed(event.seq)
            .attr("class", "marker")
            .attr("data-seq", event.seq)
            .attr("data-task", &event.task)
            .attr("data-kind", event.kind.as_str())
            .attr("tabindex", 0)
            .attr("role", "img")
            .attr("aria-label", &words)
            .attr("opacity", opacity)
            .child(el("title").text(words));
        let marker = match order {
            Some(n) => marker
                .child(
                    el("circle")
                        .attr("cx", px(mx))
                        .attr("cy", px(my))
                        .attr("r", 6.5)
                        .attr("fill", colour)
                        .attr("stroke", "#ffffff")
                        .attr("stroke-width", 1.5),
                )
                .child(
                    label(px(mx), px(my - 9.0), INK, n.to_string())
                        .attr("font-size", 10)
                        .attr("font-weight", 700)
                        .attr("text-anchor", "middle"),
                ),
            None => marker.child(
                el("path")
                    .attr(
                        "d",
                        format!(
                            "M{mx:.1} {a:.1} L{b:.1} {my:.1} L{mx:.1} {c:.1} L{d:.1} {my:.1} Z",
                            a = my - 5.5,
                            b = mx + 5.5,
                            c = my + 5.5,
                            d = mx - 5.5,
                        ),
                    )
                    .attr("fill", "#ffffff")
                    .attr("stroke", colour)
                    .attr("stroke-width", 2),
            ),
        };
        marker.into()
    });
    let root = root.child(Node::Part(markers.collect()));

    // Now, during a run.
    let root = root.child(now_line(input.now.map(x), lanes_bottom));

    // Legend: the kinds of wait drawn, and the two marker shapes.
    let mut lx = 12.0;
    let words = |en: &'static str, ru: &'static str| if lang == Lang::En { en } else { ru };
    let completion = words("completion (order)", "завершение (номер)");
    let mut legend = el("g")
        .attr("class", "legend")
        .child(
            el("circle")
                .attr("cx", px(lx + 5.0))
                .attr("cy", px(legend_y))
                .attr("r", 5)
                .attr("fill", INK),
        )
        .child(label(px(lx + 14.0), px(legend_y + 4.0), MUTED, completion));
    lx += legend_advance(completion);
    let event = words("event", "событие");
    legend = legend
        .child(
            el("path")
                .attr(
                    "d",
                    format!(
                        "M{a:.1} {b:.1} L{c:.1} {ly:.1} L{a:.1} {d:.1} L{e:.1} {ly:.1} Z",
                        a = lx + 5.0,
                        b = legend_y - 5.0,
                        c = lx + 10.0,
                        d = legend_y + 5.0,
                        e = lx,
                        ly = legend_y,
                    ),
                )
                .attr("fill", "#ffffff")
                .attr("stroke", INK)
                .attr("stroke-width", 1.5),
        )
        .child(label(px(lx + 14.0), px(legend_y + 4.0), MUTED, event));
    lx += legend_advance(event);
    for wait in waits_seen {
        let (dash, opacity) = wait_style(wait);
        let name = wait.name().get(lang);
        legend = legend
            .child(
                el("rect")
                    .attr("x", px(lx))
                    .attr("y", px(legend_y - 5.0))
                    .attr("width", 22)
                    .attr("height", 10)
                    .attr("fill", INK)
                    .attr("fill-opacity", opacity)
                    .attr("stroke", INK)
                    .attr("stroke-dasharray", dash),
            )
            .child(label(px(lx + 28.0), px(legend_y + 4.0), MUTED, name));
        lx += 14.0 + legend_advance(name);
    }
    root.child(legend).into()
}

/// The timeline of a run with more lanes than rows of pixels (`stress`):
/// instead of a lane per task, how many tasks had completed by each moment
/// (a rising line up to the number of lanes) and how many completed in each
/// column of pixels (bars). Its size does not grow with the run: a million
/// events draw as a few hundred points. `end` must be at least the last
/// event's time.
pub fn aggregate_svg<'a>(
    subject: &Subject<'_>,
    lane_count: usize,
    events: impl Iterator<Item = &'a LogEntry>,
    now: Option<f64>,
    end: f64,
    lang: Lang,
) -> String {
    aggregate_drawing(subject, lane_count, events, now, end, lang).to_markup()
}

/// [`aggregate_svg`] as nodes, for the page.
pub fn aggregate_drawing<'a>(
    subject: &Subject<'_>,
    lane_count: usize,
    events: impl Iterator<Item = &'a LogEntry>,
    now: Option<f64>,
    end: f64,
    lang: Lang,
) -> Node {
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
        if subject.completes(&event.kind) {
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
    // A program's tasks are listed only up to one past the most drawn.
    let count = match subject {
        Subject::Program { .. } => format!("{MOST_LANES}+"),
        Subject::Scenario { .. } => lane_count.to_string(),
    };
    let (title, done_words, rate_words, note) = match lang {
        Lang::En => (
            format!("{}: timeline of {count} lanes, aggregated", subject.id()),
            "completed",
            "per column",
            format!(
                "{completions} completions; one column = {:.1} ms of notebook time",
                end / columns as f64 * 1000.0
            ),
        ),
        Lang::Ru => (
            format!("{}: временная шкала {count} дорожек, сводно", subject.id()),
            "завершено",
            "за столбец",
            format!(
                "{completions} завершений; один столбец = {:.1} мс времени блокнота",
                end / columns as f64 * 1000.0
            ),
        ),
    };
    let root = document(&title, height)
        .attr("font-family", FONT)
        .attr("font-size", 13)
        .attr("data-lanes", lane_count)
        .attr("data-aggregated", true)
        .attr("data-completions", completions)
        .child(el("title").text(&title))
        .child(frame(height))
        .child(label(12, "19".into(), INK, &title).attr("font-weight", 600))
        .child(ticks(end, x, bars_bottom, None, lang));
    // Completed so far, against the number of lanes.
    let y_curve = |n: f64| curve_bottom - n / lanes * CURVE;
    let mut points = format!("{:.1},{:.1}", x(0.0), y_curve(0.0));
    for &(t, n) in at_of_completions
        .iter()
        .take_while(|(t, _)| *t <= last_at.max(now.unwrap_or(0.0)) + end / columns as f64)
    {
        let _ = write!(points, " {:.1},{:.1}", x(t), y_curve(f64::from(n)));
    }
    let x2 = px(WIDTH - RIGHT);
    let root = root.child(
        el("g")
            .attr("class", "aggregate-curve")
            .child(label(10, px(top + CURVE / 2.0), INK, done_words))
            .child(label(10, px(top + 4.0), MUTED, lane_count.to_string()))
            .child(line(LEFT, px(curve_bottom), x2.clone(), px(curve_bottom)).attr("stroke", LINE))
            .child(
                line(LEFT, px(top), x2.clone(), px(top))
                    .attr("stroke", LINE)
                    .attr("stroke-dasharray", "4 3"),
            )
            .child(
                el("polyline")
                    .attr("points", points)
                    .attr("fill", "none")
                    .attr("stroke", PALETTE[0])
                    .attr("stroke-width", 2),
            ),
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
    let root = root.child(
        el("g")
            .attr("class", "aggregate-bars")
            .child(label(10, px(bars_top + BARS / 2.0), INK, rate_words))
            .child(label(10, px(bars_top + 4.0), MUTED, peak.to_string()))
            .child(line(LEFT, px(bars_bottom), x2, px(bars_bottom)).attr("stroke", LINE))
            .child(el("path").attr("d", path).attr("fill", PALETTE[1]).attr("fill-opacity", 0.7)),
    );
    root.child(now_line(now.map(x), bars_bottom))
        .child(
            el("text")
                .attr("class", "aggregate-note")
                .attr("x", 12)
                .attr("y", px(bars_bottom + 26.0))
                .attr("fill", MUTED)
                .text(note),
        )
        .into()
}
