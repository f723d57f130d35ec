// End to end, the classroom: slide embeds, the postMessage API and the demo
// deck, both languages, themes with AA contrast, and a bundle built for a
// course site's sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, rows, artifacts, distCourse, SCENARIO_IDS } from './harness.mjs';

const IDS = SCENARIO_IDS;

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

const pageScroll = (page) => page.evaluate(() => {
  const root = document.documentElement;
  return { x: root.scrollWidth - innerWidth, y: root.scrollHeight - innerHeight };
});

/**
 * What the class came to see, measured in the page after a run: the Run
 * button, the timeline and how many log rows lie wholly inside the frame and
 * inside the log's own scroll box (nothing needs scrolling to see them).
 */
const outcomeInView = (page) => page.evaluate(() => {
  const inside = (r, box) => r.width > 0 && r.height > 0 && r.top >= box.top - 0.5 && r.left >= box.left - 0.5
    && r.bottom <= box.bottom + 0.5 && r.right <= box.right + 0.5;
  const frame = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
  const run = document.querySelector('button.run').getBoundingClientRect();
  const timeline = document.querySelector('.timeline svg').getBoundingClientRect();
  const list = document.querySelector('ol.log').getBoundingClientRect();
  const rowsInView = [...document.querySelectorAll('.log-entry')]
    .filter((row) => inside(row.getBoundingClientRect(), frame) && inside(row.getBoundingClientRect(), list)).length;
  const logged = document.querySelectorAll('.log-entry').length;
  return { run: inside(run, frame), timeline: inside(timeline, frame), rows: rowsInView, logged };
});

const assertOutcome = async (page, what) => {
  const seen = await outcomeInView(page);
  assert.ok(seen.run, `${what}: the Run button is out of view`);
  assert.ok(seen.timeline, `${what}: the timeline is out of view`);
  // Three rows, or every row of a run that logs fewer (sleep logs one).
  const want = Math.min(3, seen.logged);
  assert.ok(seen.rows >= want, `${what}: ${seen.rows} of ${seen.logged} log rows in view, not ${want}`);
};

for (const [width, height] of [[640, 360], [960, 540], [1280, 720]]) {
  test(`every scenario in embed mode at ${width}x${height} shows Run, the timeline and three log rows, with no page scroll`, async () => {
    const { page, close } = await playground.open('/?s=gather&embed=1', { viewport: { width, height } });
    for (const id of IDS) {
      for (const lang of ['en', 'ru']) {
        await page.goto(`${playground.server.origin}/?s=${id}&embed=1&speed=20&lang=${lang}&run=1`);
        await page.waitForSelector('[data-state="done"]');
        assert.deepEqual(await pageScroll(page), { x: 0, y: 0 }, `${id} scrolls at ${width}x${height}`);
        await assertOutcome(page, `${id} (${lang}) at ${width}x${height}`);
        assert.equal(await page.$$eval('nav.scenarios', (n) => n.length), 0, 'no navigation in an embed');
        const full = await page.getAttribute('a.open-full', 'href');
        assert.ok(full.includes(`s=${id}`) && !full.includes('embed'), full);
      }
    }
    await page.screenshot({ path: join(artifacts, `embed-${width}x${height}.png`) });
    await close();
  });
}

for (const [width, height] of [[1280, 800], [1366, 768]]) {
  test(`every scenario's full page at ${width}x${height} shows Run, the timeline and three log rows without scrolling`, async () => {
    const { page, close } = await playground.open('/?s=gather', { viewport: { width, height } });
    for (const id of IDS) {
      for (const lang of ['en', 'ru']) {
        await page.goto(`${playground.server.origin}/?s=${id}&speed=20&lang=${lang}&run=1`);
        await page.waitForSelector('[data-state="done"]');
        assert.equal(await page.evaluate(() => scrollY), 0);
        await assertOutcome(page, `${id} (${lang}) at ${width}x${height}`);
      }
    }
    await page.screenshot({ path: join(artifacts, `full-${width}x${height}.png`) });
    await close();
  });
}

/** The deck's button that sends `{type}` to the gather embed. */
const command = (type) => `button[data-frame="gather"][data-send*='"type":"${type}"']`;

test('the demo deck drives two embeds with postMessage and hears their events', async () => {
  const { page, close } = await playground.open('/static/deck.html', { viewport: { width: 1280, height: 900 }, ready: 'iframe#gather' });
  const gather = page.frameLocator('#gather');
  await gather.locator('[data-state="idle"]').waitFor();
  await page.click(command('set'));
  await gather.locator('#delays-0').waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.querySelector('#gather').contentWindow.location.search.includes('delays=3,1,2'));
  await page.click(command('run'));
  await page.waitForFunction(() => document.querySelector('.state[data-for="gather"]').textContent === 'state: done');
  const heard = (await page.textContent('.heard[data-for="gather"]')).trim().split('\n');
  assert.equal(heard.length, 6);
  assert.deepEqual(heard.filter((l) => l.includes('finish')).map((l) => l.split(' ')[1]), ['B', 'C', 'A']);
  // The events equal the embed's own log.
  const frameRows = await gather.locator('.log-entry').evaluateAll((els) => els.map((e) => `${e.dataset.seq} ${e.dataset.task} ${e.dataset.kind}`));
  assert.deepEqual(heard.map((l) => l.split(':')[0]), frameRows);
  // Stop and reset from the slide.
  await page.click(command('run'));
  await page.click(command('stop'));
  await page.waitForFunction(() => document.querySelector('.state[data-for="gather"]').textContent === 'state: stopped');
  await page.click(command('reset'));
  await page.waitForFunction(() => document.querySelector('#gather').contentWindow.location.search.includes('delays=2,1,3'));
  // A key pressed inside the embed still moves the deck.
  await gather.locator('.log-pane h2').click();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.slide[data-slide="1"].current');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('.slide[data-slide="0"].current');
  await page.screenshot({ path: join(artifacts, 'deck.png') });
  await close();
});

test('a malformed or foreign message changes nothing', async () => {
  const { page, close } = await playground.open('/?s=gather&delays=0.2,0.1&speed=10');
  await page.evaluate(() => {
    for (const data of [null, 42, 'run', { type: 'nope' }, { type: 'set', params: 'x' }, { type: 'set', params: { delays: '<img src=x onerror=alert(1)>' } }]) {
      window.postMessage(data, '*');
    }
  });
  await page.waitForTimeout(200);
  assert.equal(await page.getAttribute('[data-state]', 'data-state'), 'idle');
  assert.match(await page.textContent('.notices'), /<img src=x/);
  assert.equal(await page.$$eval('.notices img', (n) => n.length), 0);
  await page.evaluate(() => window.postMessage({ type: 'run' }, '*'));
  await page.waitForSelector('[data-state="done"]');
  await close();
});

test('English and Russian pages speak their own language, interface and log', async () => {
  for (const [query, locale, words] of [
    ['?s=gather&lang=en', 'ru-RU', { run: 'Run', log: 'Log', row: 'Task A started', timeline: 'Timeline' }],
    ['?s=gather', 'ru-RU', { run: 'Запустить', log: 'Журнал', row: 'Задача A запущена', timeline: 'Временная шкала' }],
    ['?s=coroutine&lang=ru', 'en-US', { run: 'Запустить', log: 'Журнал', row: 'Задача 1: Начало загрузки данных', timeline: 'Временная шкала' }],
  ]) {
    const { page, close } = await playground.open(`/${query}&speed=20`, { locale });
    assert.equal((await page.textContent('button.run')).trim(), words.run);
    assert.equal((await page.textContent('#log-title')).trim(), words.log);
    assert.equal((await page.textContent('#timeline-title')).trim(), words.timeline);
    await page.click('button.run');
    await page.waitForSelector('[data-state="done"]');
    assert.equal((await rows(page))[0].text, words.row);
    await close();
  }
});

/** Text whose contrast with its background is below WCAG AA. */
function lowContrast(page) {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg') || el.closest(':disabled') || el.closest('option')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      const [l1, l2] = [luminance(rgb(style.color).slice(0, 3)), luminance(background(el))];
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

for (const [theme, scheme] of [['', 'light'], ['', 'dark'], ['light', 'dark'], ['dark', 'light'], ['projector', 'dark']]) {
  test(`text contrast meets WCAG AA: theme=${theme || 'system'}, system ${scheme}`, async () => {
    const { page, close } = await playground.open(`/?s=create-task&speed=20${theme ? `&theme=${theme}` : ''}&run=1`);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForSelector('[data-state="done"]');
    assert.equal(await page.getAttribute('html', 'data-theme'), theme || null);
    // The theme really applies: a dark page when asked for, a light one otherwise.
    const wantDark = theme === 'dark' || (theme === '' && scheme === 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.equal(r + g + b < 3 * 128, wantDark, `background ${background}`);
    assert.deepEqual(await lowContrast(page), []);
    await close();
  });
}

test('the theme menu writes theme= into the link', async () => {
  const { page, close } = await playground.open('/?s=gather');
  await page.selectOption('.share .theme select', 'projector');
  await page.waitForFunction(() => location.search.includes('theme=projector'));
  assert.equal(await page.getAttribute('html', 'data-theme'), 'projector');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('button.copy-embed');
  await page.waitForFunction(() => document.querySelector('.share-said').textContent.length > 0);
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?s=gather&amp;delays=2,1,3&amp;speed=1&amp;theme=projector&amp;embed=1" width="960" height="540" title="Async playground: gather: run tasks concurrently"/);
  await close();
});

test('a bundle built for /course/async/ runs every scenario under that path', async () => {
  const course = await start(distCourse);
  try {
    const { page, requests, close } = await course.open('/course/async/?s=gather');
    for (const id of IDS) {
      await page.goto(`${course.server.origin}/course/async/?s=${id}&speed=20&run=1`);
      await page.waitForSelector('[data-state="done"]');
      const kinds = (await rows(page)).map((r) => r.kind);
      assert.ok(!kinds.includes('error'), `${id}: ${kinds}`);
    }
    const paths = requests.map((url) => new URL(url).pathname);
    assert.deepEqual(paths.filter((p) => !p.startsWith('/course/async/')), []);
    await close();
  } finally {
    await course.stop();
  }
});
