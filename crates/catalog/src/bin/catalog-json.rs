//! Writes the catalog as JSON on standard output, for the end-to-end tests
//! (`make test-e2e` writes `target/catalog.json`): every scenario's id,
//! group, parameters, kinds, tasks and expected order, and the reference
//! tables' ids. The tests read their lists from it, so a scenario added to the
//! registry is tested everywhere without touching them.

use catalog::{Group, SCENARIOS};

use catalog::texts::string;

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    format!("[{}]", items.into_iter().map(string).collect::<Vec<_>>().join(","))
}

fn numbers(items: &[f64]) -> String {
    format!("[{}]", items.iter().map(|n| format!("{n}")).collect::<Vec<_>>().join(","))
}

fn main() {
    let mut scenarios = Vec::new();
    for spec in SCENARIOS {
        let params: Vec<String> = spec
            .params
            .iter()
            .map(|p| {
                format!(
                    "{{\"name\":{},\"min\":{},\"max\":{},\"count\":[{},{}],\"default\":{}}}",
                    string(p.name),
                    p.min,
                    p.max,
                    p.count.0,
                    p.count.1,
                    numbers(p.default)
                )
            })
            .collect();
        let lecture = !matches!(spec.group, Group::Beyond | Group::Scale);
        let tasks = if spec.task_count.is_some() {
            "null".to_owned()
        } else {
            strings(spec.task_ids(&spec.defaults()).iter().map(String::as_str))
        };
        scenarios.push(format!(
            "{{\"id\":{},\"lecture\":{lecture},\"params\":[{}],\"kinds\":{},\"completes\":{},\"tasks\":{tasks},\"order\":{},\"browserOrder\":{}}}",
            string(spec.id),
            params.join(","),
            strings(spec.kinds.iter().copied()),
            strings(spec.completes.iter().copied()),
            strings(spec.order.iter().copied()),
            spec.browser_order.map_or("null".to_owned(), |o| strings(o.iter().copied())),
        ));
    }
    let references = strings(catalog::reference::REFERENCES.iter().map(|r| r.id));
    println!("{{\"scenarios\":[{}],\"references\":{references}}}", scenarios.join(","));
}
