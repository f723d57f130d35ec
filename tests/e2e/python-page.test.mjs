// The Python program page (`?s=python`, issue 15) as a student uses it: the
// release bundle served on loopback, headless Chromium, the interpreter in its
// Web Worker on the browser's event loop. Checked here:
// - every lecture cell, typed into the editor with the real keyboard (its
//   auto-indent worked around line by line) and run with Ctrl+Enter, prints
//   the rows CPython 3.11 printed (python/tests/lecture/expected), under the
//   task names CPython's trace gives (vclock.py --trace);
// - random asyncio programs of gen_async.py, opened as `code=` links with
//   run=1, print what CPython prints on the virtual clock (vclock.py), and
//   end with the exception CPython ends with; the seed is printed
//   (ASYNCPY_SEED repeats a run, ASYNCPY_E2E_PROGRAMS sets the count);
// - Stop ends a program that computes forever, recurses or allocates, and
//   the page runs the next program; while a program computes, the page
//   scrolls and the editor types;
// - a share link (`#code=`, deflate-raw and base64url) opens the same program
//   in a new page; a slide embed runs the code a `set` message gives it;
// - hostile programs (syntax errors, 1000 nested brackets, markup in
//   strings, a megabyte of source) give an error row or a refusal, never a
//   page error or an element; both languages print the same rows.
// No assertion bounds wall time: the harness's hang guard is the only limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { start } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pythonDir = join(root, 'python');
const lecture = join(pythonDir, 'tests', 'lecture');
const reference = join(pythonDir, 'tests', 'reference');
const PYTHON = process.env.ASYNCPY_PYTHON ?? 'python3';

// Lecture cells run at 50 notebook seconds per real second; random programs
// at 20 (what the brief of issue 15 asks of both).
const LECTURE_SPEED = 50;
const RANDOM_SPEED = 20;
// A `code=` link longer than this is not opened (browsers and servers cut
// long URLs; the page's share links use the fragment for long programs).
const LONGEST_URL = 60_000;
// Every cell is typed by default. ASYNCPY_E2E_TYPE_ALL=0 types only these
// (nested indentation: a class with methods and an if/else inside, a loop
// inside a function, commented-out code ending in `:`) and opens the others
// as `code=` links.
const TYPE_ALL = process.env.ASYNCPY_E2E_TYPE_ALL !== '0';
const ALWAYS_TYPED = new Set(['cell_02', 'cell_16', 'cell_19']);
// The line the editor marks for the lecture cells that raise: the innermost
// frame of the cell in CPython's traceback (`vclock.py cell_NN.py`).
const ERROR_LINES = { cell_03: 1, cell_04: 1, cell_14: 16 };

let playground;
before(async () => { playground = await start(); });
after(async () => { await playground?.stop(); });

/** Every log row as [kind, task, text]; `target` is a Page or a Frame. */
const logRows = (target) => target.$$eval('li.log-entry', (els) => els.map((e) => [e.dataset.kind, e.dataset.task, e.textContent]));
const printed = (rows) => rows.filter(([kind]) => kind === 'print');
const errorRows = (rows) => rows.filter(([kind]) => kind === 'error');
/** Without the lines of `%%time`, which depend on the machine. */
const timeless = (lines) => lines.filter((l) => !l.startsWith('CPU times:') && !l.startsWith('Wall time:'));
/** Output as lines: split at newlines, without the empty string after the last one. */
const linesOf = (text) => {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** Waits until the run has ended in one of `states`; returns the state. */
async function settle(target, states = ['done', 'stopped', 'error']) {
  await target.waitForSelector(states.map((s) => `[data-state="${s}"]`).join(', '));
  return target.getAttribute('[data-state]', 'data-state');
}

/** Waits for a row of `kind` whose text is exactly `text` (never stale: it names the row). */
function waitForRow(page, kind, text) {
  return page.waitForFunction(({ kind, text }) => [...document.querySelectorAll('li.log-entry')]
    .some((e) => e.dataset.kind === kind && e.textContent === text), { kind, text });
}

/**
 * Types `source` into the editor with the keyboard, as a student would:
 * clear (Ctrl+A, Backspace), then each line after Enter, Shift+Home (which
 * selects what auto-indent inserted) and the line with its own indentation,
 * which replaces the selection. An empty line removes the auto-indent, if
 * there was any, with Backspace.
 */
async function typeProgram(page, source) {
  const editor = page.locator('textarea.editor-input');
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  assert.equal(await editor.inputValue(), '', 'Ctrl+A, Backspace clears the editor');
  for (const [i, line] of source.split('\n').entries()) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
      if (line === '') {
        const indented = await editor.evaluate((t) => t.selectionStart !== t.selectionEnd);
        if (indented) await page.keyboard.press('Backspace');
        continue;
      }
    }
    if (line !== '') await page.keyboard.type(line);
  }
  assert.equal(await editor.inputValue(), source, 'the editor holds the typed program');
}

/** The CPython 3.11 the reference runs on (as python/tests/common does, it must be 3.11). */
function checkPython() {
  const run = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' });
  const version = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  assert.match(version, /^Python 3\.11\./, `the reference must be CPython 3.11; \`${PYTHON} --version\` says ${JSON.stringify(version)} (set ASYNCPY_PYTHON)`);
}

/**
 * `python3 tests/reference/vclock.py [--trace] FILE` as python/tests/common
 * runs it: from python/, PYTHONHASHSEED=0, no bytecode files, 60 s at most.
 */
function vclock(file, trace = false) {
  const run = spawnSync(PYTHON, [join(reference, 'vclock.py'), ...(trace ? ['--trace'] : []), file], {
    cwd: pythonDir,
    env: { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

/**
 * The task of each traced line (`[0.100] Task-2: text`; `-` outside any task
 * is the page's `<module>`), paired with its text; `plainStdout` is the
 * plain run's output, so a task name is cut off by the text's length, not by
 * searching for `: `. The `CPU times:` line of `%%time` differs between the
 * two runs and is left out of both; null if the runs do not pair.
 */
function tracedTasks(traceStdout, plainStdout) {
  const texts = linesOf(plainStdout).filter((l) => !l.startsWith('CPU times:'));
  const traced = linesOf(traceStdout).filter((l) => !/^\[[^\]]*\] [^:]*: CPU times:/.test(l));
  if (traced.length !== texts.length) return null;
  const pairs = traced.map((line, i) => {
    const prefix = /^\[[^\]]*\] /.exec(line);
    if (!prefix || !line.endsWith(`: ${texts[i]}`)) return null;
    const task = line.slice(prefix[0].length, line.length - texts[i].length - 2);
    return [task === '-' ? '<module>' : task, texts[i]];
  });
  return pairs.every(Boolean) ? pairs : null;
}

/**
 * The error row CPython's stderr calls for: the traceback's last line, or,
 * for an exception group, the group's own line (`ExceptionGroup: ...
 * (1 sub-exception)`, the first line of vclock.py's `error_summary`), since
 * the last line there is the group's box.
 */
function errorLine(stderr) {
  const lines = stderr.replace(/\n+$/, '').split('\n');
  const group = lines.findIndex((l) => l.startsWith('  + Exception Group Traceback (most recent call last):'));
  if (group >= 0) {
    for (const inner of lines.slice(group + 1)) {
      const stripped = inner.replace(/^ +/, '');
      if (!stripped.startsWith('| ') || /^\s/.test(stripped.slice(2, 3))) continue;
      const content = stripped.slice(2);
      if (content && content !== 'Traceback (most recent call last):') return content;
    }
  }
  return lines.at(-1) ?? '';
}

const countFromEnv = (name, fallback) => {
  const n = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** Opens `?s=python`, puts `code` in the editor (page.fill: not the keyboard test) and clicks Run. */
async function fillAndRun(page, code) {
  await page.fill('textarea.editor-input', code);
  await page.click('button.run');
}

/** The page still runs a program: `print('after')` prints its row, outside any task, last. */
async function stillWorks(page, text = 'after') {
  await fillAndRun(page, `print(${JSON.stringify(text)})\n`);
  // The row names this run, so an earlier run's `done` is never mistaken for it.
  await waitForRow(page, 'print', text);
  assert.equal(await settle(page, ['done', 'error']), 'done');
  assert.deepEqual((await logRows(page)).at(-1), ['print', '<module>', text]);
}

test('every lecture cell, typed with the keyboard and run with Ctrl+Enter, prints what CPython prints', async () => {
  checkPython();
  const cells = readdirSync(lecture).filter((f) => /^cell_\d+\.py$/.test(f)).sort();
  assert.equal(cells.length, 19, `${cells.length} cells`);
  const typed = [];
  for (const file of cells) {
    const name = file.replace('.py', '');
    const source = readFileSync(join(lecture, file), 'utf8').replace(/\n+$/, '');
    const out = timeless(linesOf(readFileSync(join(lecture, 'expected', `${name}.out`), 'utf8')));
    const errFile = join(lecture, 'expected', `${name}.err`);
    const err = existsSync(errFile) ? linesOf(readFileSync(errFile, 'utf8')).at(-1) : null;
    // The tasks, from CPython's trace (the %%time cells' I/O is vclock.py's fakes).
    const plain = vclock(join(lecture, file));
    const trace = vclock(join(lecture, file), true);
    const tasks = tracedTasks(trace.stdout, plain.stdout);
    assert.ok(tasks, `${name}: vclock.py --trace does not pair with the plain run`);
    const expectedRows = tasks.filter(([, text]) => !text.startsWith('Wall time:'));

    const byKeyboard = TYPE_ALL || ALWAYS_TYPED.has(name);
    const path = byKeyboard
      ? `/?s=python&speed=${LECTURE_SPEED}`
      : `/?s=python&speed=${LECTURE_SPEED}&run=1&code=${encodeURIComponent(source)}`;
    const { page, close } = await playground.open(path);
    assert.equal(await page.getAttribute('.runs-what', 'data-runs'), 'python', `${name}: ?s=python runs Python`);
    if (byKeyboard) {
      await typeProgram(page, source);
      typed.push(name);
      await page.keyboard.press('Control+Enter');
    }
    assert.equal(await settle(page), 'done', `${name}: the run's end`);
    const rows = await logRows(page);
    const texts = timeless(printed(rows).map(([, , text]) => text));
    assert.deepEqual(texts, out, `${name}: printed lines`);
    assert.deepEqual(
      printed(rows).filter(([, , text]) => !text.startsWith('CPU times:') && !text.startsWith('Wall time:')).map(([, task, text]) => [task, text]),
      expectedRows,
      `${name}: each line's task`,
    );
    if (err !== null) {
      assert.equal(errorRows(rows).at(-1)?.[2], err, `${name}: the exception`);
      assert.equal(await page.getAttribute('.editor', 'data-error-line'), String(ERROR_LINES[name]), `${name}: the marked line`);
      // Where 3.11 refuses what the lecture's Python allowed, the page says why.
      const note = (await page.$('.py-note')) !== null;
      assert.equal(note, err.includes('Passing coroutines is forbidden'), `${name}: the note on Python 3.11`);
    } else {
      assert.deepEqual(errorRows(rows), [], `${name}: no error row`);
    }
    await close();
  }
  assert.ok(typed.length >= 3, `${typed.length} cells typed`);
});

test('random asyncio programs (gen_async.py) print on the page what CPython prints', async (t) => {
  checkPython();
  const seed = process.env.ASYNCPY_SEED !== undefined
    ? Number(process.env.ASYNCPY_SEED.trim())
    : Math.floor(Date.now() / 86_400_000);
  assert.ok(Number.isSafeInteger(seed) && seed >= 0, 'ASYNCPY_SEED must be an unsigned integer');
  const count = countFromEnv('ASYNCPY_E2E_PROGRAMS', 20);
  const dir = join(tmpdir(), `asyncpy-e2e-async-${seed}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const note = `random programs: seed ${seed} (ASYNCPY_SEED=${seed} repeats this run), ${count} programs in ${dir}`;
  console.log(note);
  t.diagnostic(note);
  const gen = spawnSync(PYTHON, [join(reference, 'gen_async.py'), '--seed', String(seed), '--count', String(count), '--out', dir], { encoding: 'utf8' });
  assert.equal(gen.status, 0, `gen_async.py failed: ${gen.stderr}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
  assert.equal(files.length, count, `gen_async.py wrote ${files.length} files`);

  const problems = [];
  let compared = 0;
  let lines = 0;
  for (const file of files) {
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    const url = `/?s=python&speed=${RANDOM_SPEED}&run=1&code=${encodeURIComponent(source)}`;
    if (playground.server.origin.length + url.length > LONGEST_URL) {
      t.diagnostic(`${file}: skipped, its link has ${url.length} characters`);
      continue;
    }
    const cpython = vclock(path);
    if (cpython.status === null) {
      t.diagnostic(`${file}: skipped, CPython did not finish`);
      continue;
    }
    const want = linesOf(cpython.stdout);
    if (want.length > 1000) {
      // Past 1000 rows the log draws only the rows in view.
      t.diagnostic(`${file}: skipped, ${want.length} lines`);
      continue;
    }
    const tasks = tracedTasks(vclock(path, true).stdout, cpython.stdout);
    const deadlock = cpython.stderr.includes('asyncpy: deadlock');
    const wantError = cpython.status === 1 && !deadlock ? errorLine(cpython.stderr) : null;

    const { page, close } = await playground.open(url);
    const end = await settle(page);
    const rows = await logRows(page);
    await close();
    const got = printed(rows).map(([, , text]) => text);
    const where = `${file} (${path})`;
    if (deadlock ? end === 'stopped' : end !== 'done') problems.push(`${where}: the run ended ${end}`);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const i = want.findIndex((line, k) => got[k] !== line);
      const at = i >= 0 ? i : want.length;
      problems.push(`${where}: ${got.length} lines printed, CPython ${want.length}; first difference at line ${at + 1}: page ${JSON.stringify(got[at])}, CPython ${JSON.stringify(want[at])}`);
    } else if (tasks && tasks.length === want.length) {
      const gotTasks = printed(rows).map(([, task]) => task);
      const i = tasks.findIndex(([task], k) => gotTasks[k] !== task);
      if (i >= 0) problems.push(`${where}: line ${i + 1} ${JSON.stringify(want[i])} printed by ${gotTasks[i]}, CPython says ${tasks[i][0]}`);
    }
    const errors = errorRows(rows);
    if (wantError !== null && errors.at(-1)?.[2] !== wantError) {
      problems.push(`${where}: the error row ${JSON.stringify(errors.at(-1)?.[2])}, CPython ${JSON.stringify(wantError)}`);
    }
    if (cpython.status === 0 && errors.length > 0) {
      problems.push(`${where}: an error row ${JSON.stringify(errors[0][2])} after a program CPython ran to the end`);
    }
    compared += 1;
    lines += want.length;
  }
  t.diagnostic(`random programs: ${compared} programs and ${lines} lines compared, seed ${seed}`);
  assert.deepEqual(problems, [], `seed ${seed}: ${problems.length} programs differ`);
  assert.ok(compared > 0 || count === 0, 'no program was compared');
  if (problems.length === 0) rmSync(dir, { recursive: true, force: true });
});

for (const { what, code, wait } of [
  { what: 'a loop that computes forever', code: 'while True:\n    pass\n', wait: null },
  {
    what: 'a deep recursion that computes long',
    code: [
      'import asyncio',
      '',
      'def deep(n):',
      '    return 0 if n == 0 else deep(n - 1) + 1',
      '',
      'def fib(n):',
      '    return n if n < 2 else fib(n - 1) + fib(n - 2)',
      '',
      'async def main():',
      '    print("deep", deep(500))',
      '    print(fib(45))',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
    // Stop while fib recurses, after the deep call returned.
    wait: 'deep 500',
  },
]) {
  test(`Stop ends ${what}, and the page runs the next program`, async () => {
    const { page, close } = await playground.open('/?s=python');
    await fillAndRun(page, code);
    await page.waitForSelector('[data-state="running"]');
    if (wait) await waitForRow(page, 'print', wait);
    await page.click('button.stop');
    await page.waitForSelector('[data-state="stopped"]');
    assert.deepEqual(errorRows(await logRows(page)), [], 'a stopped program has no error row');
    await stillWorks(page);
    await close();
  });
}

test('Stop during a huge allocation (or its MemoryError), and the page runs the next program', async () => {
  const { page, close } = await playground.open('/?s=python');
  await fillAndRun(page, "print('allocating')\nx = [0] * (10**9)\nprint('allocated', len(x))\n");
  await page.waitForSelector('[data-state="running"], [data-state="done"], [data-state="error"]');
  // The allocation may fail at once: Stop is clicked only if it still runs
  // (a DOM click, which a disabled or missing button ignores, so no race).
  await page.evaluate(() => document.querySelector('button.stop')?.click());
  const end = await settle(page);
  const rows = await logRows(page);
  if (end === 'done') {
    assert.match(errorRows(rows).at(-1)?.[2] ?? '', /^MemoryError/, `done, with ${JSON.stringify(rows)}`);
  } else {
    assert.equal(end, 'stopped');
  }
  assert.ok(!printed(rows).some(([, , text]) => text.startsWith('allocated')), 'nothing was allocated');
  await stillWorks(page);
  await close();
});

test('while a program computes, the page scrolls and the editor types', async () => {
  // A short window, so that the page is taller than it.
  const { page, close } = await playground.open('/?s=python', { viewport: { width: 1000, height: 300 } });
  await fillAndRun(page, 'while True:\n    pass\n');
  await page.waitForSelector('[data-state="running"]');
  const scrollable = await page.evaluate(() => document.scrollingElement.scrollHeight > innerHeight);
  if (!scrollable) {
    // The layout fits the window: room to scroll is added, since what is
    // checked is that the page's thread answers, not the layout.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 2000px' })));
  }
  const before = await page.evaluate(() => scrollY);
  await page.evaluate(() => window.scrollBy(0, 150));
  await page.waitForFunction((y) => scrollY !== y, before);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => scrollY === 0);
  const editor = page.locator('textarea.editor-input');
  const was = await editor.inputValue();
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed while it runs');
  await page.waitForFunction((was) => {
    const value = document.querySelector('textarea.editor-input').value;
    return value !== was && value.includes('# typed while it runs');
  }, was);
  assert.equal(await page.getAttribute('[data-state]', 'data-state'), 'running', 'typing does not end the run');
  await page.click('button.stop');
  await page.waitForSelector('[data-state="stopped"]');
  await close();
});

// What the share and language tests run: tasks, Cyrillic, and characters a
// URL or a fragment treats specially (+, &, #, %).
const GREET = [
  'import asyncio',
  '',
  'async def greet(name, delay):',
  '    await asyncio.sleep(delay)',
  '    print(f"привет, {name}: {delay}")',
  '    return name',
  '',
  'async def main():',
  '    names = await asyncio.gather(greet("Ада", 0.2), greet("Bob", 0.1))',
  '    print("gathered", names, "✓")',
  `    print("1 + 2 & 3 =", 1 + 2 & 3, "#not a comment", '%41')`,
  '',
  'asyncio.run(main())',
  '',
].join('\n');
// vclock.py --trace on GREET.
const GREET_ROWS = [
  ['print', 'Task-3', 'привет, Bob: 0.1'],
  ['print', 'Task-2', 'привет, Ада: 0.2'],
  ['print', 'Task-1', "gathered ['Ада', 'Bob'] ✓"],
  ['print', 'Task-1', '1 + 2 & 3 = 3 #not a comment %41'],
];

test('a share link (#code=) opens the same program in a new page, which runs it', async () => {
  const first = await playground.open(`/?s=python&code=${encodeURIComponent(GREET)}`);
  await first.page.waitForFunction((code) => document.querySelector('textarea.editor-input').value === code, GREET);
  await first.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: playground.server.origin });
  await first.page.click('button.share-code');
  await first.page.waitForFunction(() => location.hash.startsWith('#code='));
  const hash = await first.page.evaluate(() => location.hash);
  await first.close();
  // The fragment is the program, deflate-raw and base64url.
  const encoded = hash.slice('#code='.length).split('&')[0];
  assert.equal(inflateRawSync(Buffer.from(encoded, 'base64url')).toString('utf8'), GREET, 'the fragment decodes to the program');

  const second = await playground.open(`/?s=python${hash}`);
  await second.page.waitForFunction((code) => document.querySelector('textarea.editor-input').value === code, GREET);
  await second.page.click('button.run');
  assert.equal(await settle(second.page), 'done');
  assert.deepEqual(await logRows(second.page), GREET_ROWS);
  await second.close();
});

test('a slide embed runs the code a `set` message gives it', async () => {
  const { page, close } = await playground.open('/');
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    Object.assign(frame, { id: 'python-embed', width: 960, height: 540, title: 'Python', src: '/?s=python&embed=1' });
    document.body.append(frame);
  });
  // Read from the deck's side, which never navigates (the embed may, on `set`).
  const inEmbed = (selector) => page.waitForFunction(
    (selector) => document.querySelector('#python-embed').contentWindow.document?.querySelector(selector) != null,
    selector,
  );
  await inEmbed('[data-state="idle"]');
  const code = [
    'import asyncio',
    '',
    'async def tick(name, n):',
    '    for i in range(n):',
    '        await asyncio.sleep(0.1)',
    '        print(name, i)',
    '',
    'async def main():',
    '    print("hi from the slide")',
    '    await asyncio.gather(tick("a", 2), tick("b", 1))',
    '',
    'asyncio.run(main())',
    'print("bye")',
    '',
  ].join('\n');
  await page.evaluate((code) => document.querySelector('#python-embed').contentWindow.postMessage({ type: 'set', params: { code, speed: 20 } }, '*'), code);
  await page.waitForFunction(
    (code) => document.querySelector('#python-embed').contentWindow.document?.querySelector('textarea.editor-input')?.value === code,
    code,
  );
  await page.evaluate(() => document.querySelector('#python-embed').contentWindow.postMessage({ type: 'run' }, '*'));
  await inEmbed('[data-state="done"]');
  const frame = await (await page.$('#python-embed')).contentFrame();
  // vclock.py --trace on the same program.
  assert.deepEqual(await logRows(frame), [
    ['print', 'Task-1', 'hi from the slide'],
    ['print', 'Task-2', 'a 0'],
    ['print', 'Task-3', 'b 0'],
    ['print', 'Task-2', 'a 1'],
    ['print', '<module>', 'bye'],
  ]);
  await close();
});

for (const { what, code, error } of [
  // CPython: `SyntaxError: '(' was never closed`.
  { what: 'an unclosed bracket', code: 'print((1', error: /^SyntaxError/ },
  // CPython's tokenizer stops at 200 levels.
  { what: '1000 nested brackets', code: '('.repeat(1000) + ')'.repeat(1000), error: /^SyntaxError: too many nested parentheses$/ },
]) {
  test(`${what} gives a SyntaxError row and a marked line before anything runs, and the page goes on`, async () => {
    const { page, close } = await playground.open('/?s=python');
    await fillAndRun(page, `print("never")\n${code}\n`);
    assert.equal(await settle(page), 'done');
    const rows = await logRows(page);
    assert.deepEqual(printed(rows), [], 'nothing ran');
    assert.equal(errorRows(rows).length, 1, JSON.stringify(rows));
    assert.match(errorRows(rows)[0][2], error);
    assert.equal(await page.getAttribute('.editor', 'data-error-line'), '2');
    await stillWorks(page);
    await close();
  });
}

test('markup in a printed string is shown as text and never becomes an element', async () => {
  const markup = '<img src=x onerror=alert(1)><b>x</b>';
  const code = `print('${markup}')\n`;
  const { page, close } = await playground.open(`/?s=python&code=${encodeURIComponent(code)}`);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.waitForFunction((code) => document.querySelector('textarea.editor-input').value === code, code);
  await page.click('button.run');
  assert.equal(await settle(page), 'done');
  assert.deepEqual(await logRows(page), [['print', '<module>', markup]]);
  assert.equal(await page.$$eval('.log img, .log b', (els) => els.length), 0, 'no element from the printed line');
  assert.equal(await page.$$eval('.editor img', (els) => els.length), 0, 'no element from the source');
  assert.deepEqual(dialogs, [], 'no alert');
  await close();
});

test('a megabyte of source is refused with a message or runs to the end, never a page error', async () => {
  const { page, close } = await playground.open('/?s=python');
  const big = 'x = 1\n'.repeat(Math.ceil(1_000_000 / 6));
  // As a paste arrives: the whole text in one input event. (Playwright's
  // fill() retries while the editor keeps its old text, as the page does
  // with a text it refuses.)
  await page.evaluate((text) => {
    const area = document.querySelector('textarea.editor-input');
    area.focus();
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, big);
  await page.locator('textarea.editor-input').focus();
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('.code-refusal, [data-state="done"], [data-state="stopped"], [data-state="error"]');
  const refusal = await page.$('.code-refusal');
  if (refusal) {
    assert.ok((await refusal.textContent()).trim().length > 0, 'the refusal says why');
  } else {
    assert.equal(await settle(page), 'done');
    const rows = await logRows(page);
    assert.deepEqual(rows, [], 'assignments print nothing');
  }
  await stillWorks(page);
  await close(); // no console or page error (the harness)
});

test('in Russian the page speaks Russian and a run prints the same rows', async () => {
  const seen = {};
  for (const lang of ['en', 'ru']) {
    const { page, close } = await playground.open(`/?s=python&lang=${lang}&speed=20&code=${encodeURIComponent(GREET)}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.match((await page.textContent('button.run')).trim(), lang === 'ru' ? /^Запустить/ : /^Run/);
    await page.waitForFunction((code) => document.querySelector('textarea.editor-input').value === code, GREET);
    await page.click('button.run');
    assert.equal(await settle(page), 'done');
    seen[lang] = await logRows(page);
    await close();
  }
  assert.deepEqual(seen.en, GREET_ROWS);
  assert.deepEqual(seen.ru, seen.en);
});

test('a lecture scenario\'s cell runs the Rust scenario until edited, then Python; Reset brings the cell back', async () => {
  const { page, close } = await playground.open('/?s=gather&speed=20');
  const editor = page.locator('textarea.editor-input');
  await page.waitForFunction(() => document.querySelector('textarea.editor-input')?.value.includes('asyncio'));
  const cell = await editor.inputValue();
  assert.equal(await page.getAttribute('.runs-what', 'data-runs'), 'rust');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type("print('edited')");
  await page.waitForSelector('.runs-what[data-runs="python"]');
  await page.keyboard.press('Control+Enter');
  await waitForRow(page, 'print', 'edited');
  assert.equal(await settle(page, ['done', 'error']), 'done');
  assert.equal(printed(await logRows(page)).at(-1)?.[2], 'edited');
  await page.click('button.reset-cell');
  await page.waitForSelector('.runs-what[data-runs="rust"]');
  assert.equal(await editor.inputValue(), cell);
  await close();
});

test('the editor\'s keys: a new line indents after a colon, Shift+Tab dedents, and undo takes an edit back', async () => {
  const { page, close } = await playground.open('/?s=python');
  const area = page.locator('textarea.editor-input');
  await area.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('for i in range(2):');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print(i)');
  assert.equal(await area.inputValue(), 'for i in range(2):\n    print(i)');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('print("end")');
  assert.equal(await area.inputValue(), 'for i in range(2):\n    print(i)\nprint("end")');
  // The browser's own undo takes back typed text and the editor's edits
  // alike (how many presses a step takes is the browser's to group).
  const before = 'for i in range(2):\n    print(i)';
  for (let i = 0; i < 8 && (await area.inputValue()) !== before; i++) await page.keyboard.press('Control+Z');
  assert.equal(await area.inputValue(), before);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('[data-state="done"]');
  assert.deepEqual(
    await page.$$eval('li.log-entry', (els) => els.map((e) => e.textContent)),
    ['0', '1'],
  );
  await close();
});
