//! The README's tables say what the catalog says: the order each
//! beyond-the-lecture scenario logs at its defaults is read from the
//! scenario's description, not copied by hand.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_readme_gives_each_scenario_its_declared_order() {
    let readme = include_str!("../README.md");
    let mut checked = 0;
    for line in readme.lines() {
        // `| `id` | what | parameters | tasks | kinds | order |`
        let Some(rest) = line.strip_prefix("| `") else { continue };
        let Some((id, _)) = rest.split_once('`') else { continue };
        let Some(spec) = catalog::find(id) else { continue };
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
        if cells.len() != 6 {
            continue;
        }
        let written = cells[5].trim().replace("; ", ", ");
        assert_eq!(written, spec.order.join(", "), "README's order for {id}");
        checked += 1;
    }
    let beyond = catalog::SCENARIOS.iter().filter(|s| s.group == catalog::Group::Beyond).count();
    assert_eq!(checked, beyond, "every beyond-the-lecture scenario has its row");
}
