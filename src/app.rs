//! The page: state, the run it owns, and the layout.

use std::cell::RefCell;
use std::rc::Rc;

use scenarios::catalog::Lang;
use yew::prelude::*;

use crate::browser_run::{self, RunHandle};
use crate::components::code_view::CodeView;
use crate::components::controls::Controls;
use crate::components::export_bar::ExportBar;
use crate::components::log_pane::LogPane;
use crate::components::navigation::Navigation;
use crate::components::notices::Notices;
use crate::components::reference_table::ReferenceTable;
use crate::components::timeline_view::TimelineView;
use crate::i18n;
use crate::page::SlideCommand;
use crate::state::{Action, Playground};

/// Props of [`App`]: what the page was opened with.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The query string of the page's URL (`?s=gather&delays=3,1,2`).
    pub query: AttrValue,
    /// `navigator.language`, for the default language.
    pub browser_language: AttrValue,
    /// Whether to keep the address bar in step with the parameters
    /// (`history.replaceState`). Off in tests that render several apps.
    #[prop_or(true)]
    pub sync_url: bool,
}

/// The playground.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer({
        let query = props.query.clone();
        let language = props.browser_language.clone();
        move || Playground::from_link(&query, &language)
    });
    // The run in progress. Replacing or clearing it drops the old handle,
    // which stops that run; unmounting the app drops it too.
    let run_handle: Rc<RefCell<Option<RunHandle>>> = use_mut_ref(|| None);
    let run_counter = use_mut_ref(|| 0_u64);

    let on_run = {
        let state = state.clone();
        let run_handle = run_handle.clone();
        Callback::from(move |()| {
            // Stop the old run first, so none of its rows can follow.
            run_handle.borrow_mut().take();
            let run_id = {
                let mut counter = run_counter.borrow_mut();
                *counter += 1;
                *counter
            };
            let speed = state.settings.speed;
            state.dispatch(Action::Started { run_id, speed, started_ms: browser_run::page_ms() });
            let on_entry = {
                let dispatcher = state.dispatcher();
                move |entry: scenarios::LogEntry| {
                    crate::slides::post_event(&entry);
                    dispatcher.dispatch(Action::Logged(run_id, entry))
                }
            };
            let on_done = {
                let dispatcher = state.dispatcher();
                move || dispatcher.dispatch(Action::Finished(run_id))
            };
            let settings = &state.settings;
            let handle =
                browser_run::start(settings.scenario, &settings.values, speed, on_entry, on_done);
            *run_handle.borrow_mut() = Some(handle);
        })
    };
    let on_stop = {
        let state = state.clone();
        let run_handle = run_handle.clone();
        Callback::from(move |()| {
            let handle = run_handle.borrow_mut().take();
            drop(handle);
            state.dispatch(Action::Stopped);
        })
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let on_open = {
        let dispatcher = state.dispatcher();
        let run_handle = run_handle.clone();
        Callback::from(move |id| {
            let handle = run_handle.borrow_mut().take();
            drop(handle);
            dispatcher.dispatch(Action::Open(id));
        })
    };

    // What the virtual clock expects of these parameters: drawn before a run,
    // and the yardstick of the log's drift.
    let planned =
        use_memo((state.settings.scenario.id, state.settings.values.clone()), |(id, values)| {
            scenarios::catalog::find(id)
                .map(|spec| scenarios::virtual_clock::predict(spec, values).log)
                .unwrap_or_default()
        });
    // Keys R (run), S and Escape (stop), never while typing in a field; and
    // the commands of a slide around the page (`postMessage`).
    let controls = use_mut_ref(|| (Callback::noop(), Callback::noop(), Callback::noop()));
    *controls.borrow_mut() = (on_run.clone(), on_stop.clone(), on_action.clone());
    {
        let controls = controls.clone();
        use_effect_with((), move |_| {
            crate::page::on_shortcut(move |run| {
                let (on_run, on_stop, _) = controls.borrow().clone();
                if run {
                    on_run.emit(())
                } else {
                    on_stop.emit(())
                }
            })
        });
    }
    use_effect_with((), move |_| {
        crate::page::on_slide_commands(move |command| {
            let (on_run, on_stop, on_action) = controls.borrow().clone();
            match command {
                SlideCommand::Run => on_run.emit(()),
                SlideCommand::Stop => on_stop.emit(()),
                SlideCommand::Reset => {
                    on_stop.emit(());
                    on_action.emit(Action::ResetParams);
                }
                SlideCommand::Set(pairs) => on_action.emit(Action::SetParams(pairs)),
            }
        })
    });
    use_effect_with(state.status, |status| crate::slides::post_state(*status));
    use_effect_with(state.settings.theme, |theme| crate::page::set_document_theme(*theme));

    // `run=1`: start once, as soon as the page has been painted.
    use_effect_with((), {
        let on_run = on_run.clone();
        let autorun = state.settings.autorun;
        move |_| {
            if autorun {
                crate::page::after_next_paint(move || on_run.emit(()));
            }
        }
    });
    // The address bar is always a share link for what is on the page.
    use_effect_with((state.settings.clone(), props.sync_url), |(settings, sync)| {
        if *sync {
            crate::page::replace_query(settings);
        }
    });
    use_effect_with(state.lang, |lang| crate::page::set_document_lang(*lang));

    let lang = state.lang;
    let scenario = state.settings.scenario;
    let set_lang = |to: Lang| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetLang(to)))
    };
    let embed = state.settings.embed;
    let lang_switch = html! {
        <div class="lang-switch" role="group" aria-label={i18n::LANGUAGE.get(lang)}>
            <button type="button" aria-pressed={(lang == Lang::En).to_string()}
                onclick={set_lang(Lang::En)} lang="en">{ "EN" }</button>
            <button type="button" aria-pressed={(lang == Lang::Ru).to_string()}
                onclick={set_lang(Lang::Ru)} lang="ru">{ "RU" }</button>
        </div>
    };
    let title = state.settings.reference.map_or(scenario.title, |t| t.title);
    html! {
        <div class={classes!("page", embed.then_some("embed"))}>
            if embed {
                <header class="embed-bar">
                    <strong class="embed-title">{ title.get(lang) }</strong>
                    <a class="open-full" href={crate::share::full_page_link(&state.settings)} target="_blank" rel="noopener">
                        { i18n::OPEN_FULL.get(lang) }{ " ↗" }
                    </a>
                    { lang_switch }
                </header>
            } else {
                <header class="top">
                    <div class="brand">
                        <h1>{ i18n::TITLE.get(lang) }</h1>
                        <p class="subtitle">{ i18n::SUBTITLE.get(lang) }</p>
                    </div>
                    <crate::share::ShareBar settings={state.settings.clone()} {lang} on_action={on_action.clone()} />
                    { lang_switch }
                </header>
                <Navigation current={state.settings.reference.map_or(scenario.id, |t| t.id)} {lang} {on_open} />
            }
            <Notices refusals={state.link_refusals.clone()} {lang} />
            if let Some(table) = state.settings.reference {
                <main class="workspace reference-page">
                    <ReferenceTable {table} {lang} />
                </main>
            } else {
                <main class="workspace">
                    <section class="run-side">
                        <h2 class="scenario-title">{ scenario.title.get(lang) }</h2>
                        <details class="about" open={!embed}>
                            <summary>{ i18n::WATCH.get(lang) }</summary>
                            <p>{ scenario.about.get(lang) }</p>
                            if let Some(differs) = scenario.differs {
                                <p class="differs"><strong>{ i18n::DIFFERS.get(lang) }{ ": " }</strong>{ differs.get(lang) }</p>
                            }
                        </details>
                        <Controls
                            {scenario}
                            fields={state.fields.clone()}
                            speed={state.speed.clone()}
                            status={state.status}
                            {lang}
                            {on_action}
                            {on_run}
                            {on_stop}
                        />
                        <LogPane
                            {scenario}
                            values={state.settings.values.clone()}
                            status={state.status}
                            log={state.log.clone()}
                            planned={planned.clone()}
                            speed={state.run_speed}
                            {lang}
                        />
                        <ExportBar
                            {scenario}
                            values={state.settings.values.clone()}
                            speed={state.run_speed}
                            log={state.log.clone()}
                            planned={planned.clone()}
                            status={state.status}
                            {lang}
                        />
                    </section>
                    <div class="watch-side">
                        <TimelineView
                            {scenario}
                            values={state.settings.values.clone()}
                            log={state.log.clone()}
                            planned={planned.clone()}
                            status={state.status}
                            started_ms={state.started_ms}
                            speed={state.run_speed}
                            {lang}
                        />
                        <CodeView {scenario} values={state.settings.values.clone()} {lang} />
                    </div>
                </main>
            }
        </div>
    }
}
