//! What each task waits on, recorded by the runtime as the run goes.
//!
//! Every awaitable of the runtime (`Cx::sleep`, a task's `JoinHandle`, a
//! [`future`], the `Queue`, the `Lock` and `Event`, the host's network and
//! database) records a
//! [`WaitEvent::Begin`] the first time it is polled and cannot complete, and
//! a [`WaitEvent::End`] when it completes or is dropped (a cancelled wait ends
//! too). The wait belongs to the task being polled: the name given by
//! `Cx::named`, or `main`. The page's timeline draws
//! these records, so a scenario never declares what its tasks wait on, and a
//! Python program's waits (which the interpreter records the same way) are
//! drawn by the same code.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::channel::oneshot;
use futures::FutureExt;
use text::Words;

/// What a task waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wait {
    /// A timer (`asyncio.sleep`).
    Timer,
    /// Polling the clock, one loop turn at a time (`types.coroutine`).
    Poll,
    /// Another task's result: a future, a task handle, a channel.
    Future,
    /// A queue: `get` while empty, `put` while full, `join`.
    Queue,
    /// A lock held by another task.
    Lock,
    /// An event not yet set.
    Event,
    /// The network (`fetch`).
    Fetch,
    /// The database.
    Database,
}

impl Wait {
    /// A short name, for the timeline's legend and exports.
    pub fn name(self) -> Words {
        let (en, ru) = match self {
            Wait::Timer => ("timer", "таймер"),
            Wait::Poll => ("busy polling", "опрос"),
            Wait::Future => ("future", "future"),
            Wait::Queue => ("queue", "очередь"),
            Wait::Lock => ("lock", "блокировка"),
            Wait::Event => ("event", "событие"),
            Wait::Fetch => ("network", "сеть"),
            Wait::Database => ("database", "база данных"),
        };
        Words { en, ru }
    }

    /// Its stable identifier (`data-wait` in the page, the exports).
    pub fn id(self) -> &'static str {
        match self {
            Wait::Timer => "timer",
            Wait::Poll => "poll",
            Wait::Future => "future",
            Wait::Queue => "queue",
            Wait::Lock => "lock",
            Wait::Event => "event",
            Wait::Fetch => "fetch",
            Wait::Database => "database",
        }
    }
}

/// A record of the run: a wait began or ended.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitEvent {
    /// `task` began waiting on `on` at notebook time `at`.
    Begin {
        /// Pairs the begin with its end.
        id: u32,
        /// The task's name.
        task: Rc<str>,
        /// On what.
        on: Wait,
        /// Notebook seconds since the run started.
        at: f64,
    },
    /// The wait `id` ended at `at`.
    End {
        /// The begin's id.
        id: u32,
        /// Notebook seconds since the run started.
        at: f64,
    },
}

/// One wait from its begin to its end (`None`: still waiting).
#[derive(Clone, Debug, PartialEq)]
pub struct WaitSpan {
    /// The task's name.
    pub task: Rc<str>,
    /// On what.
    pub on: Wait,
    /// When it began.
    pub from: f64,
    /// When it ended.
    pub to: Option<f64>,
}

/// Folds records into spans, in the order the waits began.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaitSpans {
    spans: Vec<WaitSpan>,
    ids: Vec<u32>,
}

impl WaitSpans {
    /// Adds one record.
    pub fn apply(&mut self, event: &WaitEvent) {
        match event {
            WaitEvent::Begin { id, task, on, at } => {
                self.spans.push(WaitSpan { task: task.clone(), on: *on, from: *at, to: None });
                self.ids.push(*id);
            }
            WaitEvent::End { id, at } => {
                if let Some(i) = self.ids.iter().rposition(|x| x == id) {
                    self.spans[i].to = Some(*at);
                }
            }
        }
    }

    /// The spans so far.
    pub fn spans(&self) -> &[WaitSpan] {
        &self.spans
    }

    /// The spans of a run that is over (the virtual clock's): nothing will
    /// end them now.
    pub fn finished(spans: Vec<WaitSpan>) -> WaitSpans {
        let ids = vec![u32::MAX; spans.len()];
        WaitSpans { spans, ids }
    }

    /// Forgets everything (a new run).
    pub fn clear(&mut self) {
        self.spans.clear();
        self.ids.clear();
    }
}

/// Where a run's wait records go.
pub type WaitSink = Box<dyn Fn(WaitEvent)>;

/// The run's recorder: its clock, its sink, the task being polled.
pub(crate) struct Recorder {
    pub(crate) now: Box<dyn Fn() -> f64>,
    pub(crate) sink: RefCell<Option<WaitSink>>,
    pub(crate) next_id: Cell<u32>,
    pub(crate) task: RefCell<Rc<str>>,
}

impl Recorder {
    pub(crate) fn new(now: Box<dyn Fn() -> f64>) -> Rc<Recorder> {
        Rc::new(Recorder {
            now,
            sink: RefCell::new(None),
            next_id: Cell::new(0),
            task: RefCell::new(Rc::from("main")),
        })
    }

    fn begin(&self, on: Wait) -> Option<u32> {
        let sink = self.sink.borrow();
        let sink = sink.as_ref()?;
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        sink(WaitEvent::Begin { id, task: self.task.borrow().clone(), on, at: (self.now)() });
        Some(id)
    }

    fn end(&self, id: u32) {
        if let Some(sink) = self.sink.borrow().as_ref() {
            sink(WaitEvent::End { id, at: (self.now)() });
        }
    }
}

thread_local! {
    /// The recorder of the run being polled now (runs can nest in tests).
    static CURRENT: RefCell<Option<Rc<Recorder>>> = const { RefCell::new(None) };
}

/// Makes `recorder` the current one while `f` runs.
pub(crate) fn with_recorder<T>(recorder: &Rc<Recorder>, f: impl FnOnce() -> T) -> T {
    let outer = CURRENT.with(|c| c.replace(Some(recorder.clone())));
    let result = f();
    CURRENT.with(|c| *c.borrow_mut() = outer);
    result
}

/// Names the current task `name` while `f` runs. (Not generic: one copy
/// serves every named task, whatever its future.)
fn with_task(name: &Rc<str>, f: &mut dyn FnMut()) {
    let recorder = CURRENT.with(|c| c.borrow().clone());
    let Some(recorder) = recorder else { return f() };
    let outer = recorder.task.replace(name.clone());
    f();
    *recorder.task.borrow_mut() = outer;
}

/// The bookkeeping of one awaitable: begins a wait at its first pending
/// poll, ends it when ready or dropped.
#[derive(Default)]
pub(crate) struct Recording {
    open: Option<(Weak<Recorder>, u32)>,
}

impl Recording {
    /// Call with each poll's result.
    pub(crate) fn saw<T>(&mut self, on: Wait, poll: &Poll<T>) {
        self.polled(on, poll.is_ready());
    }

    /// The one copy of [`Recording::saw`]'s work, whatever the output type.
    fn polled(&mut self, on: Wait, ready: bool) {
        match ready {
            false if self.open.is_none() => {
                let recorder = CURRENT.with(|c| c.borrow().clone());
                if let Some(recorder) = recorder {
                    if let Some(id) = recorder.begin(on) {
                        self.open = Some((Rc::downgrade(&recorder), id));
                    }
                }
            }
            true => self.close(),
            false => {}
        }
    }

    fn close(&mut self) {
        if let Some((recorder, id)) = self.open.take() {
            if let Some(recorder) = recorder.upgrade() {
                recorder.end(id);
            }
        }
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        self.close();
    }
}

/// Any future, recorded as a wait on `on` while it is pending (boxed as a
/// trait object: one copy of this code per output type).
pub fn waited<'a, T>(on: Wait, future: impl Future<Output = T> + 'a) -> Waited<'a, T> {
    Waited { on, future: Box::pin(future), recording: Recording::default() }
}

/// The future of [`waited`].
#[must_use = "a wait does nothing unless awaited"]
pub struct Waited<'a, T> {
    on: Wait,
    future: Pin<Box<dyn Future<Output = T> + 'a>>,
    recording: Recording,
}

impl<T> Future for Waited<'_, T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = &mut *self;
        let poll = this.future.as_mut().poll(cx);
        this.recording.saw(this.on, &poll);
        poll
    }
}

/// The setter half of [`future`]: `send` is `set_result`.
pub type Promise<T> = oneshot::Sender<T>;

/// `asyncio.Future()`: the setter half fills it (`set_result`), the other
/// half is awaited (a oneshot channel whose wait is recorded).
pub fn future<T>() -> (Promise<T>, FutureResult<T>) {
    let (tx, rx) = oneshot::channel();
    (tx, FutureResult { rx, recording: Recording::default() })
}

/// The awaited half of [`future`]: its value, or `Err` if the setter was
/// dropped without setting it.
#[must_use = "a future's value is not seen unless awaited"]
pub struct FutureResult<T> {
    rx: oneshot::Receiver<T>,
    recording: Recording,
}

impl<T> Future for FutureResult<T> {
    type Output = Result<T, oneshot::Canceled>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let poll = this.rx.poll_unpin(cx);
        this.recording.saw(Wait::Future, &poll);
        poll
    }
}

/// The future of `Cx::named`: polls its future as the task `name`. The
/// future is boxed as a trait object, so each output type has one copy of
/// this code, not each future (the page's bytes).
#[must_use = "a task does nothing unless awaited or spawned"]
pub struct Named<'a, T> {
    pub(crate) name: Rc<str>,
    pub(crate) future: Pin<Box<dyn Future<Output = T> + 'a>>,
}

impl<T> Future for Named<'_, T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = &mut *self;
        let name = this.name.clone();
        let mut poll = Poll::Pending;
        with_task(&name, &mut || poll = this.future.as_mut().poll(cx));
        poll
    }
}
