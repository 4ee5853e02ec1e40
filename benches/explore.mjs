// How long one control step takes on an explorable page: the ReLU lesson (7 charts, 3 diagrams,
// its tables and every placeholder) brought up to date for new parameters (every number, table
// and description; the charts and diagram labels on screen drawn, the others left to be drawn
// when they come on screen), in headless Chromium with the CPU throttled 4x (a mid-range phone),
// including the style and layout the browser does before the next frame. Prints the median and
// the spread of STEPS steps (default 200), and the median of each part: the script
// (`nnbook.set`) and the browser's style and layout after it; their means (steadier than the
// medians: `THROTTLE=1 STEPS=2000` compares two versions of the script); and what the throttle
// makes of 1 ms of plain arithmetic and of 1 ms of reading memory.
//
//   cargo run -q -- build --out /tmp/site
//   SITE_DIR=/tmp/site node benches/explore.mjs        # needs tests/browser/node_modules
//
// A step is what dragging a slider does: one parameter moves by one step of its control. Each
// parameter in turn is dragged ten steps up and back down (twenty steps), so every step changes
// the page, and the page ends each drag where it began. MOVES=scaled gives the moves of earlier
// versions of this script instead (every parameter in turn scaled by 0.9 to 1.08 from the
// author's values; a parameter at 0, and one step in ten, then change nothing).
//
// Environment: SITE_DIR (required), PAGE (default relu/index.html), STEPS, THROTTLE (default 4),
// MOVES (drag or scaled), PARAM (a parameter's name: only its slider dragged, and held), AT (the
// chart in view, default 2), HOLD (1, the default, 0 or key), WARMUP (steps taken unthrottled
// and not measured first, default 0), PACE (loop: the steps back to
// back, the default; frame: one step an animation frame, as a drag delivers them, each after the
// last frame's paint; control: as frame, each step the slider's own, its `input` event making the
// step in the next animation frame, which is what is timed: all the page does in that frame's
// callbacks, then style and layout; the other paces time `nnbook.set`, the same step since the
// fifteenth session, which before it left out setting the address), CHROMIUM (default
// /usr/bin/chromium).
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
const MOVES = process.env.MOVES || 'drag';
const AT = Number(process.env.AT || 2);
const WARMUP = Number(process.env.WARMUP || 0);
const PACE = process.env.PACE || 'loop';
const HOLD = process.env.HOLD !== '0';
const KEY = process.env.HOLD === 'key';
const PARAM = process.env.PARAM || null;
if (PACE === 'control' && MOVES !== 'drag') {
  console.error('explore bench: PACE=control moves a slider, which MOVES=scaled does not: use MOVES=drag');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(pathToFileURL(path.join(SITE_DIR, PAGE)).href);
// The reader watches a figure while dragging: the page is scrolled to the shown chart AT (from
// 0; the default 2 is the third), and its script has settled (it lets the browser skip blocks
// out of view once the page has been laid out whole: two frames).
await page.evaluate(async (k) => {
  const shown = [...document.querySelectorAll('svg.nn-chart')].filter((s) => s.getBoundingClientRect().width > 0);
  shown[Math.min(k, shown.length - 1)].scrollIntoView({ block: 'center' });
  await document.fonts.ready;
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
}, AT);
// The parameters as a slider leaves them after step i, defined once in the page for the
// warm-up and the measured steps.
await page.evaluate(([moves, param]) => {
  const params = window.nnbook.params();
  const names = Object.keys(params);
  const controls = JSON.parse(document.querySelector('script[id^="nn-model"]').textContent).controls;
  // (The control dragged at step i: each in turn, twenty steps; or PARAM's alone.)
  const dragged = (i) => (param && controls.find((c) => c[0] === param)) || controls[Math.floor(i / 20) % controls.length];
  window.nnbenchMove = (i) => {
    if (moves === 'scaled') {
      const name = names[i % names.length];
      return { ...params, [name]: params[name] * (1 + 0.02 * ((i % 10) - 5)) };
    }
    const [name, from, to, step] = dragged(i);
    const k = i % 20 < 10 ? (i % 20) + 1 : 19 - (i % 20);
    // Up from the author's value where there is room for ten steps, else down.
    const dir = params[name] + 10 * step <= to + 1e-9 ? 1 : -1;
    return { ...params, [name]: Math.min(to, Math.max(from, params[name] + dir * k * step)) };
  };
  window.nnbenchAuthor = params;
  // (The slider of the parameter dragged at step i.)
  window.nnbenchSlider = (i) => moves === 'scaled' ? null : document.getElementById(`nn-control-${dragged(i)[0]}`);
  // (The slider held: the first one dragged, or with MOVES=scaled the first of the drawer.)
  window.nnbenchHeld = () => window.nnbenchSlider(0) || document.querySelector('.nn-controls input[type=range]');
}, [MOVES, PARAM]);
// The reader holds a slider, as a drag does (HOLD=0: not, and the drawer closed, as this script
// measured before the eleventh session): the drawer is opened, the chart in view centred above
// it, and the mouse pressed on the first slider (which moves it) and kept down (HOLD=key: the
// first slider focused and an arrow key held down, auto-repeating).
if (HOLD) {
  const at = await page.evaluate(async (k) => {
    const frames = async (n) => { for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r)); };
    document.querySelector('.nn-controls-toggle').click();
    await frames(2);
    const top = document.querySelector('.nn-controls').getBoundingClientRect().top;
    const shown = [...document.querySelectorAll('svg.nn-chart')].filter((s) => s.getBoundingClientRect().width > 0);
    const c = shown[Math.min(k, shown.length - 1)].getBoundingClientRect();
    scrollBy(0, (c.top + c.bottom) / 2 - top / 2);
    await frames(3);
    const b = window.nnbenchHeld().getBoundingClientRect();
    return [b.left + b.width / 2, b.top + b.height / 2];
  }, AT);
  if (KEY) {
    // (An arrow key held down: its second keydown is the keyboard's auto-repeat.)
    await page.evaluate(() => window.nnbenchHeld().focus());
    for (let i = 0; i < 2; i++) await page.keyboard.down('ArrowRight');
  } else {
    await page.mouse.move(at[0], at[1]);
    await page.mouse.down();
  }
}
// WARMUP steps first, unthrottled and not measured (the same moves), then back to the author's
// values: the measured steps then run the script as optimised as a long drag would.
await page.evaluate((n) => {
  for (let i = 0; i < n; i++) {
    window.nnbook.set(window.nnbenchMove(i));
    void document.body.offsetHeight;
  }
  if (n) window.nnbook.set(window.nnbenchAuthor);
}, WARMUP);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
const times = await page.evaluate(async ([steps, pace, hold]) => {
  const at = window.nnbenchMove;
  const total = [], script = [], layout = [];
  for (let i = 0; i < steps; i++) {
    const moved = at(i);
    if (pace !== 'loop') await new Promise((r) => requestAnimationFrame(r));
    // Held, the browser moves the slider and tells the page (its `input` event), as in a drag,
    // before the step: the step then finds the slider where it is.
    const slider = (hold || pace === 'control') && window.nnbenchSlider(i);
    // (Animation frame callbacks run in the order they were asked for: with PACE=control, the
    // first here, then the page's step, which the slider's `input` event asks for, then the last
    // here, after which the step is timed to its end.)
    let t0;
    if (pace === 'control') requestAnimationFrame(() => { t0 = performance.now(); });
    if (slider) {
      slider.value = moved[slider.id.slice('nn-control-'.length)];
      slider.dispatchEvent(new Event('input'));
    }
    if (pace === 'control') {
      await new Promise((r) => requestAnimationFrame(r));
    } else {
      t0 = performance.now();
      window.nnbook.set(moved);
    }
    const t1 = performance.now();
    void document.body.offsetHeight; // style and layout, as before the next frame
    const t2 = performance.now();
    total.push(t2 - t0); script.push(t1 - t0); layout.push(t2 - t1);
  }
  return { total, script, layout };
}, [STEPS, PACE, HOLD]);
// The throttle itself: a plain loop sized to take 1 ms unthrottled, timed at THROTTLE (Chromium
// throttles by making the page's thread wait THROTTLE - 1 times the wall time it ran, so time the
// host takes away counts too: docs/performance.md, eighth session); and a walk of 1 ms through
// memory (dependent reads over 256 KiB and over 2 MiB, as a page's DOM and layout read theirs),
// which shows what the throttle makes of work that needs the caches kept warm (ninth session).
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
const calibrated = await page.evaluate(() => {
  const spin = (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i); return x; };
  const memory = (kib) => {
    const a = new Int32Array(kib * 256), mask = a.length - 1;
    for (let i = 0; i < a.length; i++) a[i] = Math.imul(i, 0x9e3779b1) & mask;
    return (n) => { let j = 0; for (let i = 0; i < n; i++) j = a[(j + i) & mask]; return j; };
  };
  const median = (f) => { const t = []; for (let k = 0; k < 51; k++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); } return t.sort((a, b) => a - b)[25]; };
  const sized = (f) => {
    let n = 1e5;
    for (let k = 0; k < 4; k++) n = Math.round(n / Math.max(0.1, median(() => f(n))));
    return () => median(() => f(n));
  };
  const loads = { loop: sized(spin), kib256: sized(memory(256)), mib2: sized(memory(2048)) };
  window.nnThrottleLoads = loads;
  return Object.fromEntries(Object.entries(loads).map(([k, f]) => [k, f()]));
});
await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
const throttled = await page.evaluate(() => Object.fromEntries(Object.entries(window.nnThrottleLoads).map(([k, f]) => [k, f()])));
const sorted = (a) => [...a].sort((x, y) => x - y);
const q = (a, p) => sorted(a)[Math.min(a.length - 1, Math.floor(p * a.length))];
const t = sorted(times.total);
const gz = await page.evaluate(async () => (await fetch(document.querySelector('script[src$="explore.js"]').src)).text().then((t) => t.length)).catch(() => null);
console.log(`explore bench: ${PAGE}, ${STEPS} steps (${MOVES}${PARAM ? ` of ${PARAM}` : ''}, ${PACE === 'control' ? 'one a frame, by the slider' : PACE === 'frame' ? 'one a frame' : 'back to back'}${WARMUP ? `, after ${WARMUP} unmeasured` : ''}, ${KEY ? 'an arrow key held on a slider' : HOLD ? 'a slider held' : 'no slider held'}), CPU throttled ${THROTTLE}x`);
if (HOLD && !(await page.evaluate(() => document.querySelectorAll('.nn-figure > canvas').length))) {
  console.log('  (no chart is painted on a canvas while the slider is held: a site from before the fourteenth session?)');
}
console.log(`  one step (redraw + style + layout): median ${q(t, 0.5).toFixed(2)} ms, p90 ${q(t, 0.9).toFixed(2)} ms, min ${t[0].toFixed(2)} ms, max ${t[t.length - 1].toFixed(2)} ms`);
console.log(`  of which: script median ${q(times.script, 0.5).toFixed(2)} ms, style + layout median ${q(times.layout, 0.5).toFixed(2)} ms`);
// (The page's clock ticks in 0.1 ms: means over many steps resolve finer than the medians do.)
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(`  means: step ${mean(times.total).toFixed(3)} ms, script ${mean(times.script).toFixed(3)} ms, style + layout ${mean(times.layout).toFixed(3)} ms`);
const took = (k) => `${calibrated[k].toFixed(2)} ms unthrottled takes ${throttled[k].toFixed(2)} ms`;
console.log(`  the throttle: a loop of ${took('loop')} here; a walk through 256 KiB of ${took('kib256')}, through 2 MiB of ${took('mib2')}`);
if (gz !== null) console.log(`  explore.js: ${gz} bytes`);
await browser.close();
