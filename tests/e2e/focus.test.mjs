// End to end: the timeline keeps its nodes through a run. Its now line moves
// and new events add markers, but no marker already drawn is replaced, so a
// marker focused from the keyboard keeps the focus while the run goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, state } from './harness.mjs';

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

const markerCount = (page) => page.$$eval('.timeline g.marker', (ms) => ms.length);
const nowX = (page) => page.evaluate(() => document.querySelector('.timeline line.now')?.getAttribute('x1') ?? null);

test('a marker focused from the keyboard keeps the focus through a run', async () => {
  // A, B and C start at once; B finishes 0.5 s later, C at 1 s, A at 1.5 s.
  const { page, close } = await playground.open('/?s=gather&delays=3,1,2&speed=2');
  await page.click('button.run');
  await page.waitForSelector('.timeline[data-planned="false"] g.marker[data-seq="2"]');
  const svg = await page.$('.timeline svg');
  // From here on, count the markers that leave the document.
  await page.evaluate(() => {
    window.removedMarkers = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE && (node.matches('g.marker') || node.querySelector('g.marker'))) {
            window.removedMarkers += 1;
          }
        }
      }
    }).observe(document.querySelector('.timeline'), { childList: true, subtree: true });
  });

  // Keyboard: the first start's marker, then Tab to the next one (B's start).
  await page.focus('.timeline g.marker[data-seq="0"]');
  await page.keyboard.press('Tab');
  const marker = await page.$('.timeline g.marker[data-seq="1"]');
  const focusedAt = await page.evaluate((m) => ({
    focused: document.activeElement === m,
    markers: document.querySelectorAll('.timeline g.marker').length,
  }), marker);
  assert.ok(focusedAt.focused, 'Tab from the first marker focuses the second');
  assert.equal(await state(page), 'running', 'focused while the run goes on');
  assert.match(await page.textContent('.timeline-detail'), /· B start ·/);

  // The now line moves and the focus stays.
  const x = await nowX(page);
  assert.ok(x !== null, 'a now line during the run');
  await page.waitForFunction((before) => document.querySelector('.timeline line.now')?.getAttribute('x1') !== before, x);
  assert.ok(await page.evaluate((m) => document.activeElement === m, marker), 'focus kept while the now line moves');

  // Later events arrive as new markers; the focused one is the same node.
  await page.waitForFunction((n) => document.querySelectorAll('.timeline g.marker').length > n, focusedAt.markers);
  assert.ok(await page.evaluate((m) => document.activeElement === m, marker), 'focus kept when a new event arrives');
  await page.waitForSelector('[data-state="done"]');
  assert.equal(await markerCount(page), 6, 'a marker per event');
  const after = await page.evaluate(({ m, s }) => ({
    same: document.activeElement === m,
    connected: m.isConnected,
    seq: document.activeElement?.getAttribute('data-seq') ?? null,
    sameSvg: document.querySelector('.timeline svg') === s,
    removed: window.removedMarkers,
  }), { m: marker, s: svg });
  assert.deepEqual(after, { same: true, connected: true, seq: '1', sameSvg: true, removed: 0 });
  assert.equal(await nowX(page), null, 'no now line once done');
  assert.match(await page.textContent('.timeline-detail'), /· B start ·/, 'the focused event is still spelled out');
  // The keyboard goes on from where it was: Tab reaches C's start.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-seq')), '2');
  await close();
});

// The page draws the nodes that "Download SVG" writes out: once a run is
// done, the file parsed is the page's drawing, element for element and
// attribute for attribute (the root's `xmlns`, a namespace declaration in
// the file and a plain attribute in the page, aside).
for (const [what, query] of [
  ['a lane per task', 's=gather&delays=0.3,0.1,0.2&speed=10'],
  ['a queue and its fill level', 's=bounded-queue&items=6&produce=0.1&consume=0.3&maxsize=2&speed=10'],
  ['the aggregate of many lanes', 's=stress&n=300&max=0.2&timers=heap'],
]) {
  test(`${what}: the page shows the SVG file it saves`, async () => {
    const { page, close } = await playground.open(`/?${query}&run=1`);
    await page.waitForSelector('[data-state="done"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-svg')]);
    const file = await readFile(await download.path(), 'utf8');
    const same = await page.evaluate((text) => {
      const bare = (svg) => {
        const copy = svg.cloneNode(true);
        copy.removeAttribute('xmlns');
        return copy;
      };
      const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      if (parsed.querySelector('parsererror')) return 'parser error';
      const shown = document.querySelector('.timeline svg');
      return bare(parsed.documentElement).isEqualNode(bare(shown)) || `differs:\n${shown.outerHTML}\n${text}`;
    }, file);
    assert.equal(same, true);
    await close();
  });
}
