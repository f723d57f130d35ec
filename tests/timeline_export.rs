//! The timeline SVG and the exports, natively, on runs of the virtual clock.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::export;
use async_playground::subject::Subject;
use async_playground::timeline::{self, Element, Node, TimelineInput};
use catalog::predict::predict;
use catalog::{self, Lang, ScenarioSpec};
use runtime::{text, LogEntry, Wait, WaitSpan};

fn spec(id: &str) -> &'static ScenarioSpec {
    catalog::find(id).unwrap()
}

fn svg_of(
    spec: &'static ScenarioSpec,
    values: &[Vec<f64>],
    events: &[LogEntry],
    waits: &[WaitSpan],
    now: Option<f64>,
) -> String {
    timeline::svg(&TimelineInput {
        subject: Subject::Scenario { spec, values },
        events,
        now,
        end: events.iter().map(|e| e.at).fold(0.0, f64::max),
        planned: false,
        expected: &[],
        waits,
        lang: Lang::En,
    })
}

/// Crude but strict: a standalone SVG whose tags balance.
fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{}", &svg[..80]);
    assert!(svg.ends_with("</svg>"));
    for tag in ["g", "svg", "text", "title"] {
        let open =
            svg.matches(&format!("<{tag} ")).count() + svg.matches(&format!("<{tag}>")).count();
        let close = svg.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
    }
}

#[test]
fn one_lane_per_task_and_one_marker_per_event() {
    for id in ["gather", "create-task", "as-completed", "coroutine", "fetch", "database"] {
        let spec = spec(id);
        let values = spec.defaults();
        let outcome = predict(spec, &values);
        let events = outcome.log;
        let svg = svg_of(spec, &values, &events, &outcome.waits, None);
        assert_well_formed(&svg);
        let lanes = timeline::lanes(&Subject::Scenario { spec, values: &values }, &events);
        assert_eq!(svg.matches("<g class=\"lane\"").count(), lanes.len(), "{id}");
        assert_eq!(svg.matches("<g class=\"marker\"").count(), events.len(), "{id}");
        assert!(svg.contains(&format!("data-lanes=\"{}\"", lanes.len())));
    }
}

#[test]
fn queues_draw_a_producer_a_consumer_and_the_fill_level() {
    let spec = spec("bounded-queue");
    let values = vec![vec![30.0], vec![0.5], vec![1.5], vec![3.0]];
    let outcome = predict(spec, &values);
    let events = outcome.log;
    assert_eq!(events.len(), 60);
    let svg = svg_of(spec, &values, &events, &outcome.waits, Some(4.0));
    assert_well_formed(&svg);
    assert_eq!(
        timeline::lanes(&Subject::Scenario { spec, values: &values }, &events),
        ["producer", "consumer"]
    );
    assert_eq!(svg.matches("<g class=\"marker\"").count(), 60);
    assert!(svg.contains("<g class=\"fill\">") && svg.contains("maxsize 3"));
    assert!(svg.contains("class=\"now\""), "the now line during a run");
    // Completion numbers: every consumed item, 1 to 30.
    let orders = timeline::completion_order(&Subject::Scenario { spec, values: &[] }, &events);
    assert_eq!(orders.iter().flatten().count(), 30);
    assert_eq!(orders.iter().flatten().max(), Some(&30));
}

#[test]
fn waits_are_drawn_as_the_runtime_recorded_them() {
    let spec = spec("create-task");
    let values = spec.defaults();
    let outcome = predict(spec, &values);
    let svg = svg_of(spec, &values, &outcome.log, &outcome.waits, None);
    assert_eq!(svg.matches("data-wait=\"timer\"").count(), 3, "one timer wait per task");
    // Without the records, nothing is drawn: the timeline infers nothing.
    let bare = svg_of(spec, &values, &outcome.log, &[], None);
    assert_eq!(bare.matches("data-wait=").count(), 0);
    let spec = catalog::find("coroutine").unwrap();
    let outcome = predict(spec, &spec.defaults());
    let svg = svg_of(spec, &spec.defaults(), &outcome.log, &outcome.waits, None);
    assert!(svg.contains("data-wait=\"busy polling\""));
    // Each kind of wait, where a scenario has it on the virtual clock (whose
    // stand-ins for the network and the database answer at once: a real
    // fetch or IndexedDB request is a wait in the page, tested end to end).
    for (id, wait) in [
        ("bounded-queue", Wait::Queue),
        ("lock-event", Wait::Lock),
        ("lock-event", Wait::Event),
        ("future", Wait::Future),
    ] {
        let spec = catalog::find(id).unwrap();
        let outcome = predict(spec, &spec.defaults());
        let svg = svg_of(spec, &spec.defaults(), &outcome.log, &outcome.waits, None);
        let mark = format!("data-wait=\"{}\"", wait.name().en);
        assert!(svg.contains(&mark), "{id}: no {mark}");
    }
}

#[test]
fn text_in_the_svg_is_escaped() {
    let spec = spec("gather");
    let evil = LogEntry {
        seq: 0,
        at: 1.0,
        real_ms: 1000.0,
        task: "<b>A</b>".into(),
        kind: "finish".into(),
        text: text!("<script>alert('x')</script> & \"more\"", "<img src=x>"),
    };
    let svg = svg_of(spec, &[vec![1.0]], &[evil], &[], None);
    assert_well_formed(&svg);
    assert!(!svg.contains("<script") && !svg.contains("<b>") && !svg.contains("<img"));
    assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"));
}

#[test]
fn exports_carry_every_row() {
    let spec = spec("gather");
    let values = vec![vec![0.5, 0.25]];
    let events = predict(spec, &values).log;
    let text = export::plain_text(&Subject::Scenario { spec, values: &[] }, &events, Lang::En);
    assert_eq!(text.lines().count(), 1 + events.len());
    assert!(text.contains("Task B finished"));
    let markdown = export::markdown(&Subject::Scenario { spec, values: &[] }, &events, Lang::Ru);
    assert_eq!(markdown.lines().count(), 2 + events.len());
    assert!(markdown.contains("| Задача B завершена |"));
    assert!(markdown.lines().nth(2).unwrap().starts_with("| 0 | 0.00 |"));
    let json = export::json(&Subject::Scenario { spec, values: &values }, 2.0, &events);
    assert!(json.contains("\"scenario\": \"gather\""));
    assert!(json.contains("\"params\": {\"delays\": [0.5, 0.25]}"));
    assert!(json.contains("\"speed\": 2,"));
    assert_eq!(json.matches("\"seq\":").count(), events.len());
    assert!(json.contains("\"notebook_s\": 0.25, \"task\": \"B\", \"kind\": \"finish\""));
}

#[test]
fn markdown_and_json_escape_what_would_break_them() {
    assert_eq!(export::json_string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    let spec = spec("gather");
    let row = LogEntry {
        seq: 0,
        at: 0.0,
        real_ms: 0.0,
        task: "A|B".into(),
        kind: "start".into(),
        text: text!("x | y\nz", "x | y"),
    };
    let markdown = export::markdown(&Subject::Scenario { spec, values: &[] }, &[row], Lang::En);
    assert!(markdown.contains("| A\\|B |") && markdown.contains("| x \\| y z |"), "{markdown}");
}

#[test]
fn during_a_run_a_lane_still_waiting_is_drawn_up_to_now() {
    let spec = spec("gather");
    let values = vec![vec![2.0, 1.0, 3.0]];
    let outcome = predict(spec, &values);
    let expected = outcome.log;
    // At t = 1.5: the three starts and B's finish have happened.
    let so_far: Vec<LogEntry> = expected.iter().filter(|e| e.at <= 1.0).cloned().collect();
    assert_eq!(so_far.len(), 4);
    // The waits as recorded by then: those that end later are still open.
    let waits: Vec<WaitSpan> = outcome
        .waits
        .iter()
        .map(|w| WaitSpan { to: w.to.filter(|&to| to <= 1.5), ..w.clone() })
        .collect();
    let svg = timeline::svg(&TimelineInput {
        subject: Subject::Scenario { spec, values: &values },
        events: &so_far,
        now: Some(1.5),
        end: 3.0,
        planned: false,
        expected: &expected,
        waits: &waits,
        lang: Lang::En,
    });
    assert_eq!(svg.matches("class=\"wait open\"").count(), 2, "A and C are still sleeping");
    assert_eq!(svg.matches("class=\"wait\"").count(), 1, "B's finished wait");
}

/// The drawing's top level, one word a child: an element's tag, or `part`.
fn shape(node: &Node) -> Vec<&'static str> {
    let Node::Element(svg) = node else { panic!("the drawing is an <svg>") };
    assert_eq!(svg.tag, "svg");
    svg.children
        .iter()
        .map(|child| match child {
            Node::Element(element) => element.tag,
            Node::Part(_) => "part",
            Node::Text(_) => "text node",
        })
        .collect()
}

/// The keys of the markers, in order.
fn marker_keys(node: &Node) -> Vec<u32> {
    fn walk(node: &Node, keys: &mut Vec<u32>) {
        match node {
            Node::Element(element) => {
                if element.attrs.iter().any(|(name, value)| *name == "class" && value == "marker") {
                    keys.push(element.key.expect("every marker has a key"));
                }
                element.children.iter().for_each(|child| walk(child, keys));
            }
            Node::Part(nodes) => nodes.iter().for_each(|child| walk(child, keys)),
            Node::Text(_) => {}
        }
    }
    let mut keys = Vec::new();
    walk(node, &mut keys);
    keys
}

#[test]
fn through_a_run_the_drawing_keeps_its_shape_and_its_markers() {
    for (id, values) in
        [("gather", vec![vec![2.0, 1.0, 3.0]]), ("bounded-queue", spec("bounded-queue").defaults())]
    {
        let spec = spec(id);
        let outcome = predict(spec, &values);
        let (expected, waits) = (outcome.log, outcome.waits);
        let end = expected.iter().map(|e| e.at).fold(0.0, f64::max);
        let drawing = |events: &[LogEntry], now: Option<f64>, planned: bool| {
            timeline::drawing(&TimelineInput {
                subject: Subject::Scenario { spec, values: &values },
                events,
                now,
                end,
                planned,
                expected: &expected,
                waits: &waits,
                lang: Lang::En,
            })
        };
        let before = drawing(&expected, None, true);
        let top = shape(&before);
        assert_eq!(top.len(), 11, "{id}: {top:?}");
        // Every moment of the run, and past the expected end (the axis
        // grows), then done: the same top level, and the markers drawn so
        // far keep their keys while new ones are added after them.
        let mut drawn: Vec<u32> = Vec::new();
        for seen in 0..=expected.len() {
            let events = &expected[..seen];
            let at = events.last().map_or(0.0, |e| e.at);
            for now in [at + 0.01, end * 1.5] {
                let during = drawing(events, Some(now), false);
                assert_eq!(shape(&during), top, "{id} after {seen} events at {now}");
                let keys = marker_keys(&during);
                assert!(keys.starts_with(&drawn), "{id}: {drawn:?} then {keys:?}");
                assert_eq!(keys, events.iter().map(|e| e.seq).collect::<Vec<_>>());
                drawn = keys;
            }
        }
        let done = drawing(&expected, None, false);
        assert_eq!(shape(&done), top);
        assert_eq!(marker_keys(&done), drawn);
        // What the page shows is what the file says.
        assert_eq!(
            done.to_markup(),
            timeline::svg(&TimelineInput {
                subject: Subject::Scenario { spec, values: &values },
                events: &expected,
                now: None,
                end,
                planned: false,
                expected: &expected,
                waits: &waits,
                lang: Lang::En,
            })
        );
    }
}

#[test]
fn texts_and_values_are_escaped_where_the_drawing_is_written_out() {
    let node = Node::Element(Element {
        tag: "g",
        attrs: vec![("data-task", "\"><script>x</script>".into())],
        key: Some(7),
        children: vec![Node::Text("<b>A & 'B'</b>".into()), Node::Part(Vec::new())],
    });
    assert_eq!(
        node.to_markup(),
        "<g data-task=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;A &amp; &#39;B&#39;&lt;/b&gt;</g>",
        "the key is the page's, not the file's"
    );
    let empty = Element { tag: "line", attrs: Vec::new(), key: None, children: Vec::new() };
    assert_eq!(Node::Element(empty).to_markup(), "<line/>");
}
