// How long one control step takes on an explorable page: the ReLU lesson (7 charts, 3 diagrams,
// its tables and every placeholder) redrawn for new parameters, in headless Chromium with the
// CPU throttled 4x (a mid-range phone), including the style and layout the browser does before
// the next frame. Prints the median and the spread of STEPS steps (default 200).
//
//   cargo run -q -- build --out /tmp/site
//   SITE_DIR=/tmp/site node benches/explore.mjs        # needs tests/browser/node_modules
//
// Environment: SITE_DIR (required), PAGE (default relu/index.html), STEPS, THROTTLE (default 4),
// CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const SITE_DIR = process.env.SITE_DIR;
const PAGE = process.env.PAGE || 'relu/index.html';
const STEPS = Number(process.env.STEPS || 200);
const THROTTLE = Number(process.env.THROTTLE || 4);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(pathToFileURL(path.join(SITE_DIR, PAGE)).href);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
const times = await page.evaluate((steps) => {
  const params = window.nnbook.params();
  const names = Object.keys(params);
  const out = [];
  for (let i = 0; i < steps; i++) {
    // One slider step at a time, each parameter in turn, back and forth.
    const name = names[i % names.length];
    const moved = { ...params, [name]: params[name] * (1 + 0.02 * ((i % 10) - 5)) };
    const t0 = performance.now();
    window.nnbook.set(moved);
    void document.body.offsetHeight; // style and layout, as before the next frame
    out.push(performance.now() - t0);
  }
  return out;
}, STEPS);
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
const gz = await page.evaluate(async () => (await fetch(document.querySelector('script[src$="explore.js"]').src)).text().then((t) => t.length)).catch(() => null);
console.log(`explore bench: ${PAGE}, ${STEPS} steps, CPU throttled ${THROTTLE}x`);
console.log(`  one step (redraw + style + layout): median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, min ${times[0].toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
if (gz !== null) console.log(`  explore.js: ${gz} bytes`);
await browser.close();
