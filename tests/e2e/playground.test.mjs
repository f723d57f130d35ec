// End to end: the release bundle (dist/, from `trunk build --release`) served
// on loopback, driven in headless Chromium as a student would use it.
// Run by `make test` (`node --test tests/e2e/`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, rows, state, artifacts } from './harness.mjs';

let playground;
let open;

before(async () => {
  playground = await start();
  open = playground.open;
});

after(async () => {
  await playground?.stop();
});

test('a share link with run=1 runs gather on real timers in the lecture order', async () => {
  const { page, close } = await open('/?s=gather&delays=3,1,2&speed=10&run=1');
  await page.waitForSelector('[data-state="done"]');
  const log = await rows(page);
  assert.deepEqual(log.map((r) => r.seq), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(
    log.map((r) => `${r.task} ${r.kind}`),
    ['A start', 'B start', 'C start', 'B finish', 'C finish', 'A finish'],
  );
  assert.equal(log[3].text, 'Task B finished');
  // Delays 1, 2, 3 notebook seconds at speed 10: never before 100, 200, 300
  // ms, and in that order (how late is `make bench`'s business).
  for (const [row, ms] of [[log[3], 100], [log[4], 200], [log[5], 300]]) {
    assert.ok(row.t >= ms - 1, `${row.task} finished at ${row.t} ms, not before ${ms}`);
  }
  assert.ok(log[3].t <= log[4].t && log[4].t <= log[5].t);
  await page.screenshot({ path: join(artifacts, 'gather-done-en.png'), fullPage: true });
  await close();
});

test('a plain page: edit a delay and the speed, press Run, see the new order', async () => {
  const { page, close } = await open('/?s=gather');
  assert.equal(await state(page), 'idle');
  await page.fill('#delays-0', '4');
  await page.fill('#speed', '10');
  // The address bar follows the parameters, so it is always a share link.
  await page.waitForFunction(() => location.search.includes('delays=4,1,3'));
  assert.match(await page.evaluate(() => location.search), /speed=10/);
  assert.match(await page.inputValue('textarea.editor-input'), /task\("A", 4\)/, 'the form fills the cell');
  assert.equal(await page.getAttribute('.runs-what', 'data-runs'), 'rust');
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  const finishes = (await rows(page)).filter((r) => r.kind === 'finish').map((r) => r.task);
  assert.deepEqual(finishes, ['B', 'C', 'A']);
  await close();
});

test('Stop in the middle freezes the log', async () => {
  const { page, close } = await open('/?s=gather&delays=2,1,3&speed=2');
  await page.click('button.run');
  await page.waitForSelector('.log-entry[data-kind="finish"]');
  await page.click('button.stop');
  assert.equal(await state(page), 'stopped');
  const atStop = await rows(page);
  assert.ok(atStop.length < 6, `stopped after ${atStop.length} rows`);
  await page.waitForTimeout(1800); // past the longest delay (3 s at speed 2)
  assert.deepEqual(await rows(page), atStop);
  assert.equal(await state(page), 'stopped');
  await page.screenshot({ path: join(artifacts, 'gather-stopped.png'), fullPage: true });
  await close();
});

test('the same bundle works under a sub-path', async () => {
  const { page, requests, close } = await open('/course/async/?s=gather&delays=0.2,0.1&speed=10&run=1');
  await page.waitForSelector('[data-state="done"]');
  const finishes = (await rows(page)).filter((r) => r.kind === 'finish').map((r) => r.task);
  assert.deepEqual(finishes, ['B', 'A']);
  const paths = requests.map((url) => new URL(url).pathname);
  assert.ok(paths.every((p) => p.startsWith('/course/async/')), paths.join(', '));
  await close();
});

test('markup in a link is shown as text and never runs', async () => {
  const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const script = encodeURIComponent('<script>window.__pwned=2</script>');
  const { page, close } = await open(`/?s=${script}&delays=${evil}&speed=${evil}`);
  const notices = await page.textContent('.notices');
  assert.match(notices, /<img src=x/);
  assert.match(notices, /there is no scenario/);
  await page.selectOption('.nav-select select', 'gather');
  assert.equal(await page.$$eval('.notices img, .notices script', (els) => els.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The defaults are used and the page still runs.
  await page.fill('#speed', '20');
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  assert.equal((await rows(page)).length, 6);
  await page.screenshot({ path: join(artifacts, 'refused-link.png'), fullPage: true });
  await close();
});

test('Russian: from lang=ru and from the browser language', async () => {
  const first = await open('/?s=gather&lang=ru&delays=0.1&speed=10&run=1');
  await first.page.waitForSelector('[data-state="done"]');
  assert.deepEqual((await rows(first.page)).map((r) => r.text), ['Задача A запущена', 'Задача A завершена']);
  assert.equal(await first.page.getAttribute('html', 'lang'), 'ru');
  await first.page.screenshot({ path: join(artifacts, 'gather-done-ru.png'), fullPage: true });
  await first.close();

  const second = await open('/?s=gather', { locale: 'ru-RU' });
  assert.equal((await second.page.textContent('button.run')).trim(), 'Запустить');
  await second.page.click('.lang-switch button[lang="en"]');
  assert.equal((await second.page.textContent('button.run')).trim(), 'Run');
  await second.page.waitForFunction(() => location.search.includes('lang=en'));
  await second.close();
});

test('a typed value that is not a number gets a message, and the run uses the last good one', async () => {
  const { page, close } = await open('/?s=gather&delays=0.3,0.1&speed=10');
  await page.fill('#delays-1', '');
  assert.match(await page.textContent('.field-message'), /no value given \(accepted: 0–60 s\); using 0\.1/);
  await page.fill('#delays-0', '500');
  assert.match(await page.textContent('.field.refused .field-message'), /outside 0–60 s; using 60/);
  await page.fill('#delays-0', '0.2');
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  const finishes = (await rows(page)).filter((r) => r.kind === 'finish').map((r) => r.task);
  assert.deepEqual(finishes, ['B', 'A']);
  await close();
});

test('the timeline draws the waits the runtime recorded: a real fetch, a real IndexedDB, timers and a queue', async () => {
  // Before a run the plan (the virtual clock) shows timers; after a run,
  // what each task really waited on, including the network and the database,
  // which the virtual clock's stand-ins never wait for.
  const waitsOf = (page) => page.$$eval('.timeline rect[data-wait]', (els) => els.map((el) => ({
    wait: el.dataset.wait, open: el.classList.contains('open'),
  })));
  for (const [path, expected] of [
    ['/?s=fetch&run=1', ['timer', 'network']],
    ['/?s=database&run=1', ['database']],
    ['/?s=bounded-queue&speed=20&run=1', ['timer', 'queue']],
    ['/?s=lock-event&speed=10&run=1', ['timer', 'lock', 'event']],
  ]) {
    const { page, close } = await open(path);
    await page.waitForSelector('[data-state="done"]');
    const waits = await waitsOf(page);
    for (const wait of expected) {
      assert.ok(waits.some((w) => w.wait === wait), `${path}: no ${wait} wait in ${JSON.stringify(waits)}`);
    }
    assert.ok(waits.every((w) => !w.open), `${path}: a wait is still open after the run`);
    await close();
  }
});
