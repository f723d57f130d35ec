// The page against CPython itself: tests/cpython/cells.py runs the lecture's
// cells with asyncio at scaled time for every parameter set of
// tests/cpython/param_sets.json; the page runs the same sets on the browser's
// event loop; compare.mjs checks the same events, the same order within each
// task, and the same order for every two events CPython separates by more than
// MARGIN notebook seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { start, rows } from './harness.mjs';
import { compareOrders, describe } from '../cpython/compare.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// 1 notebook second = 50 ms on both sides.
const SCALE = 0.05;
const SPEED = 1 / SCALE;
// Above the timer jitter of both sides (a few ms, 0.1 notebook s at 20×).
const MARGIN = 0.25;

let playground;
let reference;
before(async () => {
  const out = execFileSync('python3', [join(root, 'tests/cpython/cells.py'), '--all', '--scale', String(SCALE)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  reference = JSON.parse(out);
  playground = await start();
});
after(async () => { await playground?.stop(); });

test('every parameter set orders events as CPython does', async () => {
  assert.ok(reference.length >= 50, `${reference.length} parameter sets`);
  const { page, close } = await playground.open('/?s=gather');
  const failures = [];
  for (const { scenario, params, events } of reference) {
    const query = Object.entries(params)
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : value}`)
      .join('&');
    await page.goto(`${playground.server.origin}/?s=${scenario}&${query}&speed=${SPEED}&run=1`);
    await page.waitForSelector('[data-state="done"]');
    const log = (await rows(page)).map((r) => ({ task: r.task, kind: r.kind, t: (r.t * SPEED) / 1000 }));
    const problems = compareOrders(events, log, MARGIN);
    if (problems.length > 0) {
      failures.push(`${scenario} ${JSON.stringify(params)}:\n  cpython: ${describe(events)}\n  page:    ${describe(log)}\n  ${problems.join('\n  ')}`);
    }
  }
  console.log(`compared ${reference.length} parameter sets with CPython`);
  assert.deepEqual(failures, []);
  await close();
});
