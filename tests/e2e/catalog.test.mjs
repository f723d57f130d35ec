// End to end, every scenario of the catalog at its defaults in the release
// bundle: it reaches `done` with the order of SCENARIOS.md, and the real I/O
// scenarios (fetch, database) run twice in a row with the same result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, rows, artifacts, catalog } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

// The order at the defaults, from each scenario's description (the one
// place it is written): the browser's where it is known to differ.
const DEFAULT_ORDERS = Object.fromEntries(catalog.scenarios
  .filter((s) => s.order.length > 0)
  .map((s) => [s.id, s.browserOrder ?? s.order]));

// The lecture's own scenarios: each shows what the lecture printed.
const LECTURE = catalog.scenarios.filter((s) => s.lecture).map((s) => s.id);

// Long scenarios run faster; the ones about real time (sleep, fetch) at 1×.
const SPEED = { sleep: 1, fetch: 1, database: 1, future: 4, coroutine: 10, 'bounded-queue': 10, blocking: 5 };

for (const [id, expected] of Object.entries(DEFAULT_ORDERS)) {
  test(`${id} at its defaults reaches done in the catalog's order`, async () => {
    const speed = SPEED[id] ?? 20;
    const { page, close } = await playground.open(`/?s=${id}&speed=${speed}&run=1`);
    await page.waitForSelector('[data-state="done"]');
    const log = await rows(page);
    const order = log.map((r) => `${r.task} ${r.kind}`);
    if (id === 'fetch') {
      // Equal latencies: the three concurrent requests end in whatever order
      // the network answers; only the sequential ones have an order.
      order.splice(0, 3, ...order.slice(0, 3).sort());
    }
    assert.deepEqual(order, expected);
    assert.deepEqual(log.map((r) => r.seq), log.map((_, i) => i));
    // The lecture's own output beside the log, judged line by line: the
    // same place, except at futures-as-completed's tie (explained) and
    // fetch's three equal requests (explained).
    const printed = await page.$$eval('.printed-line', (lis) => lis.map((li) => ({ verdict: li.dataset.verdict, text: li.textContent })));
    if (LECTURE.includes(id)) assert.ok(await page.$('.printed-pane'), `${id}: the lecture's output is shown`);
    const differs = printed.filter((l) => l.verdict === 'differs').map((l) => l.text.slice(1));
    if (id === 'futures-as-completed') {
      assert.deepEqual(differs, ["Function с результатом 'Результат 2' завершен", 'Обработан результат: Результат 1']);
      assert.ok(await page.$('.printed-note.differs'), 'and says why');
    } else if (id === 'fetch') {
      assert.ok(differs.every((t) => t.startsWith('Обработан результат')), differs.join(' | '));
    } else {
      assert.deepEqual(differs, [], `${id}: ${differs}`);
    }
    assert.ok(printed.every((l) => l.verdict), `${id}: every line judged`);
    // The page shows the lecture's cell (a Python cell in its editor) and,
    // opened, the Rust that runs: the repository's file, fetched, above its
    // catalog part.
    const cell = (await page.$('textarea.editor-input'))
      ? await page.inputValue('textarea.editor-input')
      : await page.textContent('.code.cell pre');
    assert.ok(cell.length > 20, `${id}: the cell`);
    await page.click('.code.rust summary');
    const shown = await (await page.waitForSelector('.code.rust pre')).textContent();
    assert.ok(shown.includes('pub async fn main'), `${id}: the Rust`);
    const path = await page.textContent('.code.rust summary code');
    const file = readFileSync(join(root, path), 'utf8');
    const mark = '// ---- The scenario in the catalog (not shown in the page) ----';
    assert.equal(shown, file.slice(0, file.indexOf(mark)).replace(/\n+$/, ''), `${id}: ${path} as it is`);
    await page.screenshot({ path: join(artifacts, `catalog-${id}.png`) });
    await close();
  });
}

test('sleep shows the time asked for against the time taken', async () => {
  const { page, close } = await playground.open('/?s=sleep&delay=0.2&run=1');
  await page.waitForSelector('[data-state="done"]');
  const [row] = await rows(page);
  assert.match(row.text, /asked 0\.2 s, got 0\.2\d\d s \(\+\d+\.\d ms\)/);
  assert.ok(row.t >= 199, `slept ${row.t} ms for 200 ms`);
  await close();
});

test('fetch makes real requests to the page itself, and runs twice alike', async () => {
  const { page, requests, close } = await playground.open('/?s=fetch&delays=0.05,0.1&run=1');
  await page.waitForSelector('[data-state="done"]');
  const first = await rows(page);
  const totals = first.filter((r) => r.kind === 'total').map((r) => Number(r.text.match(/(\d+) ms/)[1]));
  // Relations, not a stopwatch: a loaded machine is late by any amount, but
  // never early, and the sequential requests wait one after another.
  assert.ok(totals[0] >= 100, `concurrent ${totals[0]} ms: at least the longest latency`);
  assert.ok(totals[1] >= 150, `sequential ${totals[1]} ms: at least the sum of the latencies`);
  assert.ok(totals[1] > totals[0], `sequential ${totals[1]} ms, longer than concurrent ${totals[0]} ms`);
  await page.click('button.run');
  await page.waitForSelector('[data-state="running"]');
  await page.waitForSelector('[data-state="done"]');
  const second = await rows(page);
  // The same events, and each way's total after its own fetches. (Which of
  // two concurrent real requests answers first is the network's to say: on
  // a loaded machine the first can come second.)
  const events = (list) => list.map((r) => `${r.task} ${r.kind}`);
  assert.deepEqual([...events(second)].sort(), [...events(first)].sort());
  const totalsAt = (list) => list.map((r, i) => (r.kind === 'total' ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(totalsAt(second), totalsAt(first));
  const fetched = requests.filter((url) => url.includes('/static/example/'));
  assert.equal(fetched.length, 8, 'two runs, two ways, two requests each');
  await close();
});

test('database seeds a real IndexedDB and reads it back, twice', async () => {
  const { page, close } = await playground.open('/?s=database&rows=4&run=1');
  await page.waitForSelector('[data-state="done"]');
  const texts = (await rows(page)).filter((r) => r.kind === 'row').map((r) => r.text);
  assert.deepEqual(texts, [
    "<Record id=1 name='Alice'>", "<Record id=2 name='Bob'>",
    "<Record id=3 name='Carol'>", "<Record id=4 name='Dave'>",
  ]);
  // The rows are really in IndexedDB, read from outside the app.
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('async-playground');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('users').objectStore('users').count();
      request.onsuccess = () => { open.result.close(); resolve(request.result); };
    };
  }));
  assert.equal(stored, 4);
  // Fewer rows on a second run: the table is re-seeded, nothing is left over.
  await page.fill('#rows', '2');
  await page.click('button.run');
  // The run is over in milliseconds: wait for its result, not for "running".
  await page.waitForFunction(() => document.querySelectorAll('.log-entry[data-kind="row"]').length === 2
    && document.querySelector('[data-state="done"]'));
  assert.deepEqual((await rows(page)).map((r) => r.kind), ['connected', 'row', 'row', 'closed']);
  await close();
});

test('every page of the navigation opens, in both languages', async () => {
  // Wide enough for the navigation list (narrower pages show a select).
  const { page, close } = await playground.open('/?lang=ru', { viewport: { width: 1600, height: 900 } });
  const ids = await page.$$eval('nav.scenarios a', (as) => as.map((a) => a.dataset.scenario));
  assert.deepEqual([...ids].sort(), ['python', ...catalog.scenarios.map((s) => s.id), ...catalog.references].sort(), 'your own program, every scenario and table of the catalog');
  for (const id of ids) {
    await page.click(`a[data-scenario="${id}"]`);
    await page.waitForFunction((want) => location.search.includes(`s=${want}`), id);
    assert.equal(await page.getAttribute('a[aria-current="page"]', 'data-scenario'), id);
  }
  // At a projector's width the same choice is a select.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.selectOption('.nav-select select', 'table-go-cpp-python');
  await page.waitForFunction(() => location.search.includes('s=table-go-cpp-python'));
  const table = await page.textContent('.reference');
  assert.match(table, /Характеристика/);
  assert.match(table, /Rust/);
  await page.click('.lang-switch button[lang="en"]');
  assert.match(await page.textContent('.reference'), /Feature/);
  await page.screenshot({ path: join(artifacts, 'table-en.png') });
  await close();
});
