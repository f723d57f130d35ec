// The interpreter as the page will run it (issues 14 and 15): the release
// bundle's worker (python/worker, built by trunk), started in headless
// Chromium, runs every lecture cell that needs no page I/O on the browser's
// timers and prints what CPython 3.11 printed (python/tests/lecture/expected,
// written by CPython on the virtual clock). Also: a program that computes
// forever is stopped by terminate(), and a SyntaxError is reported before
// anything runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { start } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lecture = join(root, 'python', 'tests', 'lecture');
// Cells whose I/O the page performs (aiohttp, asyncpg): issue 15's page
// answers them; this test has no page around the worker.
const PAGE_IO = new Set(['cell_12', 'cell_13', 'cell_18']);
// One loop second lasts 1000 / SPEED ms of browser time.
const SPEED = 50;

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

/** Runs `code` in a fresh worker of the bundle; resolves with what it posted. */
function runInWorker(page, code, speed) {
  return page.evaluate(({ code, speed }) => new Promise((resolve) => {
    const worker = new Worker('asyncpy-worker_loader.js');
    const out = { prints: [], uncaught: null, end: null, syntax: null, waits: 0, tasks: new Set() };
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') worker.postMessage({ type: 'run', code, speed });
      if (data.type === 'events') {
        for (const e of data.events) {
          if (e[0] === 'print') out.prints.push(e[3]);
          if (e[0] === 'uncaught') out.uncaught = e[3];
          if (e[0] === 'wait') out.waits += 1;
          if (e[0] === 'created') out.tasks.add(e[2]);
        }
      }
      if (data.type === 'syntax' || data.type === 'end') {
        if (data.type === 'syntax') out.syntax = data;
        else out.end = { outcome: data.outcome, status: data.status };
        worker.terminate();
        resolve({ ...out, tasks: [...out.tasks] });
      }
    };
  }), { code, speed });
}

test('every lecture cell without page I/O prints in the worker what CPython prints', async () => {
  const { page, close } = await playground.open('/');
  const cells = readdirSync(lecture).filter((f) => /^cell_\d+\.py$/.test(f)).sort();
  assert.ok(cells.length >= 19, `${cells.length} cells`);
  let compared = 0;
  for (const file of cells) {
    const name = file.replace('.py', '');
    if (PAGE_IO.has(name)) continue;
    const code = readFileSync(join(lecture, file), 'utf8');
    const expected = readFileSync(join(lecture, 'expected', `${name}.out`), 'utf8');
    const got = await runInWorker(page, code, SPEED);
    const lines = expected.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const printed = got.prints.filter((l) => !l.startsWith('CPU times:'));
    assert.deepEqual(printed, lines.filter((l) => !l.startsWith('CPU times:')), `${name}: printed lines`);
    const err = join(lecture, 'expected', `${name}.err`);
    if (existsSync(err)) {
      const [status, last] = readFileSync(err, 'utf8').trim().split('\n');
      assert.equal(got.end.outcome, 'error', `${name}: ${JSON.stringify(got.end)}`);
      assert.equal(`exit status: ${got.end.status}`, status, name);
      assert.equal(got.uncaught, last, `${name}: the exception`);
    } else {
      assert.deepEqual(got.end, { outcome: 'done', status: 0 }, `${name}: ${got.uncaught}`);
    }
    compared += 1;
  }
  assert.ok(compared >= 16, `${compared} cells compared`);
  await close();
});

test('the worker records tasks and their waits on the browser loop', async () => {
  const { page, close } = await playground.open('/');
  const code = [
    'import asyncio',
    'async def job(name, delay):',
    '    await asyncio.sleep(delay)',
    '    print(name, "done")',
    'async def main():',
    '    await asyncio.gather(job("a", 0.2), job("b", 0.1), job("c", 0.3))',
    'asyncio.run(main())',
  ].join('\n');
  const got = await runInWorker(page, code, 10);
  assert.deepEqual(got.prints, ['b done', 'a done', 'c done']);
  assert.deepEqual(got.end, { outcome: 'done', status: 0 });
  assert.ok(got.tasks.includes('Task-1') && got.tasks.includes('Task-4'), JSON.stringify(got.tasks));
  assert.ok(got.waits >= 4, `${got.waits} waits`);
  await close();
});

test('a SyntaxError is reported before anything runs', async () => {
  const { page, close } = await playground.open('/');
  const got = await runInWorker(page, 'print("never")\nif x\n    pass\n', 1);
  assert.deepEqual(got.prints, []);
  assert.equal(got.syntax.line, 2);
  assert.match(got.syntax.message, /^SyntaxError: expected ':'/);
  await close();
});

test('terminate() stops a program that computes forever, and the page stays responsive meanwhile', async () => {
  const { page, close } = await playground.open('/');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const worker = new Worker('asyncpy-worker_loader.js');
    const printed = [];
    let ticksWhileComputing = null;
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') worker.postMessage({ type: 'run', code: 'print("start")\nwhile True:\n    pass\n', speed: 1 });
      if (data.type === 'events') {
        printed.push(...data.events.filter((e) => e[0] === 'print').map((e) => e[3]));
        if (printed.includes('start') && ticksWhileComputing === null) ticksWhileComputing = 0;
      }
      if (data.type === 'end') resolve({ printed, ended: true });
    };
    // The page's own timer keeps ticking while the worker computes (no time
    // limit: a frozen page would hang here, and the hang guard fails it).
    const timer = setInterval(() => {
      if (ticksWhileComputing === null) return;
      ticksWhileComputing += 1;
      if (ticksWhileComputing === 5) {
        worker.terminate();
        clearInterval(timer);
        // Nothing comes from a terminated worker: wait a few more turns.
        setTimeout(() => resolve({ printed, ended: false, ticks: ticksWhileComputing }), 50);
      }
    }, 10);
  }));
  assert.deepEqual(result.printed, ['start']);
  assert.equal(result.ended, false, 'the program never ended by itself');
  assert.equal(result.ticks, 5);
  await close();
});
