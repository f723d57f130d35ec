//! Sharing: the page's link, an `<iframe>` for slides, the theme menu, and
//! the link from an embed back to the full playground.

use catalog::params::{with_pair, Settings, Theme};
use catalog::Lang;
use yew::prelude::*;

use crate::browser_io::copy_text;
use crate::i18n;
use crate::page;
use crate::state::Action;

/// The iframe snippet for a slide: 16:9, a title for screen readers, lazy.
pub fn embed_code(url: &str, title: &str) -> String {
    // The fragment (a program, `#code=`) stays at the end.
    let (url, hash) = url.split_once('#').map_or((url, ""), |(u, h)| (u, h));
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let hash = if hash.is_empty() { String::new() } else { format!("#{hash}") };
    let src = format!("{base}{}{hash}", with_pair(query, "embed", Some("1")));
    let escape =
        |text: &str| text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        r#"<iframe src="{}" width="960" height="540" title="{}" style="border:0" loading="lazy"></iframe>"#,
        escape(&src),
        escape(title)
    )
}

/// The same page without `embed=1`, for "open in the full playground".
pub fn full_page_link(settings: &Settings) -> String {
    let location = web_sys::window().map(|w| w.location());
    let current = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    format!("{}{hash}", with_pair(&settings.to_query(&current), "embed", None))
}

/// Props of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// What is on the page (for the embed's title).
    pub settings: Settings,
    /// The page's language.
    pub lang: Lang,
    /// Theme changes.
    pub on_action: Callback<Action>,
}

/// Copy link, copy embed code, and the theme menu.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let lang = props.lang;
    let said = use_state(String::new);
    let copy = |make: Box<dyn Fn() -> String>| {
        let said = said.clone();
        let make = std::rc::Rc::new(make);
        Callback::from(move |_: MouseEvent| {
            let (said, text) = (said.clone(), make());
            wasm_bindgen_futures::spawn_local(async move {
                let words =
                    if copy_text(&text).await.is_ok() { i18n::COPIED } else { i18n::COPY_FAILED };
                said.set(words.get(lang).to_owned());
            });
        })
    };
    let title = format!(
        "{}: {}",
        i18n::TITLE.get(lang),
        match (props.settings.reference, props.settings.own_program) {
            (Some(table), _) => table.title,
            (None, true) => crate::subject::YOUR_PROGRAM,
            (None, false) => props.settings.scenario.title,
        }
        .get(lang)
    );
    let copy_link = copy(Box::new(page::current_url));
    let copy_embed = copy(Box::new(move || embed_code(&page::current_url(), &title)));
    let on_theme = props.on_action.reform(|event: Event| {
        let code = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        Action::SetTheme(Theme::ALL.into_iter().find(|t| t.code() == code))
    });
    let current = props.settings.theme;
    let option = |theme: Option<Theme>, words: catalog::Words| {
        html! {
            <option value={theme.map_or("", Theme::code)} selected={current == theme}>{ words.get(lang) }</option>
        }
    };
    html! {
        <div class="share">
            <button type="button" class="small copy-link" onclick={copy_link}>{ i18n::COPY_LINK.get(lang) }</button>
            <button type="button" class="small copy-embed" onclick={copy_embed}>{ i18n::COPY_EMBED.get(lang) }</button>
            <label class="theme">
                <span>{ i18n::THEME.get(lang) }</span>
                <select onchange={on_theme}>
                    { option(None, i18n::THEME_AUTO) }
                    { option(Some(Theme::Light), i18n::THEME_LIGHT) }
                    { option(Some(Theme::Dark), i18n::THEME_DARK) }
                    { option(Some(Theme::Projector), i18n::THEME_PROJECTOR) }
                </select>
            </label>
            <span class="share-said" role="status">{ (*said).clone() }</span>
        </div>
    }
}
