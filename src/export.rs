//! A run's log as text, as a Markdown table and as JSON, for handouts and
//! slides. Pure functions of the rows, so what is exported is what the page
//! shows, and native tests check the formats.

use std::fmt::Write;

use catalog::Lang;
use runtime::LogEntry;

use crate::subject::Subject;
use crate::timeline::completion_order;

/// One line a row: `  2.00 s   200.4 ms  B  finish  Task B finished`.
pub fn plain_text(subject: &Subject<'_>, entries: &[LogEntry], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})", subject.title(lang), subject.id());
    for entry in entries {
        let _ = writeln!(
            out,
            "{:>7.2} s {:>9.1} ms  {:<10} {:<14} {}",
            entry.at,
            entry.real_ms,
            entry.task,
            entry.kind,
            entry.text.get(lang)
        );
    }
    out
}

/// A Markdown cell: pipes and line breaks would break the table.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The log as a Markdown table, with the completion order.
pub fn markdown(subject: &Subject<'_>, entries: &[LogEntry], lang: Lang) -> String {
    let (seq, t, real, task, kind, order, text) = match lang {
        Lang::En => ("#", "t, s", "real, ms", "task", "kind", "done", "message"),
        Lang::Ru => ("№", "t, с", "реально, мс", "задача", "событие", "завершение", "сообщение"),
    };
    let mut out = format!(
        "| {seq} | {t} | {real} | {task} | {kind} | {order} | {text} |\n| ---: | ---: | ---: | --- | --- | ---: | --- |\n"
    );
    for (entry, done) in entries.iter().zip(completion_order(subject, entries)) {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.1} | {} | {} | {} | {} |",
            entry.seq,
            entry.at,
            entry.real_ms,
            cell(&entry.task),
            cell(&entry.kind),
            done.map(|n| n.to_string()).unwrap_or_default(),
            cell(entry.text.get(lang))
        );
    }
    out
}

/// A JSON string literal (the catalog's, which also writes the page's
/// fetched texts).
pub use catalog::texts::string as json_string;

/// A JSON number; never NaN or infinity, which JSON cannot hold.
fn json_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "null".into()
    }
}

/// The run as JSON: the scenario, its parameters and speed, and every event
/// with its real and notebook times, task, kind and message in both languages.
/// A program's run has its source (`code`) instead of parameters.
pub fn json(subject: &Subject<'_>, speed: f64, entries: &[LogEntry]) -> String {
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"scenario\": {},", json_string(subject.id()));
    let (params, values) = match *subject {
        Subject::Scenario { spec, values } => (spec.params, values),
        Subject::Program { code, .. } => {
            let _ = writeln!(out, "  \"code\": {},", json_string(code));
            (&[][..], &[][..])
        }
    };
    out.push_str("  \"params\": {");
    for (i, (param, list)) in params.iter().zip(values).enumerate() {
        let numbers: Vec<String> = list.iter().map(|&v| json_number(v)).collect();
        let value = if param.count.1 > 1 {
            format!("[{}]", numbers.join(", "))
        } else {
            numbers.join(", ")
        };
        let _ =
            write!(out, "{}{}: {}", if i > 0 { ", " } else { "" }, json_string(param.name), value);
    }
    out.push_str("},\n");
    let _ = writeln!(out, "  \"speed\": {},", json_number(speed));
    out.push_str("  \"events\": [");
    for (i, entry) in entries.iter().enumerate() {
        let _ = write!(
            out,
            "{}\n    {{\"seq\": {}, \"real_ms\": {}, \"notebook_s\": {}, \"task\": {}, \"kind\": {}, \"message\": {}, \"message_ru\": {}}}",
            if i > 0 { "," } else { "" },
            entry.seq,
            json_number(entry.real_ms),
            json_number(entry.at),
            json_string(&entry.task),
            json_string(&entry.kind),
            json_string(&entry.text.en),
            json_string(entry.text.get(Lang::Ru)),
        );
    }
    out.push_str(if entries.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}
