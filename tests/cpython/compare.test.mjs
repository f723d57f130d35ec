// Tests of compare.mjs. Run: node --test tests/cpython/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compareOrders, describe } from './compare.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** 'A start@0, B finish@1' -> [{task: 'A', kind: 'start', t: 0}, …] */
function log(spec) {
  return spec.split(',').map((s) => {
    const [name, t] = s.trim().split('@');
    const [task, kind] = name.split(' ');
    return { task, kind, t: Number(t) };
  });
}

// gather 2,1,3 as CPython logs it
const gather = log('A start@0, B start@0, C start@0, B finish@1.01, A finish@2.02, C finish@3.03');

test('describe gives a one-line summary', () => {
  assert.equal(describe(gather), 'A start, B start, C start, B finish, A finish, C finish');
  assert.equal(describe([]), '');
});

test('the same log agrees', () => {
  assert.deepEqual(compareOrders(gather, gather, 0.25), []);
  assert.deepEqual(compareOrders([], [], 0.25), []);
});

test('different times but the same order agree', () => {
  const page = log('A start@0, B start@0.001, C start@0.001, B finish@1.2, A finish@1.9, C finish@3.4');
  assert.deepEqual(compareOrders(gather, page, 0.25), []);
});

test('events at the same instant may come in another order', () => {
  // The three starts happen at t=0 in both runtimes.
  const page = log('C start@0, A start@0, B start@0, B finish@1, A finish@2, C finish@3');
  assert.deepEqual(compareOrders(gather, page, 0.25), []);
});

test('a tie reordered within the margin agrees', () => {
  // gather 1,1,1: three timers due at t=1; CPython and the browser may fire them in any order.
  const cpy = log('A start@0, B start@0, C start@0, A finish@1.01, B finish@1.012, C finish@1.02');
  const page = log('A start@0, B start@0, C start@0, C finish@1.003, A finish@1.004, B finish@1.004');
  assert.deepEqual(compareOrders(cpy, page, 0.25), []);
  // futures-as-completed at t=2: "2 function-done" and "1 processed" swapped.
  const fac = log('2 set@1.02, 2 processed@1.03, 1 set@2.02, 2 function-done@2.03, 1 processed@2.04, ' +
    '3 set@3.03, 3 processed@3.04, 1 function-done@4.03, 3 function-done@6.04');
  const facPage = log('2 set@1, 2 processed@1, 1 set@2, 1 processed@2, 2 function-done@2, ' +
    '3 set@3, 3 processed@3, 1 function-done@4, 3 function-done@6');
  assert.deepEqual(compareOrders(fac, facPage, 0.25), []);
});

test('the same tie is a discrepancy with a margin of zero', () => {
  const cpy = log('A start@0, B start@0, A finish@1.01, B finish@1.02');
  const page = log('A start@0, B start@0, B finish@1.0, A finish@1.0');
  const problems = compareOrders(cpy, page, 0);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /"A finish".*before "B finish"/);
});

test('a missing event disagrees', () => {
  const page = gather.filter((e) => !(e.task === 'A' && e.kind === 'finish'));
  const problems = compareOrders(gather, page, 0.25);
  assert.deepEqual(problems, ['missing on the page: "A finish"']);
});

test('an extra or repeated event disagrees', () => {
  const page = [...gather, { task: 'C', kind: 'finish', t: 3.1 }, { task: 'D', kind: 'start', t: 0 }];
  const problems = compareOrders(gather, page, 0.25);
  assert.deepEqual(problems, ['extra on the page: "C finish"', 'extra on the page: "D start"']);
  const twice = compareOrders([...gather, ...gather], gather, 0.25);
  assert.equal(twice.length, 6);
  assert.ok(twice.every((p) => p.startsWith('missing on the page: ')));
});

test('events far apart in the other order disagree', () => {
  // B (1 s) and A (2 s) finish the other way round.
  const page = log('A start@0, B start@0, C start@0, A finish@1, B finish@2, C finish@3');
  const problems = compareOrders(gather, page, 0.25);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^order: CPython logs "B finish" \(t=1\.01\) before "A finish" \(t=2\.02\)/);
  assert.match(problems[0], /the page logs "A finish" \(t=1\) first/);
});

test('a wrong order within one task disagrees, whatever the margin', () => {
  // queue: item-0 is consumed before it is produced, both at t=0.
  const cpy = log('item-0 produced@0, item-0 consumed@0, item-1 produced@1, item-1 consumed@1');
  const page = log('item-0 consumed@0, item-0 produced@0, item-1 produced@1, item-1 consumed@1');
  const problems = compareOrders(cpy, page, 0.5);
  assert.deepEqual(problems, ['task item-0: CPython logs produced, consumed; the page logs consumed, produced']);
  // and far apart within a task is reported once, not again as a cross-task pair
  const late = log('item-0 consumed@0, item-1 produced@1, item-1 consumed@1, item-0 produced@1');
  const p2 = compareOrders(cpy, late, 0.25);
  assert.equal(p2.filter((p) => p.startsWith('task item-0')).length, 1);
});

test('many swaps are summarised', () => {
  const n = 20;
  const cpy = Array.from({ length: n }, (_, i) => ({ task: String(i + 1), kind: 'result', t: i }));
  const page = [...cpy].reverse();
  const problems = compareOrders(cpy, page, 0.25);
  assert.equal(problems.length, 11);
  assert.match(problems[10], /and 180 more pairs/);
});

test('malformed input is a programming error, not a discrepancy', () => {
  assert.throws(() => compareOrders(null, [], 0.25), TypeError);
  assert.throws(() => compareOrders([{ task: 1, kind: 'x', t: 0 }], [], 0.25), TypeError);
  assert.throws(() => compareOrders(gather, gather, -1), TypeError);
  assert.throws(() => compareOrders(gather, gather, NaN), TypeError);
});

test('CPython (cells.py) against the lecture order of gather and of a bounded queue', () => {
  for (const [args, lecture] of [
    [['gather', '{"delays":[2,1,3]}'], 'A start@0, B start@0, C start@0, B finish@1, A finish@2, C finish@3'],
    [['bounded-queue', '{"items":4,"produce":1,"consume":3,"maxsize":1}'],
      // produced at 0, 1, 3, 6; consumed at 0, 3, 6, 9 (the put of item-2 waits for the free slot at t=3)
      'item-0 produced@0, item-0 consumed@0, item-1 produced@1, item-1 consumed@3, item-2 produced@3, ' +
      'item-2 consumed@6, item-3 produced@6, item-3 consumed@9'],
  ]) {
    const r = spawnSync('python3', [join(here, 'cells.py'), ...args, '--scale', '0.02'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { events } = JSON.parse(r.stdout);
    assert.deepEqual(compareOrders(events, log(lecture), 0.25), [], describe(events));
  }
});
