// The index pages (issue 15, item 11), measured in headless Chromium. Started by run.sh after
// reader.mjs, on the same served site:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node index.mjs
//
// Every language's index (index.html, <lang>/index.html) at 320, 390 and 1280 px, light and dark:
//   layout     nothing wider than the window (no sideways scrolling)
//   intro      one h1 saying what the site teaches, and a "start here" link to a lesson that loads
//   series     every series has a heading and its cards; every card a title link and a summary
//   previews   every preview image loaded, shown whole in the window's width, at least 120 px
//              wide on a phone (240 on a desktop), 16:9, and a click on it opens its lesson
//   colours    the preview follows the reader's scheme: its pixels are light in light mode and
//              dark in dark mode (measured on a screenshot)
// Screenshots go to SCREENSHOT_DIR: index-phone.png (390 px), index-dark.png (1280 px, dark) and
// index-zh.png (the Chinese index, 1280 px); check.mjs takes index.png (1280 px, light).
// The closing line is "index: N passed, M failed".

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

import { decode, siteFromEnv, tally } from './units.mjs';

const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('index.mjs');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';

const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light', shots: { 'index.html': 'index-phone.png' } },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark' },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light', shots: { 'zh-CN/index.html': 'index-zh.png' } },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark', shots: { 'index.html': 'index-dark.png' } },
];

// A site nnbook built (it always ships the math font) has nnbook's index; a hand-written site
// (selftest.sh's fixtures) is checked only on the pages marked as an index (body.page-index).
const BUILT_BY_NNBOOK = fs.existsSync(path.join(SITE_DIR, 'math-core.woff2'));

const { units, unit, fail, report } = tally();

/** The index pages: the root's and each language folder's. */
function indexPages() {
  const out = fs.existsSync(path.join(SITE_DIR, 'index.html')) ? ['index.html'] : [];
  for (const e of fs.readdirSync(SITE_DIR, { withFileTypes: true })) {
    if (e.isDirectory() && fs.existsSync(path.join(SITE_DIR, e.name, 'index.html')) && fs.existsSync(path.join(SITE_DIR, e.name, '404.html'))) {
      out.push(`${e.name}/index.html`);
    }
  }
  return out.sort();
}

/** What the page shows, measured in it. */
function facts() {
  const box = (el) => el.getBoundingClientRect();
  const doc = document.documentElement;
  const series = [...document.querySelectorAll('section.series')].map((s) => ({
    heading: (s.querySelector('h2')?.textContent || '').trim(),
    cards: s.querySelectorAll('.lesson-card').length,
  }));
  const cards = [...document.querySelectorAll('.lesson-card')].map((c) => {
    const link = c.querySelector('a.card-link');
    const img = c.querySelector('img.preview');
    const r = img && box(img);
    // What a click in the middle of the preview reaches.
    let hit = null;
    if (r && r.width > 0) {
      img.scrollIntoView({ block: 'center' });
      const q = box(img);
      const under = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
      hit = under && (under.closest('a')?.href || null);
    }
    return {
      title: (link?.textContent || '').trim(),
      href: link?.href || null,
      summary: (c.querySelector('.summary')?.textContent || '').trim(),
      img: img && {
        src: img.currentSrc || img.src,
        loaded: img.complete && img.naturalWidth > 0,
        width: r.width,
        height: r.height,
        left: r.left,
        right: r.right,
        visible: getComputedStyle(img).visibility !== 'hidden' && getComputedStyle(img).display !== 'none',
        hit,
      },
    };
  });
  window.scrollTo(0, 0);
  return {
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    start: document.querySelector('a.start-link')?.href || null,
    series,
    cards,
  };
}

/** The mean luminance (0..255) of an element's pixels on a screenshot, decoded in a scratch page. */
async function luminance(scratch, png) {
  const { data } = await decode(scratch, png);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
  return sum / (data.length / 4);
}

async function checkIndex(context, scratch, rel, mode) {
  const name = `${rel} @ ${mode.name}`;
  unit(name);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(name, 'script error', e.message));
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load' });
  if (!(await page.evaluate(() => document.body.classList.contains('page-index')))) {
    if (BUILT_BY_NNBOOK) fail(name, 'series', 'the page is not marked as the index (body.page-index)');
    else units.delete(name);
    await page.close();
    return;
  }
  // Previews load lazily: bring each into view once so that every one is fetched.
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll('img.preview')) {
      img.loading = 'eager';
      img.scrollIntoView();
      await img.decode().catch(() => {});
    }
    window.scrollTo(0, 0);
  });
  const f = await page.evaluate(facts);
  for (const u of failed) fail(name, 'layout', `request failed: ${u}`);
  if (f.scrollWidth > f.clientWidth + 1) fail(name, 'layout', `the page is ${f.scrollWidth} px wide in a ${f.clientWidth} px window`);
  if (f.h1.length !== 1 || !f.h1[0]) fail(name, 'intro', `one h1 saying what the site teaches, not ${JSON.stringify(f.h1)}`);
  if (!f.start) fail(name, 'intro', 'no "start here" link');
  else {
    const r = await page.request.get(f.start);
    if (r.status() !== 200) fail(name, 'intro', `the start link ${f.start} answers ${r.status()}`);
  }
  if (!f.cards.length) fail(name, 'series', 'no lesson cards');
  for (const s of f.series) {
    if (!s.heading) fail(name, 'series', 'a series without a heading');
    if (!s.cards) fail(name, 'series', `series "${s.heading}" has no cards`);
  }
  const min = mode.width <= 390 ? 120 : 240;
  for (const c of f.cards) {
    if (!c.title || !c.href) fail(name, 'series', `a card without a title link: ${JSON.stringify(c)}`);
    if (!c.summary) fail(name, 'series', `"${c.title}" has no summary`);
    if (!c.img) continue;
    const i = c.img;
    if (!i.loaded) fail(name, 'previews', `the preview of "${c.title}" did not load (${i.src})`);
    if (!i.visible) fail(name, 'previews', `the preview of "${c.title}" is hidden`);
    if (i.width < min) fail(name, 'previews', `the preview of "${c.title}" is ${i.width.toFixed(0)} px wide (at least ${min})`);
    if (i.left < -0.5 || i.right > f.clientWidth + 0.5) fail(name, 'previews', `the preview of "${c.title}" is cut by the window (${i.left.toFixed(0)}..${i.right.toFixed(0)})`);
    if (Math.abs(i.width / i.height - 16 / 9) > 0.02) fail(name, 'previews', `the preview of "${c.title}" is ${i.width.toFixed(0)} x ${i.height.toFixed(0)}, not 16:9`);
    if (i.hit !== c.href) fail(name, 'previews', `a click on the preview of "${c.title}" opens ${i.hit}, not ${c.href}`);
  }
  // The previews follow the reader's colour scheme (the SVG's own media query).
  const first = page.locator('img.preview').first();
  if (await first.count()) {
    const lum = await luminance(scratch, await first.screenshot({ animations: 'disabled' }));
    if (mode.scheme === 'dark' ? lum > 90 : lum < 170) fail(name, 'colours', `the preview's mean luminance is ${lum.toFixed(0)} in ${mode.scheme} mode`);
  }
  const shot = mode.shots && mode.shots[rel];
  if (SCREENSHOT_DIR && shot) {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, shot), fullPage: true, animations: 'disabled', caret: 'hide' });
  }
  await page.close();
}

async function main() {
  const t0 = Date.now();
  const pages = indexPages();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const scratch = await (await browser.newContext()).newPage();
  for (const mode of MODES) {
    const context = await browser.newContext({ viewport: { width: mode.width, height: mode.height }, deviceScaleFactor: 1, colorScheme: mode.scheme, reducedMotion: 'reduce' });
    for (const rel of pages) await checkIndex(context, scratch, rel, mode);
    await context.close();
  }
  await browser.close();
  report('index', t0, `${pages.length} index pages at 320, 390 and 1280 px, light and dark: no sideways scrolling, the intro and start link, series and cards, previews loaded, readable and linked, in the reader's colours`);
}

main().catch((e) => {
  console.error(`index.mjs crashed: ${e.stack || e}`);
  process.exit(2);
});
