// End to end: the timeline, the richer log, the controls and the exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, rows, state, artifacts } from './harness.mjs';

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

const counts = (page) => page.evaluate(() => ({
  lanes: document.querySelectorAll('.timeline g.lane').length,
  markers: document.querySelectorAll('.timeline g.marker').length,
  rows: document.querySelectorAll('.log-entry').length,
}));

for (const [id, query, lanes] of [
  ['gather', 'delays=2,1,3', 3],
  ['create-task', 'delays=8,1,10', 3],
  ['bounded-queue', 'items=30&produce=0.5&consume=1.5&maxsize=3', 2],
]) {
  test(`${id}: a lane per task and a marker per event`, async () => {
    const { page, close } = await playground.open(`/?s=${id}&${query}&speed=20`);
    // Before a run: the virtual clock's expectation, already complete.
    assert.equal(await page.getAttribute('.timeline', 'data-planned'), 'true');
    const planned = await counts(page);
    assert.equal(planned.lanes, lanes);
    assert.ok(planned.markers > 0);
    await page.click('button.run');
    await page.waitForSelector('[data-state="done"]');
    const done = await counts(page);
    assert.equal(done.lanes, lanes);
    assert.equal(done.markers, done.rows, 'one marker per logged event');
    assert.equal(done.markers, planned.markers, 'the run logged what was expected');
    // Keyboard focus on a marker spells its event out.
    await page.focus('.timeline g.marker[data-seq="0"]');
    assert.match(await page.textContent('.timeline-detail'), /0\.\d\d s ·/);
    await close();
  });
}

test('Stop halfway freezes the log and the timeline', async () => {
  const { page, close } = await playground.open('/?s=gather&delays=2,1,3&speed=2');
  await page.click('button.run');
  await page.waitForSelector('.log-entry[data-kind="finish"]');
  await page.click('button.stop');
  assert.equal(await state(page), 'stopped');
  const log = await rows(page);
  const svg = await page.innerHTML('.timeline');
  await page.waitForTimeout(1800); // past the longest delay (3 s at 2×)
  assert.deepEqual(await rows(page), log);
  assert.equal(await page.innerHTML('.timeline'), svg);
  assert.ok(!svg.includes('class="now"'), 'no now line once stopped');
  await close();
});

test('50 quick Run/Stop clicks leave the page consistent', async () => {
  // Runs of 3 s: each is still going when Stop is clicked.
  const { page, close } = await playground.open('/?s=gather&delays=3,1,2&speed=1');
  for (let i = 0; i < 50; i++) {
    await page.click('button.run');
    await page.click('button.stop');
  }
  assert.equal(await state(page), 'stopped');
  const log = await rows(page);
  assert.deepEqual(log.map((r) => r.seq), log.map((_, i) => i), 'only the last run\'s rows, from 0');
  await page.waitForTimeout(500);
  assert.deepEqual(await rows(page), log, 'nothing after the stop');
  await page.click('button.preset[data-speed="20"]');
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  const finishes = (await rows(page)).filter((r) => r.kind === 'finish').map((r) => r.task);
  assert.deepEqual(finishes, ['B', 'C', 'A']);
  await close();
});

test('Run while running restarts cleanly', async () => {
  const { page, close } = await playground.open('/?s=gather&delays=0.4,0.2&speed=10');
  await page.click('button.run');
  await page.waitForSelector('.log-entry');
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  assert.deepEqual((await rows(page)).map((r) => `${r.task} ${r.kind}`), ['A start', 'B start', 'B finish', 'A finish']);
  await close();
});

test('keyboard: R runs, S stops, but not while typing; presets set the speed', async () => {
  const { page, close } = await playground.open('/?s=gather&delays=2,1,3');
  await page.click('button.preset[data-speed="0.5"]');
  assert.equal(await page.inputValue('#speed'), '0.5');
  await page.waitForFunction(() => location.search.includes('speed=0.5'));
  await page.focus('#delays-0');
  await page.keyboard.press('r');
  assert.equal(await state(page), 'idle', 'typing r in an input does not run');
  await page.focus('button.reset');
  await page.keyboard.press('r');
  await page.waitForSelector('[data-state="running"]');
  await page.keyboard.press('Escape');
  assert.equal(await state(page), 'stopped');
  // Enter on a focused button presses it.
  await page.click('button.preset[data-speed="20"]');
  await page.focus('button.run');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-state="done"]');
  // Keys the page does not use are not swallowed (slide decks need them).
  const arrows = await page.evaluate(() => {
    const seen = [];
    window.addEventListener('keydown', (e) => seen.push(e.defaultPrevented));
    for (const key of ['ArrowRight', 'PageDown', ' ']) {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
    return seen;
  });
  assert.deepEqual(arrows, [false, false, false]);
  await close();
});

test('the log filters completions and the exports equal what the page shows', async () => {
  const { page, close } = await playground.open('/?s=create-task&delays=0.8,0.1,1&speed=10&run=1');
  await page.waitForSelector('[data-state="done"]');
  const log = await rows(page);
  assert.equal(log.length, 15);
  await page.click('button.filter-done');
  assert.deepEqual((await rows(page)).map((r) => r.kind), ['processed', 'processed', 'processed']);
  await page.click('button.filter-all');

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('button.download-json')]);
  const exported = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
  assert.equal(exported.scenario, 'create-task');
  assert.deepEqual(exported.params, { delays: [0.8, 0.1, 1] });
  assert.deepEqual(
    exported.events.map((e) => ({ seq: e.seq, t: e.real_ms, task: e.task, kind: e.kind, text: e.message })),
    log,
  );

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('button.download-svg')]);
  const svg = await readFile(await svgDownload.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      markers: doc.querySelectorAll('g.marker').length,
    };
  }, svg);
  assert.deepEqual(parsed, { error: null, root: 'svg', namespace: 'http://www.w3.org/2000/svg', markers: 15 });

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('button.copy-markdown');
  await page.waitForFunction(() => document.querySelector('.export-said').textContent.length > 0);
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(markdown.trim().split('\n').length, 2 + 15);
  assert.match(markdown, /\| 10 \| [\d.]+ \| [\d.]+ \| 1 \| result \|/);
  await page.click('button.copy-text');
  const plain = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(plain, /Task3: processed Task3: data/);
  await page.screenshot({ path: join(artifacts, 'watching-create-task.png') });
  await close();
});
