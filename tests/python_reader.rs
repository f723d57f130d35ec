//! The page's reading of a program's run (`src/python.rs`), on the
//! interpreter's real events: the interpreter runs natively on the virtual
//! clock, its events are what the worker posts, and the rows and waits the
//! page makes of them must be CPython's printed lines, under the tasks that
//! printed them, with every wait closed.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::python::{example_path, wait_of, Reader, WorkerEvent, ERROR, MODULE, PRINT};
use asyncpy::{Config, Event, WaitOn};
use runtime::{Lang, Wait, WaitSpans};

/// What the worker posts for an interpreter event (`python/worker` encodes
/// the same fields as arrays).
fn posted(event: &Event) -> Option<WorkerEvent> {
    Some(match event {
        Event::Print { time, task, text } => {
            WorkerEvent::Print { time: *time, task: task.clone(), line: text.clone() }
        }
        Event::WaitBegin { time, task, on } => {
            let on = match on {
                WaitOn::Timer(_) => "timer",
                WaitOn::Future => "future",
                WaitOn::Task(_) => "task",
                WaitOn::Queue => "queue",
                WaitOn::Lock => "lock",
                WaitOn::Event => "event",
                WaitOn::Semaphore => "semaphore",
                WaitOn::Io => "io",
                WaitOn::Other => "other",
            };
            WorkerEvent::Wait { time: *time, task: task.clone(), on: on.into() }
        }
        Event::WaitEnd { time, task } => WorkerEvent::Wake { time: *time, task: task.clone() },
        Event::TaskDone { time, task, .. } => WorkerEvent::Done { time: *time, task: task.clone() },
        Event::Uncaught { time, line, .. } => {
            WorkerEvent::Uncaught { time: *time, line: line.clone() }
        }
        Event::TaskCreated { .. } | Event::TaskRunning { .. } => return None,
    })
}

fn run(source: &str) -> (asyncpy::RunReport, Vec<WorkerEvent>) {
    let config = Config { record_events: true, ..Config::default() };
    let report = asyncpy::run_virtual(source, "<cell>", config, 10_000_000);
    let events = report.events.iter().filter_map(posted).collect();
    (report, events)
}

const GATHER: &str = "\
import asyncio

async def task(name, delay):
    print(f'Task {name} started')
    await asyncio.sleep(delay)
    print(f'Task {name} finished')

async def main():
    print('main starts')
    await asyncio.gather(task('A', 2), task('B', 1), task('C', 3))

print('before the loop')
asyncio.run(main())
";

#[test]
fn rows_are_the_printed_lines_under_the_tasks_that_printed_them() {
    let (report, events) = run(GATHER);
    let (rows, waits) = Reader::new().read(&events, 0.0);
    let lines: Vec<&str> = report.stdout.lines().collect();
    let texts: Vec<&str> = rows.iter().map(|r| r.text.get(Lang::En)).collect();
    assert_eq!(texts, lines, "one row a printed line, in order");
    assert!(rows.iter().all(|r| r.kind == PRINT && r.text.get(Lang::Ru) == r.text.get(Lang::En)));
    let tasks: Vec<&str> = rows.iter().map(|r| r.task.as_str()).collect();
    assert_eq!(
        tasks,
        [MODULE, "Task-1", "Task-2", "Task-3", "Task-4", "Task-3", "Task-2", "Task-4"],
        "asyncio's own task names, as CPython numbers them"
    );
    let seqs: Vec<u32> = rows.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (0..8).collect::<Vec<_>>());
    let at: Vec<f64> = rows.iter().map(|r| r.at).collect();
    assert_eq!(at, [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0]);

    // Each child task slept on a timer from 0 to its delay, main awaited
    // the gather; every wait is closed once the run is over.
    let mut spans = WaitSpans::default();
    waits.iter().for_each(|w| spans.apply(w));
    for (task, to) in [("Task-2", 2.0), ("Task-3", 1.0), ("Task-4", 3.0)] {
        assert!(
            spans.spans().iter().any(|s| &*s.task == task
                && s.on == Wait::Timer
                && s.from == 0.0
                && s.to == Some(to)),
            "{task}: {:#?}",
            spans.spans()
        );
    }
    assert!(spans.spans().iter().any(|s| &*s.task == "Task-1" && s.to == Some(3.0)));
    assert!(spans.spans().iter().all(|s| s.to.is_some()), "{:#?}", spans.spans());
}

#[test]
fn an_uncaught_exception_is_an_error_row_with_its_last_line() {
    let (_, events) =
        run("import asyncio\nasync def main():\n    print('a')\n    raise ValueError('boom')\nasyncio.run(main())\n");
    let (rows, _) = Reader::new().read(&events, 0.0);
    let last = rows.last().unwrap();
    assert_eq!((last.kind.as_str(), last.text.get(Lang::En)), (ERROR, "ValueError: boom"));
    assert_eq!(rows[0].text.get(Lang::En), "a");
}

#[test]
fn a_queue_a_lock_and_an_event_are_drawn_as_what_they_are() {
    let (_, events) = run("\
import asyncio
async def main():
    q = asyncio.Queue()
    lock = asyncio.Lock()
    ev = asyncio.Event()
    async def getter():
        print(await q.get())
    async def holder():
        async with lock:
            await asyncio.sleep(1)
    async def other():
        async with lock:
            await ev.wait()
            print('set')
    tasks = [asyncio.create_task(f()) for f in (getter, holder, other)]
    await asyncio.sleep(2)
    await q.put(1)
    ev.set()
    await asyncio.gather(*tasks)
asyncio.run(main())
");
    let (_, waits) = Reader::new().read(&events, 0.0);
    let mut spans = WaitSpans::default();
    waits.iter().for_each(|w| spans.apply(w));
    for wait in [Wait::Queue, Wait::Lock, Wait::Event, Wait::Timer] {
        assert!(spans.spans().iter().any(|s| s.on == wait), "no {wait:?}: {:#?}", spans.spans());
    }
    assert!(spans.spans().iter().all(|s| s.to.is_some()));
}

#[test]
fn the_interpreters_waits_map_to_the_pages_kinds() {
    assert_eq!(wait_of("timer"), Wait::Timer);
    assert_eq!(wait_of("task"), Wait::Future);
    assert_eq!(wait_of("semaphore"), Wait::Lock);
    assert_eq!(wait_of("io"), Wait::Fetch);
    assert_eq!(wait_of("anything else"), Wait::Future);
}

#[test]
fn only_the_lectures_example_pages_map_to_the_pages_own_files() {
    assert_eq!(example_path("https://example.com/1").as_deref(), Some("static/example/1.txt"));
    assert_eq!(example_path("https://example.com/8").as_deref(), Some("static/example/8.txt"));
    for refused in [
        "https://example.com/9",
        "https://example.com/0",
        "https://example.com/../index.html",
        "https://evil.example/1",
        "file:///etc/passwd",
        "https://example.com/1?x=../../",
        "",
    ] {
        assert_eq!(example_path(refused), None, "{refused}");
    }
}
