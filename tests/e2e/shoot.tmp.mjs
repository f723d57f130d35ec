import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const server = await serve(new URL('../../dist', import.meta.url).pathname);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
for (const [name, path, wait, w, h] of JSON.parse(process.argv[2])) {
  const p = await b.newPage({ viewport: { width: w ?? 1280, height: h ?? 800 } });
  const errs = []; p.on('console', m => { if (m.type()==='error') errs.push(m.text()) }); p.on('pageerror', e => errs.push(e.message));
  await p.goto(server.origin + path);
  if (wait) await p.waitForSelector('[data-state="done"]', { timeout: 20000 });
  await p.screenshot({ path: `/tmp/shot-${name}.png` });
  const scroll = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]);
  console.log(name, scroll, errs);
  await p.close();
}
await b.close(); await server.close();
