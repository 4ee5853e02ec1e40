// The network diagrams as a reader sees them (issue 15, items 2 and 4), measured in headless
// Chromium. Started by run.sh after reader.mjs, on the same served site:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ [NNBOOK=<command running nnbook>] node diagram.mjs
//
// The ReLU lesson, English and Chinese, and (when NNBOOK is given) a lesson of a 1-3-2-1 network
// nnbook builds here, whose diagram is too wide for a phone, at 320, 390 and 1280 px (light, and
// dark at 390 and 1280), every `svg.nn-diagram`:
//   text size    every text is drawn at 11 CSS px or more: its computed font size times the scale
//                the page draws the SVG at (its screen CTM)
//   contrast     every text is opaque (no opacity on it or a parent) and its fill has 4.5:1 or
//                more against the diagram's background, dimmed and highlighted text too
//   halo         every text is outlined, under its fill, in the diagram's background colour (at
//                least 3 px), so that an edge crossing a node's name or bias does not strike it
//                through (a wide layer's edges cross the labels of the nodes between)
//   one name     the input is named once, by its label ("Dosage", "剂量"), and no text is "x"
//   cropped      no more than 16 px (in the drawing's units) between what is drawn and each
//                edge of the viewBox, and nothing outside it
//   colours      a highlighted path's edges and ring are stroked in the colour its figure draws
//                the path in (the top path as step 2's line, the bottom path as step 4's), in
//                either scheme
//   scrolls      a diagram that keeps its text at 11 px only wider than its column (the 1-3-2-1
//                one at 320 and 390 px) scrolls sideways in a region with a name that the
//                keyboard reaches, and its cut edge shows a cue (cues.mjs); one that fits (the
//                ReLU lesson's, and the wide one at 1280 px) does not scroll
//   axe          the wide diagram's page has no axe-core violation (WCAG 2 A and AA)
// A site without the ReLU lesson (selftest.sh's fixtures) has nothing to check.
// Screenshots of each diagram at 390 and 1280 px, light and dark, go to DIAGRAM_SHOTS when set.
// The closing line is "diagram: N passed, M failed".

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { scrollCues } from './cues.mjs';
import { axeViolations, siteFromEnv, tally } from './units.mjs';

const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('diagram.mjs');
const NNBOOK = process.env.NNBOOK ? process.env.NNBOOK.split(' ') : null;
const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.DIAGRAM_SHOTS || '';

const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light' },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark' },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
];
const PAGES = [
  { rel: 'relu/index.html', input: 'Dosage' },
  { rel: 'zh-CN/relu/index.html', input: '剂量' },
];
// A network of two hidden layers: its diagram is 507 px wide, and would draw its text at 8 px
// in a 320 px screen's column (a fixture the Rust tests use too).
const WIDE_LESSON = fs.readFileSync(path.join(here, '../fixtures/deep.md'), 'utf8');
// Each highlighted diagram of the lesson and the figure that draws its path (the same step's).
const PATH_FIGURES = { 'network-top': 'step-2', 'network-bottom': 'step-4' };
const MIN_TEXT_PX = 11;
const MIN_CONTRAST = 4.5;
// (Names are measured as DejaVu Sans draws them, the widest common sans-serif; a narrower font
// leaves a little more: "First hidden node" is 9 px narrower in Liberation Sans.)
const MAX_BAND = 16;

const { unit, fail, report } = tally();

/** What the page shows of its diagrams: runs in the page. */
function measure(pathFigures) {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const ch = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const opacity = (el, root) => {
    let o = 1;
    for (let e = el; e && e !== root.parentNode; e = e.parentNode) o *= +getComputedStyle(e).opacity;
    return o;
  };
  return [...document.querySelectorAll('svg.nn-diagram')].map((svg) => {
    const id = svg.closest('figure') ? svg.closest('figure').id.replace(/^figure-/, '') : '';
    // In a scrolling region the diagram's own background is left out: the region's shows.
    const region = svg.closest('.nn-scroll');
    const fill = getComputedStyle(svg.querySelector('rect.bg')).fill;
    const bg = rgb(fill === 'none' && region ? getComputedStyle(region).backgroundColor : fill);
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const m = t.getScreenCTM();
      const scale = Math.hypot(m.a, m.b);
      const fill = rgb(getComputedStyle(t).fill);
      return {
        text: t.textContent,
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        contrast: contrast(fill, bg),
        opacity: opacity(t, svg),
        halo: String(rgb(getComputedStyle(t).stroke)) === String(bg) && getComputedStyle(t).paintOrder.startsWith('stroke') && parseFloat(getComputedStyle(t).strokeWidth) >= 3,
      };
    });
    const vb = svg.viewBox.baseVal;
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const el of svg.querySelectorAll('circle, line, path, text, rect.label-bg')) {
      const b = el.getBBox();
      box[0] = Math.min(box[0], b.x);
      box[1] = Math.min(box[1], b.y);
      box[2] = Math.max(box[2], b.x + b.width);
      box[3] = Math.max(box[3], b.y + b.height);
    }
    const bands = { left: box[0] - vb.x, top: box[1] - vb.y, right: vb.x + vb.width - box[2], bottom: vb.y + vb.height - box[3] };
    let colours = null;
    const figure = pathFigures[id] && document.getElementById(`figure-${pathFigures[id]}`);
    if (pathFigures[id]) {
      const line = figure && figure.querySelector('svg.nn-chart polyline[stroke-width="3"]');
      colours = {
        figure: line ? getComputedStyle(line).stroke : null,
        edges: [...svg.querySelectorAll('line.edge.hl')].map((e) => getComputedStyle(e).stroke),
        rings: [...svg.querySelectorAll('.hl circle.node')].map((e) => getComputedStyle(e).stroke),
      };
    }
    const scrolls = region ? region.scrollWidth > region.clientWidth + 1 : false;
    const reach = region ? { tabIndex: region.tabIndex, role: region.getAttribute('role'), label: region.getAttribute('aria-label') } : null;
    return { id, texts, bands, colours, width: svg.getBoundingClientRect().width, scrolls, reach };
  });
}

async function check(page, name, { input, wide }, mode) {
  const diagrams = await page.evaluate(measure, PATH_FIGURES);
  if (diagrams.length === 0) fail(name, 'diagrams', 'no svg.nn-diagram on the page');
  for (const d of diagrams) {
    const where = `${d.id} (${d.width.toFixed(0)} px wide)`;
    for (const t of d.texts) {
      if (t.px < MIN_TEXT_PX) fail(name, 'text size', `${where}: "${t.text}" at ${t.px.toFixed(2)} px`);
      if (t.opacity < 1) fail(name, 'contrast', `${where}: "${t.text}" at opacity ${t.opacity}`);
      if (t.contrast < MIN_CONTRAST) fail(name, 'contrast', `${where}: "${t.text}" at ${t.contrast.toFixed(2)}:1`);
      if (!t.halo) fail(name, 'halo', `${where}: "${t.text}" has no outline in the background's colour under its fill`);
    }
    const named = d.texts.filter((t) => t.text === input).length;
    if (named !== 1) fail(name, 'one name', `${where}: the input's label "${input}" shown ${named} times`);
    if (d.texts.some((t) => t.text.trim() === 'x')) fail(name, 'one name', `${where}: the input is also named "x"`);
    for (const [side, gap] of Object.entries(d.bands)) {
      if (gap > MAX_BAND) fail(name, 'cropped', `${where}: ${gap.toFixed(1)} px empty at the ${side}`);
      if (gap < 0) fail(name, 'cropped', `${where}: the drawing overflows the ${side} by ${(-gap).toFixed(1)} px`);
    }
    const scrolls = Boolean(wide) && mode.width <= 390;
    if (d.scrolls !== scrolls) fail(name, 'scrolls', `${where}: ${scrolls ? 'does not scroll sideways' : 'scrolls sideways, though it fits'}`);
    if (d.reach && (d.reach.tabIndex !== 0 || d.reach.role !== 'region' || !d.reach.label)) {
      fail(name, 'scrolls', `${where}: its scrolling box is not a named region the keyboard reaches: ${JSON.stringify(d.reach)}`);
    }
    if (d.colours) {
      const { figure, edges, rings } = d.colours;
      if (!figure) fail(name, 'colours', `${where}: its path's figure has no line`);
      if (edges.length === 0 || rings.length === 0) fail(name, 'colours', `${where}: nothing highlighted`);
      for (const c of [...edges, ...rings]) {
        if (c !== figure) fail(name, 'colours', `${where}: highlighted in ${c}, its figure draws the path in ${figure}`);
      }
    }
  }
}

/** The pages to check: the ReLU lesson's (when the site has it: the hand-written fixtures of
 * selftest.sh do not; .ci/run checks a site nnbook builds does), and the wide diagram's, built
 * here by NNBOOK into a folder of its own (`tmp`, removed at the end) and opened from disk. */
function pages(tmp) {
  const out = PAGES.filter(({ rel }) => fs.existsSync(path.join(SITE_DIR, rel)))
    .map(({ rel, input }) => ({ url: new URL(rel, BASE_URL).href, label: rel, input, shots: rel.startsWith('zh-CN') ? 'zh-CN-' : '' }));
  if (NNBOOK) {
    fs.mkdirSync(path.join(tmp, 'content'));
    fs.writeFileSync(path.join(tmp, 'nnbook.toml'), 'title = "Wide diagrams"\n');
    fs.writeFileSync(path.join(tmp, 'content', 'wide.md'), WIDE_LESSON);
    const site = path.join(tmp, 'site');
    execFileSync(NNBOOK[0], [...NNBOOK.slice(1), 'build', '--quiet', '--root', tmp, '--out', site], { stdio: ['ignore', 'pipe', 'pipe'], cwd: path.join(here, '../..') });
    out.push({ url: pathToFileURL(path.join(site, 'wide/index.html')).href, label: 'two hidden layers', input: 'Dosage (mg)', wide: true, shots: 'wide-' });
  }
  return out;
}

async function main() {
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const scratch = await (await browser.newContext()).newPage();
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-diagram-'));
  const list = pages(tmp);
  for (const mode of MODES) {
    const context = await browser.newContext({ viewport: { width: mode.width, height: mode.height }, colorScheme: mode.scheme });
    for (const p of list) {
      const name = `${p.label} @ ${mode.name} (${mode.width} px)`;
      unit(name);
      const page = await context.newPage();
      await page.goto(p.url, { waitUntil: 'load' });
      await check(page, name, p, mode);
      await scrollCues(page, scratch, (why) => fail(name, 'scroll cue', why), 'svg.nn-diagram');
      if (p.wide) for (const v of await axeViolations(page)) fail(name, 'axe', v);
      if (SHOTS && mode.width !== 320) {
        for (const id of await page.$$eval('figure:has(svg.nn-diagram)', (fs) => fs.map((f) => f.id))) {
          await page.locator(`#${id}`).screenshot({ path: path.join(SHOTS, `${p.shots}${id}-${mode.name}.png`) });
        }
      }
      await page.close();
    }
    await context.close();
  }
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });

  report('diagram', t0, `text at ${MIN_TEXT_PX} px or more, AA contrast, a halo, the input named once, cropped, highlights in their figures' colours, wide ones scroll`);
}

main().catch((e) => {
  console.error(`diagram.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
