// What every end-to-end test file shares: the release bundle served on
// loopback, one headless Chromium, and pages that fail the test on any console
// error or request to another origin.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = join(here, '..', '..', 'dist');
export const artifacts = join(here, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** How long any wait may take before the test calls it a hang. */
export const HANG_GUARD_MS = 180_000;

/**
 * The catalog as the build describes it (`make catalog-json`): every
 * scenario's id, whether it is a lecture cell, its parameters, kinds, tasks
 * and expected order, and the reference tables' ids. Tests take their lists
 * from here, so a new scenario is tested everywhere.
 */
export const catalog = (() => {
  const path = join(here, '..', '..', 'target', 'catalog.json');
  assert.ok(existsSync(path), `${path} is missing: run \`make catalog-json\` first`);
  return JSON.parse(readFileSync(path, 'utf8'));
})();
/** Every scenario id, in the registry's order. */
export const SCENARIO_IDS = catalog.scenarios.map((s) => s.id);

/** The bundle built for a course site's sub-path (`make bundle-course`). */
export const distCourse = join(here, '..', '..', 'dist-course');

/**
 * Headless Chromium as every run here starts it: without the background
 * networking that this machine's closed network refuses. `extra` adds flags.
 */
export function launchChromium(extra = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extra,
    ],
  });
}

/** Starts the server (of `root`, by default dist/) and the browser; call `stop()` when done. */
export async function start(root = dist, mounts = {}) {
  assert.ok(existsSync(join(root, 'index.html')), `${root} is missing: run \`make bundle bundle-course\` first`);
  mkdirSync(artifacts, { recursive: true });
  const server = await serve(root, undefined, mounts);
  // No silent skip: if Chromium cannot start, this throws and the suite fails.
  const browser = await launchChromium();

  /** A fresh page that records console errors, page errors and every request. */
  // `expected`: console errors a test provokes on purpose (a request it
  // makes fail), as regular expressions; any other error fails the test.
  async function open(path, { locale = 'en-US', viewport = { width: 1280, height: 800 }, ready = '[data-state]', expected = [] } = {}) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    // A guard against a hang, not a stopwatch: no test bounds how long a
    // loaded machine may take (speed is `make bench`'s business).
    page.setDefaultTimeout(HANG_GUARD_MS);
    const problems = [];
    const requests = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expected.some((re) => re.test(msg.text()))) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(server.origin + path);
    await page.waitForSelector(ready);
    return {
      page,
      problems,
      requests,
      async close() {
        const foreign = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:'));
        assert.deepEqual(foreign, [], 'requests to another origin');
        assert.deepEqual(problems, [], 'console errors');
        await context.close();
      },
    };
  }

  return {
    server,
    open,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** The log rows as the DOM contract exposes them. */
export function rows(page) {
  return page.$$eval('.log-entry', (els) => els.map((el) => ({
    seq: Number(el.dataset.seq),
    t: Number(el.dataset.t),
    task: el.dataset.task,
    kind: el.dataset.kind,
    text: el.textContent.trim(),
  })));
}

export const state = (page) => page.getAttribute('[data-state]', 'data-state');
