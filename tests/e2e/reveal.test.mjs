// End to end with a real reveal.js (npm `reveal.js`, unmodified): a deck with
// two lazily loaded playground embeds. The keyboard focus inside an embed must
// not trap the deck, and the keys the playground uses must stay its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, dist, artifacts } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const revealDist = join(here, '..', '..', 'node_modules', 'reveal.js', 'dist');

let playground;
before(async () => {
  playground = await start(dist, { '/reveal/': revealDist, '/decks/': join(here, 'decks') });
});
after(async () => { await playground?.stop(); });

const slideIndex = (page) => page.evaluate(() => Reveal.getIndices().h);

test('keys pressed inside an embed move a reveal.js deck; Space on a button stays a click', async () => {
  const { page, close } = await playground.open('/decks/reveal.html', { ready: '.reveal.ready' });
  const first = page.frameLocator('#first');
  const second = page.frameLocator('#second');
  await first.locator('[data-state="idle"]').waitFor();
  // The teacher clicks Run inside the first embed: the focus is in the frame.
  await first.locator('button.run').click();
  await first.locator('[data-state="done"]').waitFor();
  assert.equal(await first.locator('button.run').evaluate((b) => b === document.activeElement), true);
  assert.equal(await slideIndex(page), 0);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => Reveal.getIndices().h === 1);
  // Inside the second embed, ArrowLeft moves the deck back.
  await second.locator('[data-state="idle"]').waitFor();
  await second.locator('.log-pane').click();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => Reveal.getIndices().h === 0);
  // Space on a focused playground button runs, and the deck stays.
  await first.locator('button.run').focus();
  await page.keyboard.press('Space');
  await first.locator('[data-state="running"], [data-state="done"]').first().waitFor();
  await first.locator('[data-state="done"]').waitFor();
  assert.equal(await slideIndex(page), 0, 'Space on the Run button did not move the deck');
  // PageDown and Space outside a control are the deck's too.
  await first.locator('.log-pane').click();
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => Reveal.getIndices().h === 1);
  await second.locator('.log-pane').click();
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => Reveal.getIndices().h === 0);
  // reveal.js reloads a lazy (`data-src`) frame when its slide comes back.
  await first.locator('button.run').click();
  await first.locator('[data-state="done"]').waitFor();
  await page.screenshot({ path: join(artifacts, 'reveal-deck.png') });
  await close();
});

test('typing in an embed\'s field keeps the keys, and deckkeys=0 keeps them all', async () => {
  const { page, close } = await playground.open('/decks/reveal.html', { ready: '.reveal.ready' });
  const first = page.frameLocator('#first');
  // An embed folds its parameters: the teacher opens them, then types.
  await first.locator('.settings summary').click();
  await first.locator('#delays-0').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  assert.equal(await slideIndex(page), 0, 'the caret moved, not the deck');
  // The same deck, its first embed opted out.
  await page.evaluate(() => {
    const frame = document.querySelector('#first');
    frame.src = frame.getAttribute('data-src') + '&deckkeys=0';
  });
  await page.waitForFunction(() => document.querySelector('#first').contentWindow.location.search.includes('deckkeys=0'));
  await first.locator('[data-state="idle"]').waitFor();
  await first.locator('.log-pane').click();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  assert.equal(await slideIndex(page), 0, 'deckkeys=0: the embed keeps its keys');
  await close();
});
