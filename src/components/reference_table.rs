//! One of the lecture's comparison tables, with its Rust column.

use catalog::reference::Reference;
use catalog::Lang;
use yew::prelude::*;

/// Props of [`ReferenceTable`].
#[derive(Properties, PartialEq)]
pub struct ReferenceTableProps {
    /// The table.
    pub table: &'static Reference,
    /// The page's language.
    pub lang: Lang,
}

/// The table as a page: heading, a sentence, and the table; the added Rust
/// column is marked.
#[component]
pub fn ReferenceTable(props: &ReferenceTableProps) -> Html {
    let lang = props.lang;
    let table = props.table;
    let last = table.columns.len().saturating_sub(1);
    html! {
        <section class="reference">
            <h2>{ table.title.get(lang) }</h2>
            <p>{ table.intro.get(lang) }</p>
            <div class="table-scroll" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            { for table.columns.iter().enumerate().map(|(i, c)| html! {
                                <th scope="col" class={classes!((i == last).then_some("rust-column"))}>{ c.get(lang) }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for table.rows.iter().map(|row| html! {
                            <tr>
                                { for row.iter().enumerate().map(|(i, cell)| {
                                    let class = classes!((i == last).then_some("rust-column"));
                                    if i == 0 {
                                        html! { <th scope="row" {class}>{ cell.get(lang) }</th> }
                                    } else {
                                        html! { <td {class}>{ cell.get(lang) }</td> }
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
