// End to end, at scale: the `stress` scenario with both timer strategies and
// the JavaScript baseline, the windowed log past 1,000 rows, and the
// aggregated timeline. Functional checks only: speed is measured by
// `make bench` (docs/PERFORMANCE.md), never asserted here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, artifacts } from './harness.mjs';

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

const measured = (page, strategy) => page.waitForSelector(`tr[data-strategy="${strategy}"][data-measured]`);
const rowData = (page, strategy) => page.$eval(`tr[data-strategy="${strategy}"]`, (tr) => ({ ...tr.dataset }));
const inDom = (page) => page.$$eval('.log-entry', (els) => els.map((el) => ({ seq: Number(el.dataset.seq), task: el.dataset.task, kind: el.dataset.kind })));

test('3,000 tasks on the heap: every row logged, only the rows in view in the DOM', async () => {
  const { page, close } = await playground.open('/?s=stress&n=3000&max=0.5&seed=4&timers=heap&run=1');
  await page.waitForSelector('[data-state="done"]');
  await measured(page, 'heap');
  const list = await page.$eval('ol.log', (ol) => ({ rows: Number(ol.dataset.rows), windowed: ol.classList.contains('windowed') }));
  assert.deepEqual(list, { rows: 3001, windowed: true });
  // Following the run: the view is at the end, on main's `gathered`.
  let rows = await inDom(page);
  assert.ok(rows.length > 5 && rows.length < 100, `${rows.length} rows in the DOM`);
  assert.deepEqual(rows.at(-1), { seq: 3000, task: 'main', kind: 'gathered' });
  // Scrolled to the top: the first rows, in logging order.
  await page.$eval('ol.log', (ol) => { ol.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.log-entry')?.dataset.seq === '0');
  rows = await inDom(page);
  assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i), 'consecutive from 0');
  // The middle: whatever is drawn is consecutive and near the scroll position.
  await page.$eval('ol.log', (ol) => { ol.scrollTop = ol.scrollHeight / 2; });
  await page.waitForFunction(() => Number(document.querySelector('.log-entry')?.dataset.seq) > 1000);
  rows = await inDom(page);
  assert.ok(rows.every((r, i) => i === 0 || r.seq === rows[i - 1].seq + 1), 'no gaps');
  // Completions only: 3,000 `done` rows, `gathered` gone.
  await page.click('button.filter-done');
  await page.$eval('ol.log', (ol) => { ol.scrollTop = ol.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('.log-entry')].at(-1)?.dataset.note === '#3000');
  const kinds = await page.$$eval('.log-entry', (els) => [...new Set(els.map((el) => el.dataset.kind))]);
  assert.deepEqual(kinds, ['done'], 'completions only, ending with number 3,000');
  // The timeline aggregates 3,001 lanes into one curve and one histogram.
  const svg = await page.$eval('.timeline svg', (s) => ({ ...s.dataset, markers: s.querySelectorAll('.marker').length }));
  assert.deepEqual(svg, { lanes: '3001', aggregated: 'true', completions: '3000', markers: 0 });
  // The table: the heap's row, with figures that make sense.
  const heap = await rowData(page, 'heap');
  assert.ok(Number(heap.wall) >= Number(heap.longest), `wall ${heap.wall} ≥ longest ${heap.longest}`);
  assert.equal(Number(heap.longest), 500, 'max=0.5 s at 1× is 500 ms');
  assert.ok(Number(heap.p50) >= -1 && Number(heap.p99) >= Number(heap.p50));
  assert.ok(Number(heap.busy) > 0 && Number(heap.wasm) > 0);
  await page.screenshot({ path: join(artifacts, 'stress-heap.png') });
  await close();
});

test('gloo, heap and the JavaScript baseline fill one table for one workload', async () => {
  const { page, close } = await playground.open('/?s=stress&n=500&max=0.3&lang=ru');
  assert.equal(await page.$$eval('tr[data-measured]', (r) => r.length), 0);
  await page.click('button.run');
  await measured(page, 'gloo');
  await page.selectOption('select#timers', 'heap');
  assert.ok((await page.evaluate(() => location.search)).includes('timers=heap'), 'the link follows the choice');
  await page.click('button.run');
  await measured(page, 'heap');
  await page.click('button.baseline');
  await measured(page, 'js');
  for (const strategy of ['gloo', 'heap', 'js']) {
    const row = await rowData(page, strategy);
    assert.equal(Number(row.longest), Math.max(...[row.longest].map(Number)));
    assert.ok(Number(row.wall) >= Number(row.longest) - 1, `${strategy}: wall ${row.wall}`);
  }
  // 500 rows: all of them in the DOM (the contract up to 1,000).
  assert.equal(await page.$$eval('.log-entry', (els) => els.length), 501);
  assert.equal(await page.textContent('.stress-panel h2'), 'Сравнение таймеров');
  await page.$eval('.stress-panel', (el) => el.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'stress-table-ru.png') });
  // Another workload has not been measured yet.
  await page.fill('input#n', '600');
  await page.waitForFunction(() => document.querySelectorAll('tr[data-measured]').length === 0);
  await close();
});

test('Stop during a stress run keeps what was logged and nothing after', async () => {
  const { page, close } = await playground.open('/?s=stress&n=20000&max=3&timers=gloo&run=1');
  await page.waitForFunction(() => Number(document.querySelector('ol.log')?.dataset.rows) > 100);
  await page.click('button.stop');
  await page.waitForSelector('[data-state="stopped"]');
  const rows = await page.$eval('ol.log', (ol) => Number(ol.dataset.rows));
  assert.ok(rows > 100 && rows < 20_001, `${rows} rows`);
  await page.waitForTimeout(500);
  assert.equal(await page.$eval('ol.log', (ol) => Number(ol.dataset.rows)), rows, 'no row after Stop');
  assert.equal(await page.$$eval('tr[data-measured]', (r) => r.length), 0, 'a stopped run is not measured');
  // The baseline can be stopped too, and Run after it works.
  await page.click('button.baseline');
  await page.click('button.stop');
  await page.waitForSelector('button.baseline:not([disabled])');
  assert.equal(await page.$$eval('tr[data-measured]', (r) => r.length), 0);
  await close();
});

test('a bad stress link is refused in words and runs with the defaults', async () => {
  const { page, close } = await playground.open('/?s=stress&n=abc&timers=<b>fast</b>&max=-1');
  const notices = await page.$$eval('.notices li', (els) => els.map((el) => el.textContent));
  assert.ok(notices.some((t) => t.includes('n: “abc” is not a number (accepted: 1–1000000, whole numbers); using 10000.')), notices.join(' | '));
  assert.ok(notices.some((t) => t.includes('timers: “<b>fast</b>” is not one of gloo, heap; using gloo.')), notices.join(' | '));
  assert.equal(await page.$$eval('.notices b', (b) => b.length), 0, 'no markup from the link');
  assert.equal(await page.inputValue('input#n'), '10000');
  assert.equal(await page.inputValue('select#timers'), 'gloo');
  await close();
});
