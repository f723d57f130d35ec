//! The page: its state, the wiring of its run service, and the layout.
//!
//! The run itself (its handle, the rows waiting for the next frame, the
//! `stress` baseline) belongs to the [`RunService`] of `run_service.rs`,
//! which reports through the reducer's actions; this component holds the
//! service, hands it the buttons, keys and slide commands, and lays out what
//! the state says.

use std::cell::RefCell;
use std::rc::Rc;

use catalog::Lang;
use yew::prelude::*;

use crate::components::about::About;
use crate::components::code_view::CodeView;
use crate::components::controls::Controls;
use crate::components::editor::Editor;
use crate::components::export_bar::ExportBar;
use crate::components::lecture_output::LectureOutput;
use crate::components::log_pane::LogPane;
use crate::components::navigation::Navigation;
use crate::components::notices::Notices;
use crate::components::predict_panel::PredictPanel;
use crate::components::reference_table::ReferenceTable;
use crate::components::stress_panel::StressPanel;
use crate::components::timeline_view::TimelineView;
use crate::i18n;
use crate::run_service::{workload, RunService, RunSource};
use crate::slides::SlideCommand;

/// How long after the last keystroke a program is planned on the virtual
/// clock (its expected timeline, drift and predict mode).
const PLAN_AFTER_MS: u32 = 400;
use crate::state::{Action, Page, Playground, Status};

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
    // The shown scenario's words, fetched with it (`described.rs`).
    let described = crate::described::use_described(if state.settings.own_program {
        catalog::params::PYTHON_PAGE
    } else {
        state.settings.scenario.id
    });
    // A fetched lecture cell goes into the state (the editor's text, and
    // what an edit is compared with).
    {
        let dispatcher = state.dispatcher();
        let template = described.as_ref().and_then(|d| d.cell.map(|cell| (d.id, cell)));
        use_effect_with(template, move |template| {
            if let Some((id, cell)) = *template {
                dispatcher.dispatch(Action::CellTemplate(id, cell));
            }
        });
    }
    // The run and the baseline. Unmounting the app drops the service, and
    // with it whatever still runs.
    let service: Rc<RefCell<RunService>> = use_mut_ref({
        let dispatcher = state.dispatcher();
        move || RunService::new(Callback::from(move |action| dispatcher.dispatch(action)))
    });

    let on_run = {
        let (state, service) = (state.clone(), service.clone());
        Callback::from(move |()| {
            // Nothing runs on a table (keys and slide commands still come).
            if let Page::Scenario { .. } = state.page {
                let source = RunSource::of(&state.settings);
                service.borrow_mut().run(source, state.settings.speed);
            }
        })
    };
    let on_stop = {
        let service = service.clone();
        Callback::from(move |()| service.borrow_mut().stop())
    };
    let on_baseline = {
        let (state, service) = (state.clone(), service.clone());
        Callback::from(move |()| service.borrow_mut().baseline(&state.settings))
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let on_open = {
        let service = service.clone();
        Callback::from(move |id| service.borrow_mut().open(id))
    };
    // "Copy a link to this program": the page's link with the program in
    // its fragment, whatever the address bar shows.
    let on_share = {
        let code = state.program_text().map(|text| text.into_owned());
        let sync = props.sync_url;
        Callback::from(move |()| {
            let Some(code) = code.clone() else { return };
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(encoded) = crate::browser_io::deflate(&code).await else { return };
                let link = crate::page::link_with_code(&encoded);
                if sync {
                    crate::page::set_hash(&format!("#code={encoded}"));
                }
                let _ = crate::browser_io::copy_text(&link).await;
            });
        })
    };

    // What runs: the scenario with its values, or the program (made anew
    // only when one of them changes).
    let source = use_memo(
        (
            state.settings.scenario.id,
            state.settings.values.clone(),
            state.settings.own_program,
            state.settings.code.clone(),
        ),
        {
            let settings = state.settings.clone();
            move |_| RunSource::of(&settings)
        },
    );
    // What the virtual clock expects of these parameters: drawn before a run,
    // and the yardstick of the log's drift. A scenario's is made here; a
    // program's comes from the planner's worker (below) once it has run it.
    // Not drawn for thousands of lanes (the timeline aggregates them), so
    // not made either.
    let scenario_prediction = use_memo((*source).clone(), |source| match source {
        RunSource::Scenario { spec, values } if crate::timeline::draws_lanes(spec, values) => {
            let outcome = catalog::predict::predict(spec, values);
            (Rc::new(outcome.log), Rc::new(runtime::WaitSpans::finished(outcome.waits)))
        }
        _ => Default::default(),
    });
    let prediction: (Rc<Vec<runtime::LogEntry>>, Rc<runtime::WaitSpans>) = match &*source {
        RunSource::Program { .. } => state
            .current_plan()
            .map(|plan| (plan.rows.clone(), plan.waits.clone()))
            .unwrap_or_default(),
        RunSource::Scenario { .. } => (*scenario_prediction).clone(),
    };
    let planned = prediction.0.clone();
    // What predict mode asks the student to order: the completions the
    // virtual clock foresees, in a neutral order.
    let completions = use_memo(((*source).clone(), planned.clone()), |(source, planned)| {
        crate::predict::completions(&source.subject(), planned)
    });
    // A program is planned on the virtual clock a moment after the typing
    // stops, and the interpreter is loaded for its run: only on a page that
    // runs Python, so a lecture page that nobody edits loads none of it.
    {
        let service = service.clone();
        let program = match &*source {
            RunSource::Program { code, .. } => Some(code.clone()),
            RunSource::Scenario { .. } => None,
        };
        use_effect_with(program, move |program| {
            let timer = match program.clone() {
                Some(code) => {
                    service.borrow_mut().warm();
                    Some(gloo_timers::callback::Timeout::new(PLAN_AFTER_MS, move || {
                        service.borrow_mut().plan(code);
                    }))
                }
                // Back to a scenario (Reset, another page): the idle
                // interpreters go with the program.
                None => {
                    service.borrow_mut().cool();
                    None
                }
            };
            move || drop(timer)
        });
    }
    // After a program's run, the next run's interpreter loads.
    {
        let service = service.clone();
        let program = matches!(&*source, RunSource::Program { .. });
        use_effect_with((state.status, program), move |(status, program)| {
            if *program && !matches!(status, Status::Running | Status::Idle) {
                service.borrow_mut().warm();
            }
        });
    }
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
    let deck_keys = state.settings.deck_keys;
    use_effect_with((), {
        let controls = controls.clone();
        move |_| {
            crate::slides::on_slide_commands(deck_keys, move |command| {
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
        }
    });
    use_effect_with(state.status, |status| crate::slides::post_state(*status));
    // A hidden page's timers are slowed by the browser: a run that sees it
    // says its times are not faithful.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            crate::page::on_hidden(move || dispatcher.dispatch(Action::Hidden))
        });
    }
    use_effect_with(state.settings.theme, |theme| crate::page::set_document_theme(*theme));

    // `run=1`: start once, when the page has settled (`page::after_settled`)
    // and a program in the link's fragment (`#code=`) is read.
    use_effect_with((), {
        let autorun = state.settings.autorun;
        let dispatcher = state.dispatcher();
        let controls = controls.clone();
        move |_| {
            let run_when_settled = move || {
                if autorun {
                    crate::page::after_settled(move || {
                        let on_run = controls.borrow().0.clone();
                        on_run.emit(());
                    });
                }
            };
            match crate::page::hash_code() {
                Some(encoded) => wasm_bindgen_futures::spawn_local(async move {
                    let limit = catalog::params::MAX_CODE_CHARS;
                    match crate::browser_io::inflate(&encoded, limit).await {
                        Ok(code) => {
                            dispatcher.dispatch(Action::SetParams(vec![("code".into(), code)]))
                        }
                        Err(_) => dispatcher.dispatch(Action::UnreadableCode),
                    }
                    run_when_settled();
                }),
                None => run_when_settled(),
            }
        }
    });
    // The address bar is always a share link for what is on the page: the
    // program, if any, compressed in the fragment.
    use_effect_with((state.settings.clone(), props.sync_url), |(settings, sync)| {
        if *sync {
            crate::page::replace_query(settings);
            crate::page::replace_hash_code(settings.code.clone());
        }
    });
    use_effect_with(state.lang, |lang| crate::page::set_document_lang(*lang));
    // The first render is in the DOM with its handlers: the page can be used.
    // `make bench` reads this mark.
    use_effect_with((), |_| crate::page::mark("playground-interactive"));

    let lang = state.lang;
    let embed = state.settings.embed;
    let set_lang = |to: Lang| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetLang(to)))
    };
    let lang_switch = html! {
        <div class="lang-switch" role="group" aria-label={i18n::LANGUAGE.get(lang)}>
            <button type="button" aria-pressed={(lang == Lang::En).to_string()}
                onclick={set_lang(Lang::En)} lang="en">{ "EN" }</button>
            <button type="button" aria-pressed={(lang == Lang::Ru).to_string()}
                onclick={set_lang(Lang::Ru)} lang="ru">{ "RU" }</button>
        </div>
    };
    let workspace = match &state.page {
        Page::Table(table) => html! {
            <main class="workspace reference-page">
                <ReferenceTable table={*table} {lang} />
            </main>
        },
        Page::Scenario { fields } => {
            let scenario = state.settings.scenario;
            let values = &state.settings.values;
            // In predict mode the expected timeline would give the answer
            // away: it shows once the run has started.
            let hide_plan = state.settings.predict && state.status == Status::Idle;
            // The waits the timeline draws: the virtual clock's before a
            // run (none while predict mode hides the plan), the run's after.
            // Shared, never copied: a run's waits change once a frame, and
            // the page renders more often than that.
            let waits: Rc<runtime::WaitSpans> = match state.status {
                Status::Idle if hide_plan => Rc::default(),
                Status::Idle => prediction.1.clone(),
                _ => state.waits.clone(),
            };
            // The run comes first (Run, the log, the timeline, all in view on
            // a laptop, a projector or a slide); what explains it sits beside
            // the timeline.
            let own = state.settings.own_program;
            let runs_program = state.settings.runs_program();
            let edits_python = state.settings.edits_python();
            let about = html! { <About described={described.clone()} folded={embed} {lang} /> };
            let predict_switch = html! {
                <label class="predict-switch">
                    <input type="checkbox" id="predict-switch" checked={state.settings.predict}
                        onchange={{
                            let dispatcher = state.dispatcher();
                            Callback::from(move |event: Event| {
                                let on = event.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                                dispatcher.dispatch(Action::SetPredict(on));
                            })
                        }} />
                    { " " }{ i18n::PREDICT_SWITCH.get(lang) }
                </label>
            };
            let controls = html! {
                <Controls
                    {scenario}
                    fields={fields.clone()}
                    speed={state.speed.clone()}
                    status={state.status}
                    baseline_running={state.baseline_running}
                    {lang}
                    on_action={on_action.clone()}
                    on_run={on_run.clone()}
                    {on_stop}
                    compact={embed}
                    params={!runs_program}
                />
            };
            let predict_panel = if state.settings.predict {
                html! {
                    <PredictPanel
                        items={(*completions).clone()}
                        actual={if state.status == Status::Done && !completions.is_empty() {
                            crate::predict::actual(&source.subject(), state.log.iter().map(|row| &row.entry))
                        } else {
                            Vec::new()
                        }}
                        status={state.status}
                        {lang}
                    />
                }
            } else {
                Html::default()
            };
            let log = html! {
                <LogPane
                    hidden_during_run={state.hidden_during_run}
                    source={(*source).clone()}
                    status={state.status}
                    log={state.log.clone()}
                    planned={planned.clone()}
                    speed={state.run_speed}
                    {lang}
                />
            };
            let timeline = html! {
                <TimelineView
                    source={(*source).clone()}
                    log={state.log.clone()}
                    planned={if hide_plan { Rc::new(Vec::new()) } else { planned.clone() }}
                    waits={waits.clone()}
                    status={state.status}
                    started_ms={state.started_ms}
                    speed={state.run_speed}
                    {lang}
                >
                    { predict_switch }
                </TimelineView>
            };
            let stress = match workload(&state.settings) {
                Some(workload) => html! {
                    <StressPanel
                        {workload}
                        measures={state.measures.clone()}
                        busy={state.is_running() || state.baseline_running}
                        baseline_running={state.baseline_running}
                        {lang}
                        {on_baseline}
                    />
                },
                None => Html::default(),
            };
            // A Python cell is the editor (the program, once edited); a Go
            // or C++ cell is shown as the lecture has it. The Rust that runs
            // the scenario follows, except on `s=python`.
            let editor = match state.program_text() {
                Some(text) => {
                    let refusal = state.code_refusal.as_ref().map(|r| r.message(lang));
                    html! {
                        <Editor text={AttrValue::from(text.into_owned())}
                            runs_python={runs_program} {own}
                            edited={state.settings.code.is_some()}
                            error_line={state.error_line} {refusal} {lang}
                            on_action={on_action.clone()} on_run={on_run.clone()} {on_share} />
                    }
                }
                None => Html::default(),
            };
            // Where the lecture's Python is older than 3.11, the page runs
            // 3.11 and says why the cell fails.
            // An uncaught exception is a program's last row: look there, not
            // through every row at every render.
            let refused_coroutines = runs_program
                && state.log.len().checked_sub(1).and_then(|i| state.log.get(i)).is_some_and(
                    |row| {
                        row.entry.kind == crate::python::ERROR
                            && row.entry.text.en.contains("Passing coroutines is forbidden")
                    },
                );
            let code = html! {
                <>
                    { editor }
                    if refused_coroutines {
                        <p class="differs py-note">{ i18n::WAIT_COROUTINES.get(lang) }</p>
                    }
                    if !own {
                        <CodeView {scenario} values={values.clone()} {lang}
                            cell={(!edits_python).then(|| state.lecture_cell()).flatten()} />
                    }
                </>
            };
            let after_log = html! {
                <>
                    if !runs_program {
                        <LectureOutput
                            {scenario}
                            described={described.clone()}
                            values={values.clone()}
                            log={state.log.clone()}
                            status={state.status}
                            {lang}
                        />
                    }
                    <ExportBar
                        source={(*source).clone()}
                        speed={state.run_speed}
                        log={state.log.clone()}
                        {lang}
                    />
                </>
            };
            if embed {
                // A slide: the left side is the run itself (Run, the log
                // filling the rest), the right the timeline and then,
                // scrolling, what explains it.
                html! {
                    <main class="workspace">
                        <section class="run-side">
                            { controls }
                            if own {
                                { code.clone() }
                            }
                            { predict_panel }
                            { log }
                        </section>
                        <div class="watch-side">
                            { timeline }
                            { stress }
                            { about }
                            { after_log }
                            if !own {
                                { code }
                            }
                        </div>
                    </main>
                }
            } else {
                // A laptop or a projector: the run on the right (the
                // timeline over the log, both in view whatever the
                // parameters), what to change and read on the left. Below
                // 900 px one column, ordered by the stylesheet.
                html! {
                    <main class="workspace">
                        <section class="run-side">
                            <h2 class="scenario-title">{ state.title().get(lang) }</h2>
                            { controls }
                            // A Python cell is edited here: the editor comes
                            // before what explains it.
                            if edits_python {
                                { code }
                                { about }
                            } else {
                                { about }
                                { code }
                            }
                        </section>
                        <div class="watch-side">
                            { timeline }
                            { predict_panel }
                            { log }
                            { stress }
                            { after_log }
                        </div>
                    </main>
                }
            }
        }
    };
    html! {
        <div class={classes!("page", embed.then_some("embed"))}>
            if embed {
                <header class="embed-bar">
                    <strong class="embed-title">{ state.title().get(lang) }</strong>
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
                <Navigation current={state.shown_id()} {lang} {on_open} />
            }
            <Notices refusals={state.link_refusals.clone()} {lang} />
            { workspace }
        </div>
    }
}
