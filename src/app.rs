//! The page: state, the run it owns, and the layout.

use std::cell::RefCell;
use std::rc::Rc;

use catalog::Lang;
use yew::prelude::*;

use crate::browser_io::Baseline;
use crate::browser_run::{self, BrowserClock, Probe, RunHandle, Timers};
use crate::components::code_view::CodeView;
use crate::components::controls::Controls;
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
use crate::measure::{percentiles, Measure, Strategy, Workload};
use crate::page::FrameBatch;
use crate::slides::SlideCommand;
use crate::state::{Action, Playground};
use catalog::params::Settings;
use catalog::STRESS;

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

/// The `stress` workload the settings describe, if `stress` is open.
fn workload(settings: &Settings) -> Option<Workload> {
    if settings.scenario.id != STRESS.id {
        return None;
    }
    let value = |param: usize| settings.values.get(param).and_then(|v| v.first()).copied();
    Some(Workload {
        tasks: value(0)? as usize,
        max: value(1)?,
        seed: value(2)? as u64,
        speed: settings.speed,
    })
}

fn stress_delays(workload: &Workload) -> Vec<f64> {
    scenarios::stress::delays(workload.tasks, workload.max, workload.seed)
}

/// The clock for a run of `settings`: a `stress` run keeps its timers as
/// `timers=` says and is measured, and its `on_done` reports the measure.
fn measured(
    settings: &Settings,
    on_done: impl FnOnce() + 'static,
    dispatcher: UseReducerDispatcher<Playground>,
) -> (BrowserClock, Box<dyn FnOnce()>) {
    let Some(workload) = workload(settings) else {
        return (BrowserClock::new(settings.speed), Box::new(on_done));
    };
    let strategy = Strategy::from_choice(settings.values[3][0]);
    let timers = match strategy {
        Strategy::Heap => Timers::Heap,
        _ => Timers::PerTask,
    };
    let probe = Probe::new();
    let clock = BrowserClock::with_timers(settings.speed, timers, Some(probe.clone()));
    let heap_before = crate::browser_io::js_heap_bytes();
    let started = browser_run::page_ms();
    let on_done = move || {
        let wall_ms = browser_run::page_ms() - started;
        let longest = stress_delays(&workload).into_iter().fold(0.0, f64::max);
        let mut lateness = probe.lateness.take();
        let measure = Measure {
            strategy,
            longest_ms: longest * 1000.0 / workload.speed,
            workload,
            wall_ms,
            late: percentiles(&mut lateness),
            busy_ms: probe.busy_ms.get(),
            js_heap_bytes: crate::browser_io::js_heap_bytes()
                .zip(heap_before)
                .map(|(after, before)| after - before),
            wasm_bytes: Some(crate::browser_io::wasm_memory_bytes()),
            faithful: true,
        };
        on_done();
        dispatcher.dispatch(Action::Measured(measure));
    };
    (clock, Box::new(on_done))
}

/// A run and the rows it logged since the last frame.
struct Running {
    handle: RunHandle,
    rows: Rc<FrameBatch<runtime::LogEntry>>,
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
    let run_handle: Rc<RefCell<Option<Running>>> = use_mut_ref(|| None);
    let run_counter = use_mut_ref(|| 0_u64);
    // The `stress` scenario's JavaScript baseline, while it runs.
    let baseline: Rc<RefCell<Option<Baseline>>> = use_mut_ref(|| None);

    let on_run = {
        let state = state.clone();
        let run_handle = run_handle.clone();
        let baseline = baseline.clone();
        Callback::from(move |()| {
            // Stop the old run first, so none of its rows can follow, and
            // the baseline, which would share the main thread.
            run_handle.borrow_mut().take();
            if baseline.borrow_mut().take().is_some() {
                state.dispatch(Action::BaselineEnded);
            }
            let run_id = {
                let mut counter = run_counter.borrow_mut();
                *counter += 1;
                *counter
            };
            let speed = state.settings.speed;
            state.dispatch(Action::Started { run_id, speed, started_ms: browser_run::page_ms() });
            if crate::page::is_hidden() {
                state.dispatch(Action::Hidden);
            }
            let rows = Rc::new(FrameBatch::new({
                let dispatcher = state.dispatcher();
                move |rows| dispatcher.dispatch(Action::Logged(run_id, rows))
            }));
            let on_entry = {
                let rows = rows.clone();
                move |entry: runtime::LogEntry| {
                    crate::slides::post_event(&entry);
                    rows.push(entry);
                }
            };
            let on_done = {
                let dispatcher = state.dispatcher();
                let rows = rows.clone();
                move || {
                    rows.flush();
                    dispatcher.dispatch(Action::Finished(run_id))
                }
            };
            let settings = &state.settings;
            let (clock, on_done) = measured(settings, on_done, state.dispatcher());
            let handle = browser_run::start_on(
                settings.scenario,
                &settings.values,
                clock,
                on_entry,
                on_done,
            );
            *run_handle.borrow_mut() = Some(Running { handle, rows });
        })
    };
    let on_stop = {
        let state = state.clone();
        let run_handle = run_handle.clone();
        let baseline = baseline.clone();
        Callback::from(move |()| {
            baseline.borrow_mut().take();
            let running = run_handle.borrow_mut().take();
            if let Some(running) = running {
                // What was logged before Stop is kept; nothing comes after.
                drop(running.handle);
                running.rows.flush();
            }
            state.dispatch(Action::Stopped);
        })
    };
    let on_baseline = {
        let state = state.clone();
        let run_handle = run_handle.clone();
        let baseline = baseline.clone();
        Callback::from(move |()| {
            if run_handle.borrow_mut().take().is_some() {
                state.dispatch(Action::Stopped);
            }
            let Some(workload) = workload(&state.settings) else { return };
            let delays_ms: Vec<f64> =
                stress_delays(&workload).iter().map(|s| s * 1000.0 / workload.speed).collect();
            let longest_ms = delays_ms.iter().copied().fold(0.0, f64::max);
            let started = Baseline::start(&delays_ms);
            let finished = started.finished();
            *baseline.borrow_mut() = Some(started);
            state.dispatch(Action::BaselineStarted);
            let dispatcher = state.dispatcher();
            let baseline = baseline.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = finished.await;
                // Dropped meanwhile (Stop, Run): whoever dropped it has said so.
                let Ok(Some(mut result)) = result else { return };
                baseline.borrow_mut().take();
                dispatcher.dispatch(Action::Measured(Measure {
                    strategy: Strategy::JavaScript,
                    workload,
                    wall_ms: result.wall_ms,
                    longest_ms,
                    late: percentiles(&mut result.lateness),
                    busy_ms: result.busy_ms,
                    js_heap_bytes: result.heap_bytes,
                    wasm_bytes: None,
                    faithful: true,
                }));
            });
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
    // Not drawn for thousands of lanes (the timeline aggregates them), so
    // not made either.
    let planned =
        use_memo((state.settings.scenario.id, state.settings.values.clone()), |(id, values)| {
            catalog::find(id)
                .filter(|spec| crate::timeline::draws_lanes(spec, values))
                .map(|spec| catalog::predict::predict(spec, values).log)
                .unwrap_or_default()
        });
    // What predict mode asks the student to order: the completions the
    // virtual clock foresees, in a neutral order.
    let completions = use_memo(
        (state.settings.scenario.id, state.settings.values.clone(), planned.clone()),
        |(id, values, planned)| {
            catalog::find(id)
                .map(|spec| crate::predict::completions(spec, values, planned))
                .unwrap_or_default()
        },
    );
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
    use_effect_with((), move |_| {
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

    // `run=1`: start once, when the page has settled (`page::after_settled`).
    use_effect_with((), {
        let on_run = on_run.clone();
        let autorun = state.settings.autorun;
        move |_| {
            if autorun {
                crate::page::after_settled(move || on_run.emit(()));
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
    // The first render is in the DOM with its handlers: the page can be used.
    // `make bench` reads this mark.
    use_effect_with((), |_| crate::page::mark("playground-interactive"));

    let lang = state.lang;
    let scenario = state.settings.scenario;
    // In predict mode the expected timeline would give the answer away: it
    // shows once the run has started.
    let hide_plan = state.settings.predict && state.status == crate::state::Status::Idle;
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
    // The run comes first (Run, the log, the timeline, all in view on a
    // laptop, a projector or a slide); what explains it sits beside the
    // timeline.
    let about = html! {
        <details class="about" open={!embed}>
            <summary>{ i18n::WATCH.get(lang) }</summary>
            <p>{ scenario.about.get(lang) }</p>
            if let Some(differs) = scenario.differs {
                <p class="differs"><strong>{ i18n::DIFFERS.get(lang) }{ ": " }</strong>{ differs.get(lang) }</p>
            }
        </details>
    };
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
            fields={state.fields.clone()}
            speed={state.speed.clone()}
            status={state.status}
            baseline_running={state.baseline_running}
            {lang}
            on_action={on_action.clone()}
            {on_run}
            {on_stop}
            compact={embed}
        />
    };
    let predict_panel = if state.settings.predict {
        html! {
            <PredictPanel
                items={(*completions).clone()}
                actual={if state.status == crate::state::Status::Done && !completions.is_empty() {
                    crate::predict::actual(scenario, state.log.iter().map(|row| &row.entry))
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
            {scenario}
            values={state.settings.values.clone()}
            status={state.status}
            log={state.log.clone()}
            planned={planned.clone()}
            speed={state.run_speed}
            {lang}
        />
    };
    let timeline = html! {
        <TimelineView
            {scenario}
            values={state.settings.values.clone()}
            log={state.log.clone()}
            planned={if hide_plan { Rc::new(Vec::new()) } else { planned.clone() }}
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
    let code = html! { <CodeView {scenario} values={state.settings.values.clone()} {lang} /> };
    let after_log = html! {
        <>
            <LectureOutput
                {scenario}
                values={state.settings.values.clone()}
                log={state.log.clone()}
                status={state.status}
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
        </>
    };
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
                if embed {
                    // A slide: the left side is the run itself (Run, the log
                    // filling the rest), the right the timeline and then,
                    // scrolling, what explains it.
                    <main class="workspace">
                        <section class="run-side">
                            { controls }
                            { predict_panel }
                            { log }
                        </section>
                        <div class="watch-side">
                            { timeline }
                            { stress }
                            { about }
                            { after_log }
                            { code }
                        </div>
                    </main>
                } else {
                    // A laptop or a projector: the run on the right (the
                    // timeline over the log, both in view whatever the
                    // parameters), what to change and read on the left.
                    // Below 900 px one column, ordered by the stylesheet.
                    <main class="workspace">
                        <section class="run-side">
                            <h2 class="scenario-title">{ scenario.title.get(lang) }</h2>
                            { controls }
                            { about }
                            { code }
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
        </div>
    }
}
