// `nnbook serve`'s error overlay and live reload in headless Chromium. Started by run.sh after
// index.mjs:
//
//   NNBOOK=<command running nnbook> [CHROMIUM=<path>] [SCREENSHOT_DIR=<dir>] node serve.mjs
//
// It makes a project with `nnbook init` in a folder of its own, breaks two placeholders (one on a
// line far wider than a phone), and serves it with `nnbook serve --port 0`. At 320, 390 and
// 1280 px, light and dark:
//   overlay      the failed build's errors show over the page (role="alert"), on an opaque
//                background, so that no page shows through it
//   carets       each error's `^^^` is on the line under its source line, starts at the x of the
//                column the error names, and is in view: right of the gutter (`38 | `, which stays
//                when the source line scrolls sideways) and left of the frame's edge
//   wraps        every other line (the message, `= expected:`, `= hint:`) wraps inside the overlay,
//                which never scrolls sideways
//   axe          the overlay has no axe-core violation (WCAG 2 A and AA)
//   reload       saving a fix reloads the page, which shows the lesson without the overlay; breaking
//                it again brings the overlay back without a reload
//   rtl          over a page written right to left (the project made Arabic), the overlay is
//                nnbook's English, left to right (`lang="en"`, `dir="ltr"`), its carets in place
// A screenshot of the overlay at 390 px goes to SCREENSHOT_DIR/serve-overlay.png when it is set.
// The closing line is "serve: N passed, M failed".

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { axeViolations, tally } from './units.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!process.env.NNBOOK) {
  console.error('serve.mjs: set NNBOOK (run tests/browser/run.sh instead)');
  process.exit(2);
}
const NNBOOK = process.env.NNBOOK.split(' ');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR || '';
const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light' },
  { name: 'narrow-dark', width: 320, height: 640, scheme: 'dark' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light' },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark' },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
];
// Two mistakes the starter lesson does not make: an unknown placeholder in the prose, after
// Chinese text (two columns a character in the terminal's carets, not two in a browser's font)
// and a formula's `^`, whose name is wider than a phone in the message, and a node's name as a placeholder at the end of a caption far wider than
// a phone.
const BREAKS = [
  ['The first hidden node computes w1·x + b1, here with w1 = {{ w1 }}', '第一个隐藏节点计算 $w_1^{2} x$ + b1，其中 w1 = {{ w1_of_the_first_hidden_node_of_the_network }}'],
  ['at x = 0.5)."', 'at x = 0.5), and here the first node is at {{ a }} for the reader to see."'],
];
// Where each shows: the placeholder's text and its line in the broken lesson (found there, so
// that a starter with a line more or less keeps the test true).
const PLACES = ['{{ w1_of_the_first_hidden_node_of_the_network }}', '{{ a }}'].map((text) => ({ text, line: 0 }));

const { unit, fail, report } = tally();

/** Start `nnbook serve` on `root`; resolves to { child, url } once it says where it serves. */
function serve(root) {
  const child = spawn(NNBOOK[0], [...NNBOOK.slice(1), 'serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`nnbook serve said no address in 60 s:\n${out}`)), 60000);
    const read = (chunk) => {
      out += chunk;
      const m = /serving (http:\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`nnbook serve exited (${code}):\n${out}`)));
  });
}

/** What the overlay shows, measured in the page. Each caret is found by its text alone (a run of
 *  `^` ending a line after the placeholder it marks), whatever the elements that hold it. */
function measure(placeholders) {
  const box = document.getElementById('nnbook-error');
  const texts = [];
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
  const all = texts.map((n) => n.textContent).join('');
  // The character at `i` of `all`: its box, and whether it is seen there (the topmost element at
  // its centre holds it).
  const char = (i) => {
    let k = 0;
    while (i >= texts[k].textContent.length) i -= texts[k++].textContent.length;
    const range = document.createRange();
    range.setStart(texts[k], i);
    range.setEnd(texts[k], i + 1);
    let r = range.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight) {
      // (Below the fold, at 320 px: scrolled up into view, as a reader would.)
      box.scrollTop += r.top - innerHeight / 2;
      r = range.getBoundingClientRect();
    }
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const seen = !!top && top.contains(texts[k]) && r.left >= 0 && r.right <= innerWidth;
    return { left: r.left, top: r.top, bottom: r.bottom, seen };
  };
  const carets = placeholders.map((p) => {
    const at = all.indexOf(p.text);
    const gutter = all.lastIndexOf(`${p.line} |`, at);
    // (The first run of carets that ends its line: a source line's `^` is no caret.)
    const run = /\^+\n/g;
    run.lastIndex = Math.max(at, 0);
    const caret = run.exec(all)?.index ?? -1;
    if (at < 0 || gutter < 0 || caret < 0) return { text: p.text, found: false };
    // (The caret first: it scrolls into view with the line above it.)
    const under = char(caret);
    return { text: p.text, found: true, caret: under, column: char(at), number: char(gutter) };
  });
  const rows = [...box.querySelectorAll('*')].filter((e) => getComputedStyle(e).whiteSpace === 'pre-wrap');
  return {
    role: box.getAttribute('role'),
    background: getComputedStyle(box).backgroundColor,
    covers: (() => {
      const r = box.getBoundingClientRect();
      return r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight;
    })(),
    sideways: box.scrollWidth - box.clientWidth,
    wide: rows.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.textContent),
    text: all,
    carets,
  };
}

async function checkOverlay(page, name) {
  await page.waitForSelector('#nnbook-error', { timeout: 20000 });
  const o = await page.evaluate(measure, PLACES);
  if (o.role !== 'alert') fail(name, 'overlay', `role is ${o.role}`);
  if (!/^rgb\(/.test(o.background)) fail(name, 'overlay', `its background ${o.background} lets the page show through`);
  if (!o.covers) fail(name, 'overlay', 'does not cover the window');
  if (!o.text.includes('unknown placeholder `w1_of_the_first_hidden_node_of_the_network`') || !o.text.includes('unknown placeholder `a`')) {
    fail(name, 'overlay', `the errors are not shown: ${o.text.slice(0, 300)}`);
  }
  for (const c of o.carets) {
    const where = `under \`${c.text}\``;
    if (!c.found) {
      fail(name, 'carets', `${where}: no numbered source line with a caret after it`);
      continue;
    }
    if (Math.abs(c.caret.left - c.column.left) > 0.5) fail(name, 'carets', `${where}: starts at x ${c.caret.left}, its column at ${c.column.left}`);
    const height = c.column.bottom - c.column.top;
    if (!(c.caret.top >= c.column.bottom - 0.5 && c.caret.top < c.column.bottom + height)) {
      fail(name, 'carets', `${where}: not on the line under its source (its top ${c.caret.top}, the source's bottom ${c.column.bottom})`);
    }
    if (!c.caret.seen) fail(name, 'carets', `${where}: the caret is out of view or covered`);
    if (!c.number.seen) fail(name, 'carets', `${where}: the line number is out of view or covered`);
  }
  if (o.sideways > 0) fail(name, 'wraps', `the overlay scrolls sideways by ${o.sideways} px`);
  for (const line of o.wide) fail(name, 'wraps', `does not wrap: ${line}`);
  for (const v of await axeViolations(page)) fail(name, 'axe', v);
}

async function main() {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-serve-'));
  const root = path.join(tmp, 'project');
  const init = spawn(NNBOOK[0], [...NNBOOK.slice(1), 'init', root], { stdio: 'ignore', cwd: path.join(here, '../..') });
  await new Promise((resolve) => init.on('exit', resolve));
  const lesson = path.join(root, 'content/getting-started.md');
  const good = fs.readFileSync(lesson, 'utf8');
  let bad = good;
  for (const [from, to] of BREAKS) {
    if (!bad.includes(from)) throw new Error(`the starter lesson no longer has ${JSON.stringify(from)}`);
    bad = bad.replace(from, to);
  }
  fs.writeFileSync(lesson, bad);
  for (const place of PLACES) place.line = bad.split('\n').findIndex((l) => l.includes(place.text)) + 1;
  const { child, url } = await serve(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const mode of MODES) {
      const name = `serve overlay @ ${mode.name} (${mode.width} px)`;
      unit(name);
      const context = await browser.newContext({ viewport: { width: mode.width, height: mode.height }, colorScheme: mode.scheme });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await checkOverlay(page, name);
      if (SHOTS && mode.name === 'phone-light') await page.screenshot({ path: path.join(SHOTS, 'serve-overlay.png') });
      await context.close();
    }
    // Live reload: a fix reloads the page; a new mistake shows the overlay in the page as it is.
    const name = 'serve reload @ phone-light (390 px)';
    unit(name);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#nnbook-error', { timeout: 20000 });
    const reloaded = page.waitForEvent('load', { timeout: 30000 });
    fs.writeFileSync(lesson, good);
    await reloaded.catch(() => fail(name, 'reload', 'saving the fix did not reload the page'));
    const after = await page.evaluate(() => ({ overlay: !!document.getElementById('nnbook-error'), text: document.body.innerText }));
    if (after.overlay) fail(name, 'reload', 'the overlay is still shown after the fix');
    if (!after.text.includes('Getting started')) fail(name, 'reload', 'the index does not list the lesson after the fix');
    await page.evaluate(() => { window.nnbookKept = true; });
    fs.writeFileSync(lesson, bad);
  for (const place of PLACES) place.line = bad.split('\n').findIndex((l) => l.includes(place.text)) + 1;
    await checkOverlay(page, name);
    if (!(await page.evaluate(() => window.nnbookKept === true))) fail(name, 'reload', 'a failed build reloaded the page');
    await context.close();
    // On a page written right to left (the project made Arabic, and fixed), the overlay is as
    // on any other: nnbook's English, left to right, its carets under their columns.
    const rtl = 'serve overlay over a page written right to left @ phone-light (390 px)';
    unit(rtl);
    const arabic = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const shown = await arabic.newPage();
    await shown.goto(url, { waitUntil: 'load' });
    await shown.waitForSelector('#nnbook-error', { timeout: 20000 });
    const fixed = shown.waitForEvent('load', { timeout: 30000 });
    const config = path.join(root, 'nnbook.toml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('language = "en"', 'language = "ar"'));
    fs.writeFileSync(lesson, good);
    await fixed.catch(() => fail(rtl, 'reload', 'saving the fix did not reload the page'));
    const dir = await shown.evaluate(() => document.documentElement.dir);
    if (dir !== 'rtl') fail(rtl, 'page', `the Arabic page's dir is "${dir}"`);
    fs.writeFileSync(lesson, bad);
    await checkOverlay(shown, rtl);
    const written = await shown.evaluate(() => { const b = document.getElementById('nnbook-error'); return [getComputedStyle(b).direction, b.lang]; });
    if (written.join() !== 'ltr,en') fail(rtl, 'overlay', `written ${written[0]}, lang "${written[1]}"`);
    await arabic.close();
  } finally {
    await browser.close();
    child.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  report('serve', t0, 'the error overlay (carets under their columns, lines that wrap, axe) and live reload');
}

main().catch((e) => {
  console.error(`serve.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
