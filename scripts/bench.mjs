// `make bench`: the release bundle (dist/) in headless Chromium on loopback,
// measured, printed as one table and written to docs/PERFORMANCE.md with the
// date and the machine, so a change in size or speed shows up in review.
//
// Figures, not pass/fail: nothing here fails on a slow machine. What it
// measures and why is in docs/PERFORMANCE.md's own text, written below.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '../tests/e2e/server.mjs';
import { CHROMIUM, launchChromium } from '../tests/e2e/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STRESS_TASKS = Number(process.env.BENCH_STRESS ?? 100_000);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 20);

const say = (text) => process.stderr.write(`[bench] ${text}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (bytes) => (bytes / 1024).toFixed(1);
const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(1));
const mb = (bytes) => (bytes === undefined || Number.isNaN(bytes) ? '—' : (bytes / 1048576).toFixed(1));

if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: `make bench` builds it first');

const server = await serve(dist);
// Exact (not bucketed) performance.memory, for the memory column.
// `gc()` for the memory section, so its figures are live data, not garbage.
const browser = await launchChromium(['--enable-precise-memory-info', '--js-flags=--expose-gc']);

/** A fresh page (empty cache) that fails the run on any console error. */
async function open(path, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const responses = [];
  page.on('response', (r) => responses.push(r));
  // Long tasks from the start, to read back per run; the wasm instance, for
  // its memory.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail.wasm; });
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.origin + path);
  await page.waitForSelector('[data-state]');
  return {
    page,
    responses,
    async close() {
      if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
      await context.close();
    },
  };
}

// 1. Bytes of the first load: every response of a fresh load, its file's
//    size on disk and gzipped (level 9, what a static host would send).
say('first load: bytes');
const first = await open('/');
await first.page.waitForFunction(() => performance.getEntriesByName('playground-interactive').length > 0);
// The shown scenario's words come right after (static/texts/<id>.json): part
// of what the first load carries.
await first.page.waitForSelector('.about p');
const files = [];
for (const response of first.responses) {
  const url = new URL(response.url());
  if (url.origin !== server.origin) continue;
  let rel = decodeURIComponent(url.pathname).replace(/^\//, '') || 'index.html';
  if (rel.endsWith('/')) rel += 'index.html';
  const path = join(dist, rel);
  if (!existsSync(path)) continue;
  const body = readFileSync(path);
  files.push({ file: rel, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
}
await first.close();
const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });

// 2. First interactive render: navigation start to the app's
//    `playground-interactive` mark (its first render is in the DOM with its
//    handlers), over several fresh loads.
say(`first interactive render: ${LOADS} loads`);
const interactive = [];
for (let i = 0; i < LOADS; i++) {
  const { page, close } = await open('/?s=gather');
  await page.waitForFunction(() => performance.getEntriesByName('playground-interactive').length > 0);
  interactive.push(await page.evaluate(() => performance.getEntriesByName('playground-interactive')[0].startTime));
  await close();
}

// 2b. The first run against warm ones: `?s=gather&embed=1&run=1` at 1x and
//     10x in fresh pages (as a slide loads it), then Run again in the same
//     page. Drift: how late the three finishes came, real ms past their
//     delays; the first run's should lie within the warm runs' spread.
const FIRST_LOADS = Number(process.env.BENCH_FIRST_LOADS ?? 5);
const WARM_RUNS = 4;
say(`first run against warm runs: ${FIRST_LOADS} loads at 1x and 10x`);
const firstRun = {};
for (const speed of [1, 10]) {
  const first = [];
  const warm = [];
  for (let load = 0; load < FIRST_LOADS; load++) {
    const { page, close } = await open(`/?s=gather&delays=2,1,3&embed=1&speed=${speed}&run=1`, { width: 960, height: 540 });
    const drift = async () => {
      await page.waitForSelector('[data-state="done"]');
      const finishes = await page.$$eval('.log-entry[data-kind="finish"]', (els) => els.map((el) => ({ task: el.dataset.task, t: Number(el.dataset.t) })));
      const delays = { A: 2, B: 1, C: 3 };
      return Math.max(...finishes.map((f) => f.t - (delays[f.task] * 1000) / speed));
    };
    first.push(await drift());
    for (let run = 0; run < WARM_RUNS; run++) {
      await page.click('button.run');
      await page.waitForSelector('[data-state="running"]');
      warm.push(await drift());
    }
    await close();
  }
  firstRun[speed] = { first, warm };
}

// 2c. A program (issue 15): on a fresh `s=python` page, from the click on Run
//     to its first printed row in the DOM, and the bytes that page loads
//     beyond the first load (the interpreter's worker, made ahead). Then a
//     second Run in the same page (a worker made after the first run ended).
const PROGRAM_LOADS = Number(process.env.BENCH_PROGRAM_LOADS ?? 5);
say(`program: Run to the first printed row, ${PROGRAM_LOADS} loads`);
const programRuns = { first: [], again: [] };
let programBytes = null;
for (let load = 0; load < PROGRAM_LOADS; load++) {
  const { page, close } = await open('/?s=python&speed=5');
  // The interpreter loads when the page shows a program; a student reads
  // it for a moment before pressing Run.
  await page.waitForTimeout(2500);
  const firstRow = async () => page.evaluate(() => new Promise((resolve) => {
    const list = document.querySelector('ol.log');
    const started = performance.now();
    const seen = new MutationObserver(() => {
      if (list.querySelector('li.log-entry')) { seen.disconnect(); resolve(performance.now() - started); }
    });
    seen.observe(list, { childList: true });
    document.querySelector('button.run').click();
  }));
  programRuns.first.push(await firstRow());
  await page.waitForSelector('[data-state="done"]');
  await page.waitForTimeout(1500);
  programRuns.again.push(await firstRow());
  await page.waitForSelector('[data-state="done"]');
  await close();
}
// The worker's three files (trunk names them without a hash).
programBytes = { raw: 0, gzip: 0 };
for (const name of ['asyncpy-worker_loader.js', 'asyncpy-worker.js', 'asyncpy-worker_bg.wasm']) {
  const body = readFileSync(join(dist, name));
  programBytes.raw += body.length;
  programBytes.gzip += gzipSync(body, { level: 9 }).length;
}

/** Runs the open stress page with `timers` (or the JS baseline) and reads its row. */
async function measure(page, strategy) {
  await page.evaluate(() => { window.__runStart = performance.now(); });
  if (strategy === 'js') {
    await page.click('button.baseline');
  } else {
    await page.selectOption('select#timers', strategy);
    await page.click('button.run');
  }
  const row = await page.waitForSelector(`tr[data-strategy="${strategy}"][data-measured]`);
  const data = await row.evaluate((tr) => ({ ...tr.dataset }));
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks
    .filter((t) => t.start >= window.__runStart).map((t) => t.duration)));
  await page.waitForSelector('button.baseline:not([disabled])');
  const num = (key) => (data[key] === undefined || data[key] === '' ? NaN : Number(data[key]));
  return {
    wall: num('wall'), longest: num('longest'), p50: num('p50'), p99: num('p99'), max: num('max'),
    busy: num('busy'), jsHeap: num('jsHeap'), wasm: num('wasm'), longTask: longest,
  };
}

// 3. Timer fidelity: 100 timed tasks at 1x, each strategy and the plain
//    JavaScript baseline in the same page, several rounds.
say(`timer fidelity: 100 timers, ${ROUNDS} rounds`);
const fidelity = { gloo: [], heap: [], js: [] };
{
  const { page, close } = await open('/?s=stress&n=100&max=1&seed=1&speed=1');
  for (let round = 0; round < ROUNDS; round++) {
    for (const strategy of ['gloo', 'heap', 'js']) fidelity[strategy].push(await measure(page, strategy));
  }
  await close();
}

// 4. Stress: STRESS_TASKS tasks over 2 s. Each strategy in a fresh page (one
//    run's garbage must not land in the next one's figures); the JavaScript
//    baseline in the heap's page, after it; then that page's log of
//    STRESS_TASKS + 1 rows scrolled end to end (frame times while scrolling).
say(`stress: ${STRESS_TASKS} tasks`);
const stress = {};
let scrolling;
for (const strategy of ['gloo', 'heap']) {
  const { page, close } = await open(`/?s=stress&n=${STRESS_TASKS}&max=2&seed=1&speed=1&timers=${strategy}`);
  stress[strategy] = await measure(page, strategy);
  if (strategy === 'heap') {
    stress.js = await measure(page, 'js');
    scrolling = await page.evaluate(() => new Promise((resolve) => {
      const list = document.querySelector('ol.log');
      const frames = [];
      const steps = 240;
      let step = 0;
      let last = performance.now();
      let most = 0;
      const tick = () => {
        const now = performance.now();
        frames.push(now - last);
        last = now;
        most = Math.max(most, list.querySelectorAll('.log-entry').length);
        if (step > steps) {
          resolve({ rows: Number(list.dataset.rows), frames: frames.slice(1), inDom: most });
          return;
        }
        list.scrollTop = (list.scrollHeight - list.clientHeight) * (step / steps);
        step += 1;
        requestAnimationFrame(tick);
      };
      list.scrollTop = 0;
      requestAnimationFrame(tick);
    }));
  }
  await close();
}

// 5. Memory over MEMORY_RUNS stress runs of STRESS_TASKS tasks in a row, in
//    one page: after each, garbage collected, the JavaScript heap and the wasm
//    memory. A leak shows as growth from run to run.
say(`memory: ${MEMORY_RUNS} stress runs of ${STRESS_TASKS} tasks`);
const memory = { gloo: [], heap: [] };
for (const strategy of ['heap', 'gloo']) {
  const { page, close } = await open(`/?s=stress&n=${STRESS_TASKS}&max=0.5&seed=1&speed=1&timers=${strategy}`);
  for (let run = 0; run < MEMORY_RUNS; run++) {
    await page.click('button.run');
    await page.waitForSelector('[data-state="running"]');
    await page.waitForSelector('[data-state="done"]');
    memory[strategy].push(await page.evaluate(async () => {
      window.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      window.gc();
      return { js: performance.memory.usedJSHeapSize, wasm: window.__wasm.memory.buffer.byteLength };
    }));
  }
  await close();
}

await browser.close();
await server.close();

// 5. What the wasm spends its bytes on: twiggy over the release build before
//    wasm-bindgen and wasm-opt (which keeps function names), grouped by crate.
say('wasm bytes by crate (twiggy)');
let byCrate = null;
let byModule = null;
const raw = join(root, 'target', 'wasm32-unknown-unknown', 'release', 'async-playground.wasm');
try {
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', raw], { maxBuffer: 1 << 28 }).toString();
  const groups = new Map();
  const modules = new Map();
  let code = 0;
  for (const line of csv.split('\n').slice(1)) {
    const match = line.match(/^"?(.*?)"?,(\d+),/);
    if (!match) continue;
    const [, name, size] = match;
    if (name.startsWith('custom section') || name.includes('subsection') || name.includes('__wbindgen_describe')) continue;
    const bytes = Number(size);
    let key;
    if (name.startsWith('data segment')) key = 'data (strings, tables)';
    else {
      const crates = [...name.matchAll(/(?:^|[<\s(&])([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]);
      const OURS = ['async_playground', 'catalog', 'scenarios', 'runtime', 'text'];
      key = crates.find((c) => OURS.includes(c)) ?? crates[0] ?? 'other';
      code += bytes;
      // Our own code by feature: the module under the crate (`timeline`, `components::log_pane`, …).
      const own = name.match(/(async_playground|catalog|scenarios|runtime|text)::(components::)?([a-z_]+)/);
      if (own) {
        const folder = { async_playground: 'src/', scenarios: 'scenarios/', catalog: 'crates/catalog/', runtime: 'crates/runtime/', text: 'crates/text/' }[own[1]];
        const module = `${folder}${own[2] ? 'components/' : ''}${own[3]}`;
        modules.set(module, (modules.get(module) ?? 0) + bytes);
      }
    }
    groups.set(key, (groups.get(key) ?? 0) + bytes);
  }
  byCrate = [...groups].sort((a, b) => b[1] - a[1]).slice(0, 14);
  byModule = [...modules].sort((a, b) => b[1] - a[1]).slice(0, 16);
} catch (error) {
  say(`twiggy not available (${error.message.split('\n')[0]}); skipping the per-crate table`);
}

// The machine.
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
const rustc = execFileSync('rustc', ['--version']).toString().trim();
const date = new Date().toISOString().slice(0, 10);

const f = (strategy) => ({
  p50: median(fidelity[strategy].map((r) => r.p50)),
  p99: median(fidelity[strategy].map((r) => r.p99)),
  max: Math.max(...fidelity[strategy].map((r) => r.max)),
});
const sortedFrames = [...scrolling.frames].sort((a, b) => a - b);
const frameP95 = sortedFrames[Math.floor(sortedFrames.length * 0.95)];
const NAMES = { gloo: 'gloo: a setTimeout per task', heap: 'heap: one setTimeout', js: 'JavaScript: Promise.all' };

const lines = [];
lines.push(`| first load | raw KB | gzip KB |`, `| --- | ---: | ---: |`);
for (const file of files) lines.push(`| \`${file.file.replace(/-[0-9a-f]{16}/, '-…')}\` | ${kb(file.raw)} | ${kb(file.gzip)} |`);
lines.push(`| **total** | **${kb(total.raw)}** | **${kb(total.gzip)}** |`, '');
lines.push(`| first interactive render (${LOADS} fresh loads) | ms |`, `| --- | ---: |`);
lines.push(`| median | ${ms(median(interactive))} |`, `| slowest | ${ms(Math.max(...interactive))} |`, '');
lines.push(`| first run (\`run=1\`, ${FIRST_LOADS} fresh loads) against warm runs (${WARM_RUNS} each): gather's latest finish, ms past its delay | first: median | first: max | warm: min | warm: median | warm: max |`);
lines.push(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const speed of [1, 10]) {
  const { first, warm } = firstRun[speed];
  lines.push(`| ${speed}× | ${ms(median(first))} | ${ms(Math.max(...first))} | ${ms(Math.min(...warm))} | ${ms(median(warm))} | ${ms(Math.max(...warm))} |`);
}
lines.push('');
lines.push(`| a program on \`s=python\` (${PROGRAM_LOADS} fresh loads): Run to its first printed row, ms | median | max |`, `| --- | ---: | ---: |`);
lines.push(`| first run (the interpreter loaded ahead, while the page showed the program) | ${ms(median(programRuns.first))} | ${ms(Math.max(...programRuns.first))} |`);
lines.push(`| second run (a new worker, loaded after the first run ended) | ${ms(median(programRuns.again))} | ${ms(Math.max(...programRuns.again))} |`);
lines.push('', `The interpreter's worker, loaded by a page that shows a program (\`s=python\`, or an edited cell), never by one that does not: ${kb(programBytes.raw)} KB raw, ${kb(programBytes.gzip)} KB gzip.`, '');
lines.push(`| timer fidelity: 100 timers at 1×, lateness (median of ${ROUNDS} rounds) | p50 ms | p99 ms | max ms |`, `| --- | ---: | ---: | ---: |`);
for (const s of ['gloo', 'heap', 'js']) lines.push(`| ${NAMES[s]} | ${ms(f(s).p50)} | ${ms(f(s).p99)} | ${ms(f(s).max)} |`);
lines.push('');
lines.push(`| stress: ${STRESS_TASKS.toLocaleString('en')} tasks, delays up to 2 s | wall ms | over longest delay | lateness p50 · p99 · max ms | main thread ms | longest task ms | JS heap MB | wasm memory MB |`);
lines.push(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const s of ['gloo', 'heap', 'js']) {
  const r = stress[s];
  lines.push(`| ${NAMES[s]} | ${ms(r.wall)} | ${ms(r.wall - r.longest)} | ${ms(r.p50)} · ${ms(r.p99)} · ${ms(r.max)} | ${ms(r.busy)} | ${ms(r.longTask)} | ${mb(r.jsHeap)} | ${mb(r.wasm)} |`);
}
lines.push('');
lines.push(`| log of ${scrolling.rows.toLocaleString('en')} rows, scrolled end to end in ${scrolling.frames.length} frames | |`, `| --- | ---: |`);
lines.push(`| frame time median / p95 / max, ms | ${ms(median(scrolling.frames))} / ${ms(frameP95)} / ${ms(Math.max(...scrolling.frames))} |`);
lines.push(`| most rows in the DOM at once | ${scrolling.inDom} |`, '');
const pick = [0, 1, 4, 9, 14, 19].filter((i) => i < MEMORY_RUNS);
lines.push(`| memory after ${MEMORY_RUNS} stress runs of ${STRESS_TASKS.toLocaleString('en')} tasks in a row (after gc), MB | ${pick.map((i) => `run ${i + 1}`).join(' | ')} |`);
lines.push(`| --- | ${pick.map(() => '---:').join(' | ')} |`);
for (const strategy of ['heap', 'gloo']) {
  lines.push(`| ${strategy}: JS heap | ${pick.map((i) => mb(memory[strategy][i].js)).join(' | ')} |`);
  lines.push(`| ${strategy}: wasm memory | ${pick.map((i) => mb(memory[strategy][i].wasm)).join(' | ')} |`);
}
lines.push('');
for (const strategy of ['heap', 'gloo']) {
  const runs = memory[strategy];
  if (runs.length > 5) {
    const growth = (key) => ((runs.at(-1)[key] - runs[4][key]) / 1048576).toFixed(1);
    lines.push(`${strategy}: from run 5 to run ${runs.length}, JS heap ${growth('js')} MB, wasm memory ${growth('wasm')} MB.`, '');
  }
}
if (byCrate) {
  lines.push(`| wasm before wasm-opt, by crate (twiggy) | KB |`, `| --- | ---: |`);
  for (const [name, bytes] of byCrate) lines.push(`| ${name} | ${kb(bytes)} |`);
  lines.push('');
  lines.push(`| our code before wasm-opt, by module (twiggy; functions only) | KB |`, `| --- | ---: |`);
  for (const [name, bytes] of byModule) lines.push(`| \`${name}\` | ${kb(bytes)} |`);
  lines.push('');
}
const table = lines.join('\n');
process.stdout.write(`${table}\n`);

// docs/PERFORMANCE.md: the run above between markers, the rest kept as written.
const doc = join(root, 'docs', 'PERFORMANCE.md');
mkdirSync(dirname(doc), { recursive: true });
const header = `Run of ${date} on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), ${chromiumVersion}, ${rustc}.`;
const block = `<!-- bench:start (written by \`make bench\`; do not edit by hand) -->\n${header}\n\n${table}\n<!-- bench:end -->`;
const existing = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n\n<!-- bench:start --><!-- bench:end -->\n';
const updated = existing.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, block);
writeFileSync(doc, updated);
say(`wrote ${doc}`);
