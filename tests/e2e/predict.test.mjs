// End to end, predict mode: the student orders the completions from the
// keyboard, runs, and each position is judged against the real order; in a
// plain page and in an embed, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, artifacts } from './harness.mjs';

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

const order = (page, list) => page.$$eval(`${list} li`, (lis) => lis.map((li) => `${li.dataset.task} ${li.dataset.kind}`));
const verdicts = (page) => page.$$eval('.predict-item', (lis) => lis.map((li) => li.dataset.verdict));

test('a wrong prediction, then a right one, ordered from the keyboard', async () => {
  const { page, close } = await playground.open('/?s=gather&speed=10&predict=1');
  assert.ok(await page.$('[data-predict]'), 'the prediction control');
  // The first order is the order the tasks were written: the newcomer's guess.
  assert.deepEqual(await order(page, '.predict-list'), ['A finish', 'B finish', 'C finish']);
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  assert.deepEqual(await verdicts(page), ['wrong', 'wrong', 'right']);
  assert.deepEqual(await order(page, '.predict-actual'), ['B finish', 'A finish', 'C finish']);
  assert.equal(await page.getAttribute('.predict-score', 'data-right'), '1');
  // Keyboard only: Tab to the second item, ArrowUp moves it up and keeps focus.
  await page.focus('.predict-item[data-position="0"]');
  await page.keyboard.press('Tab'); // the ↑ button of item 1 is disabled; focus moves on
  await page.focus('.predict-item[data-position="1"]');
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await order(page, '.predict-list'), ['B finish', 'A finish', 'C finish']);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.position), '0', 'the moved item keeps the focus');
  await page.keyboard.press('r');
  await page.waitForSelector('[data-state="running"]');
  await page.waitForSelector('[data-state="done"]');
  assert.deepEqual(await verdicts(page), ['right', 'right', 'right']);
  assert.equal(await page.textContent('.predict-score'), '3 of 3 in the right place.');
  await page.$eval('.predict-panel', (el) => el.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'predict-en.png') });
  await close();
});

test('dragging an item puts it where it is dropped', async () => {
  const { page, close } = await playground.open('/?s=gather&predict=1');
  await page.dragAndDrop('.predict-item[data-position="2"]', '.predict-item[data-position="0"]');
  assert.deepEqual(await order(page, '.predict-list'), ['C finish', 'A finish', 'B finish']);
  await page.dragAndDrop('.predict-item[data-position="0"]', '.predict-item[data-position="2"]');
  assert.deepEqual(await order(page, '.predict-list'), ['A finish', 'B finish', 'C finish']);
  // Before the run the expected timeline is hidden: it would give the answer away.
  assert.equal(await page.$$eval('.timeline .marker', (m) => m.length), 0);
  await close();
});

test('the switch turns predict mode on and writes it into the link; it works in an embed, in Russian', async () => {
  const { page, close } = await playground.open('/?s=as-completed&speed=10&lang=ru');
  assert.equal(await page.$('[data-predict]'), null);
  await page.check('#predict-switch');
  await page.waitForSelector('[data-predict]');
  await page.waitForFunction(() => location.search.includes('predict=1'));
  await close();
  const embed = await playground.open('/?s=as-completed&speed=10&lang=ru&embed=1&predict=1', { viewport: { width: 1280, height: 720 } });
  const items = await order(embed.page, '.predict-list');
  assert.deepEqual(items, ['1 result', '2 result', '3 result']);
  // Move 1 to the end with two presses: 2, 3, 1 is the real order (delays 3, 1, 2).
  await embed.page.focus('.predict-item[data-position="0"]');
  await embed.page.keyboard.press('ArrowDown');
  await embed.page.keyboard.press('ArrowDown');
  await embed.page.click('button.run');
  await embed.page.waitForSelector('[data-state="done"]');
  assert.deepEqual(await verdicts(embed.page), ['right', 'right', 'right']);
  assert.match(await embed.page.textContent('.predict-score'), /На своём месте: 3 из 3/);
  await embed.page.screenshot({ path: join(artifacts, 'predict-embed-ru.png') });
  await embed.close();
});

test('a program: the printed lines, planned on the virtual clock, are what the student orders', async () => {
  const { page, close } = await playground.open('/?s=python&speed=10&predict=1');
  const lines = (list) => page.$$eval(`${list} li`, (lis) => lis.map((li) => li.textContent.replace(/[↑↓✓✗]/g, '').replace(/^\d+/, '').trim()));
  // The planner's worker runs the starter on the virtual clock; its lines,
  // alphabetically, are the first order.
  await page.waitForFunction(() => document.querySelectorAll('.predict-list li').length === 7);
  const first = await lines('.predict-list');
  assert.deepEqual(first, [...first].sort());
  assert.ok(first.includes("gather returned ['A', 'B', 'C']"), first.join(' | '));
  await page.click('button.run');
  await page.waitForSelector('[data-state="done"]');
  const printed = await page.$$eval('li.log-entry[data-kind="print"]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(await lines('.predict-actual'), printed, 'the real order is the printed order');
  const marks = await verdicts(page);
  assert.equal(marks.length, 7);
  assert.deepEqual(marks, first.map((line, i) => (printed[i] === line ? 'right' : 'wrong')));
  await close();
});
