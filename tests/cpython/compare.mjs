// Compares the page's event log with CPython's for the same cell and parameters.
//
// Both logs are arrays of {task, kind, t} in logging order, t in notebook
// seconds (CPython: from cells.py; the page: data-t ms × speed / 1000).
//
// Why not demand the identical sequence: two timers that CPython fires at the
// same notebook instant (gather's delays 1,1,1, or futures-as-completed at t=2)
// come out in whatever order the OS wakes the loop, and a browser orders its
// setTimeout callbacks by its own rules (clamping, task queues). Neither order is
// "the" lecture's. So only events that CPython separates by more than `margin`
// notebook seconds must keep their relative order; events of one task keep
// theirs always, as a task's own steps are sequential in any runtime. Pick the
// margin above the timer jitter of both sides (a few ms of real time each,
// growing along chains of sleeps), i.e. a few tenths of a notebook second at
// the usual speeds, and well below the smallest gap the scenario's parameters
// put between distinct instants.

/**
 * Kinds that `main` logs about a task (SCENARIOS.md: `result`/`processed` carry
 * the id of the task whose value main received). They are not the task's own
 * steps, so check (2) leaves them out and check (3) treats them as events of
 * another task: main's reaction and the task's next step can come in either
 * order at the same instant (futures-as-completed with zero delays).
 */
export const OBSERVED = ['result', 'processed', 'cancelled'];

/** `A start, B start, …`: a one-line summary of a log, for messages. */
export function describe(events) {
  return events.map((e) => `${e.task} ${e.kind}`).join(', ');
}

/**
 * Differences between CPython's log and the page's, as sentences; empty when
 * they agree. Checks (1) the same multiset of (task, kind) events, (2) the same
 * order of events within each task, (3) the same relative order for every two
 * events of different tasks that CPython logs more than `margin` apart.
 */
export function compareOrders(cpython, page, margin, { observed = OBSERVED } = {}) {
  check(cpython, 'cpython');
  check(page, 'page');
  if (typeof margin !== 'number' || !(margin >= 0) || !Number.isFinite(margin)) {
    throw new TypeError(`margin must be a finite number >= 0, got ${margin}`);
  }
  const problems = [];

  // (1) The same events, counted.
  const want = countBy(cpython, label);
  const got = countBy(page, label);
  for (const [key, n] of want) {
    const m = got.get(key) ?? 0;
    if (m < n) problems.push(`missing on the page: ${times(n - m)}"${key}"`);
  }
  for (const [key, m] of got) {
    const n = want.get(key) ?? 0;
    if (m > n) problems.push(`extra on the page: ${times(m - n)}"${key}"`);
  }

  // (2) Each task's own events in the same order (only where the task logged
  // the same events on both sides; otherwise (1) has already said what differs).
  const own = (e) => !observed.includes(e.kind);
  const cpyTasks = groupBy(cpython.filter(own), (e) => e.task);
  const pageTasks = groupBy(page.filter(own), (e) => e.task);
  for (const [task, mine] of cpyTasks) {
    const theirs = pageTasks.get(task) ?? [];
    const a = mine.map((e) => e.kind);
    const b = theirs.map((e) => e.kind);
    const sameEvents = [...a].sort().join('\n') === [...b].sort().join('\n');
    if (sameEvents && a.join('\n') !== b.join('\n')) {
      problems.push(`task ${task}: CPython logs ${a.join(', ')}; the page logs ${b.join(', ')}`);
    }
  }

  // (3) Events of different tasks that CPython logs more than `margin` apart
  // keep their order. Events are matched by (task, kind, occurrence).
  const cpy = withOccurrence(cpython);
  const pagePos = new Map(withOccurrence(page).map((e, i) => [e.id, { i, t: e.t }]));
  const swapped = [];
  for (let i = 0; i < cpy.length; i++) {
    for (let j = i + 1; j < cpy.length; j++) {
      const a = cpy[i];
      const b = cpy[j];
      if (a.task === b.task && own(a) && own(b)) continue; // (2) covers a task's own order
      if (Math.abs(b.t - a.t) <= margin) continue;
      const pa = pagePos.get(a.id);
      const pb = pagePos.get(b.id);
      if (!pa || !pb) continue; // (1) reports it
      if (pa.i > pb.i) swapped.push([a, b, pa, pb]);
    }
  }
  const SHOW = 10;
  for (const [a, b, pa, pb] of swapped.slice(0, SHOW)) {
    problems.push(
      `order: CPython logs "${label(a)}" (t=${fmt(a.t)}) before "${label(b)}" (t=${fmt(b.t)}), ` +
        `${fmt(Math.abs(b.t - a.t))} s apart (margin ${fmt(margin)} s); ` +
        `the page logs "${label(b)}" (t=${fmt(pb.t)}) first, then "${label(a)}" (t=${fmt(pa.t)})`,
    );
  }
  if (swapped.length > SHOW) problems.push(`order: … and ${swapped.length - SHOW} more pairs the other way round`);
  return problems;
}

function check(events, name) {
  if (!Array.isArray(events)) throw new TypeError(`${name}: expected an array of events`);
  events.forEach((e, i) => {
    if (!e || typeof e.task !== 'string' || typeof e.kind !== 'string' || !Number.isFinite(e.t)) {
      throw new TypeError(`${name}[${i}]: expected {task: string, kind: string, t: number}, got ${JSON.stringify(e)}`);
    }
  });
}

const label = (e) => `${e.task} ${e.kind}`;
const times = (n) => (n > 1 ? `${n} × ` : '');
const fmt = (x) => String(Math.round(x * 1000) / 1000);

function countBy(events, key) {
  const m = new Map();
  for (const e of events) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
  return m;
}

function groupBy(events, key) {
  const m = new Map();
  for (const e of events) {
    if (!m.has(key(e))) m.set(key(e), []);
    m.get(key(e)).push(e);
  }
  return m;
}

/** Each event with an id "task kind #n" that is unique within its log. */
function withOccurrence(events) {
  const seen = new Map();
  return events.map((e) => {
    const n = (seen.get(label(e)) ?? 0) + 1;
    seen.set(label(e), n);
    return { ...e, id: `${label(e)} #${n}` };
  });
}
