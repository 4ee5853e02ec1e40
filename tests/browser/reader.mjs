// What a reader sees (issue 15), measured in headless Chromium. Started by run.sh after
// check.mjs, on the same served site:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node reader.mjs
//
// Every .html page at 320, 390, 1100 and 1280 px, light and dark:
//   scroll cue   a table, display formula or diagram wider than its column scrolls, and the
//                edge that hides its text (more than 8 px of it) shows a cue: the pixels of a
//                strip along that edge differ from the page's background on nearly every row
//                (measured on a screenshot, cues.mjs); nothing is clipped without a way to scroll
//   parameters   the parameters table needs no sideways scrolling at 320 and 390 px
//   math font    every glyph of a formula is drawn with the bundled math font (the fonts
//                Chromium used, from the DevTools protocol), at the text's size; a table's
//                written-out arithmetic uses the table's own font
//   CJK lines    no block of Chinese or Japanese text has lines that hold one character each
//   copy button  no Copy button covers code text, at either end of the code's scroll
//   contents     at 1100 px and wider, the table of contents stays in view beside the text
//                while the page scrolls, and marks the section being read; without
//                JavaScript it still stays in view
//   labels       no table header is a raw signal name (`top.linear`); Chinese pages name
//                nodes in Chinese in diagrams and the parameters table
//   source       a lesson's source is a link right under its title (the ReLU lesson's on Dev.to)
//   anchors      a heading's `#` link is on the line of its last word, never alone on a line
//   first column a table wider than its column, scrolled to its end, still shows its first
//                column (each row's input or step) on every row
//   sliders      the author's text for the sliders (`.nn-explorable-only`) is shown on a page
//                with sliders, and on no other, nor without the script
//   figure text  every text of a shown chart renders at 11 CSS px or more (its font size times
//                the drawing's scale) and within the drawing (a long title is not cut off); at
//                1100 px and wider a chart fills its figure's width
// and the explorable lessons printed in the dark scheme with the script (their light colours, no
// Copy button, each boxed value's text where it stands without its box), and the 404 pages, one
// per language: opened from disk (with and without JavaScript) and served
// for missing addresses at an unknown depth under a sub-path, each is styled, in its language,
// and every link of it works. The closing line is "reader: N passed, M failed".

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

import { scrollCues } from './cues.mjs';
import { boxedValuesInPlace, filesUnder, frame, siteFromEnv, tally } from './units.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('reader.mjs');

const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light' },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark' },
  { name: 'wide-light', width: 1100, height: 800, scheme: 'light' },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
];
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const HAS_MATH_FONT = fs.existsSync(path.join(SITE_DIR, 'math-core.woff2'));

const { unit, fail, report } = tally();

// ---------------------------------------------------------------------------------------------
// Facts gathered in the page. (One function of some 90 lines: `page.evaluate` sends it to the
// page as its source, so all it uses is inside it.)

function facts() {
  const main = document.querySelector('main') || document.body;
  const out = { cjk: [], headers: [], zhNames: [], source: null, params: [], maths: [], chartText: [], chartWidths: [], chartCut: [] };
  // Each shown chart: its smallest text as rendered (font size times the drawing's scale), and
  // its width against the figure's.
  for (const svg of main.querySelectorAll('svg.nn-chart')) {
    if (!svg.getClientRects().length) continue;
    const id = svg.closest('figure').id;
    let smallest = Infinity, what = '';
    const frame = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      if (t.closest('.nn-readout')) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < smallest) { smallest = px; what = t.textContent.trim(); }
      // Drawn past the drawing's edge: the svg cuts it off.
      const r = t.getBoundingClientRect();
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        out.chartCut.push(`${id}: "${t.textContent.trim()}" runs ${Math.round(Math.max(frame.left - r.left, r.right - frame.right, frame.top - r.top, r.bottom - frame.bottom))} px past its drawing's edge`);
      }
    }
    out.chartText.push({ id, smallest, what });
    const fig = svg.closest('figure'), cs = getComputedStyle(fig);
    const inner = fig.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    out.chartWidths.push({ id, width: svg.getBoundingClientRect().width, inner });
  }
  // Lines of a block that hold a single character, a Han one.
  const blocks = main.querySelectorAll('th, td, p, li, h1, h2, h3, figcaption, dt, dd, .nav-title, .lead');
  for (const block of blocks) {
    if (!HAN_RE.test(block.textContent)) continue;
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('svg, math, script, style')) continue;
      const text = n.data;
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i])) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (!r || r.width === 0) continue;
        const key = Math.round(r.top / 3);
        const line = lines.get(key) || { count: 0, char: text[i] };
        line.count++;
        lines.set(key, line);
      }
    }
    const single = [...lines.values()].filter((l) => l.count === 1 && HAN_RE.test(l.char));
    if (single.length >= 2) {
      out.cjk.push(`${block.tagName.toLowerCase()} "${block.textContent.trim().slice(0, 30)}": ${single.length} lines of one character`);
    }
  }
  out.headers = [...main.querySelectorAll('th')].map((th) => th.textContent.trim());
  for (const t of main.querySelectorAll('svg.nn-diagram text.name')) out.zhNames.push(t.textContent.trim());
  for (const td of main.querySelectorAll('table.nn-parameters td:nth-child(2)')) out.zhNames.push(td.textContent.trim());
  const source = main.querySelector('.lesson-source');
  if (source) {
    const a = source.querySelector('a[href]');
    const h1 = source.previousElementSibling;
    out.source = { afterTitle: !!h1 && h1.tagName === 'H1', href: a ? a.getAttribute('href') : '', shown: source.getClientRects().length > 0 };
  }
  for (const t of main.querySelectorAll('table.nn-parameters')) {
    const wrap = t.parentElement;
    out.params.push({ scroll: wrap.scrollWidth, width: wrap.clientWidth });
  }
  // Each cell of the parameter listing whose value would fit in half its column on one line,
  // but is drawn on more (a live number on a line of its own, say).
  out.paramLines = [];
  for (const td of main.querySelectorAll('table.nn-parameters td')) {
    const rects = [];
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    const lines = new Set(rects.map((r) => Math.round(r.bottom))).size;
    const cs = getComputedStyle(td);
    const column = td.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const width = rects.reduce((w, r) => w + r.width, 0);
    if (lines > 1 && width < column / 2) out.paramLines.push(`${td.getAttribute('data-label')}: "${td.textContent.trim()}" on ${lines} lines`);
  }
  for (const m of main.querySelectorAll('math')) {
    const parent = m.parentElement;
    out.maths.push({
      text: (m.getAttribute('aria-label') || m.textContent).slice(0, 40),
      size: parseFloat(getComputedStyle(m).fontSize),
      parentSize: parseFloat(getComputedStyle(parent.closest('.math-display') ? parent.parentElement : parent).fontSize),
      inTable: !!m.closest('td'),
    });
  }
  return out;
}

/** Each heading's anchor (`#`) on the line of the heading's last word, not alone on a line. */
/** In the page: each table that scrolls sideways, scrolled to its end, whose first column is not
 * wholly in view on some row (the row's input or step, which names it). */
function firstColumns() {
  const out = [];
  for (const table of document.querySelectorAll('table.nn-table')) {
    const box = table.closest('.nn-table-wrap');
    if (!box || box.scrollWidth <= box.clientWidth + 1) continue;
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect().left + box.clientLeft;
    const row = [...table.rows].find((r) => r.cells[0].getBoundingClientRect().left < edge - 1.5);
    if (row) out.push(`"${row.cells[0].textContent.trim()}" of a table scrolled to its end is out of view`);
    box.scrollLeft = 0;
  }
  return out;
}

function anchorLines() {
  const out = [];
  for (const a of document.querySelectorAll(':is(h1, h2, h3, h4) > a.anchor')) {
    const words = document.createRange();
    words.setStart(a.parentElement, 0);
    words.setEndBefore(a);
    const rects = [...words.getClientRects()].filter((r) => r.width > 0);
    const last = rects[rects.length - 1], r = a.getBoundingClientRect();
    if (last && r.height > 0 && Math.abs(r.top + r.height / 2 - (last.top + last.height / 2)) > last.height / 2) {
      out.push(`the anchor of "${a.parentElement.textContent.trim().slice(0, 40)}" is alone on a line`);
    }
  }
  return out;
}

/** The author's text for the sliders (`.nn-explorable-only`): how much, how much of it shown. */
function explorableOnly() {
  const all = [...document.querySelectorAll('.nn-explorable-only')];
  return { all: all.length, shown: all.filter((e) => e.checkVisibility()).length, controls: !!document.querySelector('.nn-controls') };
}

/** No Copy button over code text, with the code scrolled to either end. */
async function copyButtons(page, name) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const button of document.querySelectorAll('button.copy')) {
      const block = button.parentElement;
      const pre = block.tagName === 'PRE' ? block : block.querySelector('pre');
      if (!pre) continue;
      for (const end of [0, pre.scrollWidth]) {
        pre.scrollLeft = end;
        const b = button.getBoundingClientRect();
        const p = pre.getBoundingClientRect();
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let hit = '';
        for (let n = walker.nextNode(); n && !hit; n = walker.nextNode()) {
          if (!n.data.trim() || n.parentElement.closest('button')) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) {
            const left = Math.max(r.left, p.left);
            const right = Math.min(r.right, p.right);
            if (right - left < 1) continue;
            if (Math.min(right, b.right) - Math.max(left, b.left) > 0.5 && Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 0.5) {
              hit = n.data.trim().slice(0, 30);
              break;
            }
          }
        }
        if (hit) out.push(`the Copy button covers "${hit}" (code scrolled to ${end ? 'the end' : 'the start'})`);
      }
      pre.scrollLeft = 0;
    }
    return out;
  });
  for (const p of problems) fail(name, 'copy button', p);
}

/** At 1100 px and wider: the contents stay in view beside the text and mark the section read. */
async function contents(page, name, withScript) {
  const result = await page.evaluate(async (withScript) => {
    const toc = document.querySelector('nav.toc');
    const body = document.querySelector('.lesson-body');
    if (!toc || !body) return null;
    const links = [...toc.querySelectorAll('a[href^="#"]')];
    const targets = links.map((a) => document.getElementById(a.getAttribute('href').slice(1)));
    const k = Math.floor(links.length * 0.6);
    scrollTo(0, targets[k].getBoundingClientRect().top + scrollY - 40);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))));
    const t = toc.getBoundingClientRect();
    const b = body.getBoundingClientRect();
    const current = toc.querySelector('a[aria-current]');
    return {
      inView: t.top >= -1 && t.bottom <= innerHeight + 1 && t.height > 0,
      beside: t.left >= b.right - 1 || t.right <= b.left + 1,
      toc: `${Math.round(t.left)}..${Math.round(t.right)} x ${Math.round(t.top)}..${Math.round(t.bottom)}`,
      text: `${Math.round(b.left)}..${Math.round(b.right)}`,
      expected: links[k].getAttribute('href'),
      current: current ? current.getAttribute('href') : null,
      withScript,
    };
  }, withScript);
  if (!result) return;
  if (!result.inView) fail(name, 'contents', `the table of contents is out of view after scrolling (${result.toc}, viewport height ${page.viewportSize().height})`);
  if (!result.beside) fail(name, 'contents', `the table of contents (${result.toc}) is not beside the text (${result.text})`);
  if (withScript && result.current !== result.expected) fail(name, 'contents', `scrolled to ${result.expected}, but the contents mark ${result.current}`);
  if (!withScript && result.current) fail(name, 'contents', 'without toc.js nothing should be marked');
}

/** The fonts Chromium drew math with (DevTools protocol), and the text's size. */
async function mathFonts(page, name) {
  // Chinese or Japanese words in a formula (`\text{步长}`): no math font has Han characters, so
  // the system's CJK font draws them; such a text may use it.
  await page.evaluate((han) => {
    for (const t of document.querySelectorAll('math mtext')) if (new RegExp(han).test(t.textContent)) t.setAttribute('data-nn-han', '');
  }, HAN.source);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const query = async (selector) => (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector })).nodeIds;
  const fonts = async (id) => (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id })).fonts;
  const arithmetic = new Set(await query('td math :is(mi, mn, mo, mtext)'));
  const han = new Set(await query('math mtext[data-nn-han]'));
  const plainCells = await query('table.nn-table td.num:first-child');
  const tableFonts = new Set();
  for (const id of plainCells.slice(0, 4)) for (const f of await fonts(id)) tableFonts.add(f.familyName);
  const bad = new Map();
  for (const id of (await query('math :is(mi, mn, mo, mtext):not([data-nn-han])')).slice(0, 400)) {
    for (const f of await fonts(id)) {
      if (arithmetic.has(id)) {
        if (tableFonts.size && !tableFonts.has(f.familyName)) bad.set(`arithmetic in ${f.familyName}`, `a table's arithmetic is drawn in ${f.familyName}, its other cells in ${[...tableFonts].join(', ')}`);
      } else if (han.has(id) && !f.isCustomFont) {
        // Han characters, in the system's CJK font.
      } else if (!f.isCustomFont || !/Math/.test(f.familyName)) {
        bad.set(`formula in ${f.familyName}`, `formula glyphs drawn in ${f.familyName}${f.isCustomFont ? '' : ' (a system font)'}, not the bundled math font`);
      }
    }
  }
  await cdp.detach();
  for (const message of bad.values()) fail(name, 'math font', message);
}

/**
 * The math font's files the page loaded, and its large operators. The font is cut into files by
 * Unicode range (src/font/subset-math.py): a page loads those its formulas need, the ReLU page
 * math-core.woff2 alone (its weight in tests/testsuite/site.rs counts that file only). Only the
 * core's MATH table is used, so a large operator kept elsewhere would stay text size.
 */
async function mathFiles(page, name, rel) {
  const f = await page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSFontFaceRule && /nnbook Math/.test(r.style.getPropertyValue('font-family')));
    const faces = [...document.fonts].filter((face) => /nnbook Math/.test(face.family));
    const file = (rule) => (rule.style.getPropertyValue('src').match(/url\("?([^")]*)"?\)/) || [])[1] || '';
    return {
      faces: faces.length === rules.length,
      loaded: faces.map((face, i) => [face.status, file(rules[i]).split('/').pop()]).filter(([status]) => status === 'loaded').map(([, f]) => f),
      formulas: [...document.querySelectorAll('math')].some((m) => !m.closest('td')),
      large: [...document.querySelectorAll('math[display="block"] mo')].filter((mo) => /^[∑∏∫]$/.test(mo.textContent.trim()))
        .map((mo) => [mo.textContent.trim(), mo.getBoundingClientRect().height / parseFloat(getComputedStyle(mo).fontSize)]),
    };
  });
  if (!f.faces) fail(name, 'math font files', 'the stylesheet\'s math font faces and document.fonts do not pair up');
  if (f.formulas && !f.loaded.includes('math-core.woff2')) fail(name, 'math font files', `a page with formulas loaded ${f.loaded.join(', ') || 'no math font file'}, not math-core.woff2`);
  if (/(^|\/)relu\/index\.html$/.test(rel) && f.loaded.join() !== 'math-core.woff2') fail(name, 'math font files', `the ReLU page loaded ${f.loaded.join(', ')}, not math-core.woff2 alone`);
  for (const [op, height] of f.large) if (height < 1.4) fail(name, 'math font files', `a display ${op} is ${height.toFixed(2)} em tall: the font's large variant is not used`);
  return f.large.length;
}

// ---------------------------------------------------------------------------------------------
// 404 pages: from disk, and served for missing addresses under a sub-path (one a mistyped
// lesson's folder, `reluu/`).

async function notFoundPages(browser) {
  const pages = filesUnder(SITE_DIR, ['.html']).filter((p) => p === '404.html' || p.endsWith('/404.html'));
  // The other languages: top-level folders whose index is in the language the folder names.
  const languages = filesUnder(SITE_DIR, ['.html']).filter((p) => /^[^/]+\/index\.html$/.test(p)).map((p) => p.split('/')[0])
    .filter((d) => fs.readFileSync(path.join(SITE_DIR, d, 'index.html'), 'utf8').includes(`<html lang="${d}">`));
  for (const lang of languages) {
    const name = `404 ${lang}`;
    unit(name);
    if (!fs.existsSync(path.join(SITE_DIR, lang, '404.html'))) fail(name, '404', `${lang}/index.html has no ${lang}/404.html beside it`);
    else if (!fs.readFileSync(path.join(SITE_DIR, lang, '404.html'), 'utf8').includes(`<html lang="${lang}">`)) fail(name, '404', `${lang}/404.html is not in ${lang}`);
  }
  const styled = () => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() !== '';
  // From disk, with and without JavaScript: styled, and every link names a file of the site.
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js });
    for (const rel of pages) {
      const name = `${rel} from disk${js ? '' : ' without JavaScript'}`;
      unit(name);
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(SITE_DIR, rel)).href);
      if (!(await page.evaluate(styled))) fail(name, '404', 'the stylesheet did not load');
      const urls = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href], script[src]')]
        .map((e) => e.href || e.src).filter((u) => u.startsWith('file:')));
      for (const u of urls) {
        const file = fileURLToPath(u.split('#')[0]);
        if (!fs.existsSync(file)) fail(name, '404', `a link leads to ${u}, which does not exist`);
      }
      await page.close();
    }
    await context.close();
  }
  if (!fs.existsSync(path.join(SITE_DIR, '404.html'))) return;
  // Served from a sub-path: a host that answers a missing address with the 404 page of the
  // address's first folder if it has one, else the root's (as `nnbook serve` does).
  const context = await browser.newContext();
  const prefix = `${BASE_URL.origin}/sub/`;
  await context.route(`${prefix}**`, async (route) => {
    const rest = new URL(route.request().url()).pathname.slice('/sub/'.length);
    const response = await route.fetch({ url: new URL(rest, BASE_URL).href });
    if (response.status() !== 404) return route.fulfill({ response });
    const folder = rest.split('/')[0];
    const own = path.join(SITE_DIR, folder, '404.html');
    const file = folder && fs.existsSync(own) ? own : path.join(SITE_DIR, '404.html');
    return route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: fs.readFileSync(file) });
  });
  // (`reluu/`: a mistyped lesson's folder, whose parent is the site.)
  const missing = ['relu/no/such/page.html', 'nothing-here', 'reluu/'];
  for (const lang of languages) missing.push(`${lang}/no/such/page/`);
  for (const where of missing) {
    const name = `404 served at /sub/${where}`;
    unit(name);
    const page = await context.newPage();
    const failed = [];
    // The browser may ask for the stylesheet and script at the address's depth before the page's
    // script has set the base address; those requests are abandoned (net::ERR_ABORTED).
    page.on('requestfailed', (r) => { if (!/ERR_ABORTED/.test(r.failure()?.errorText || '')) failed.push(`${r.url()} (${r.failure()?.errorText})`); });
    page.on('pageerror', (e) => fail(name, '404', `script error: ${e.message}`));
    const res = await page.goto(prefix + where);
    if (res.status() !== 404) fail(name, '404', `HTTP ${res.status()}`);
    if (!(await page.evaluate(styled))) fail(name, '404', 'the stylesheet did not load');
    const lang = languages.find((l) => where.startsWith(`${l}/`));
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      urls: [...document.querySelectorAll('a[href], link[href], script[src]')].map((e) => e.href || e.src),
      home: (document.querySelector('main a[href]') || {}).href,
    }));
    if (lang && info.lang !== lang) fail(name, '404', `the page is in ${info.lang}, not ${lang}`);
    const home = `${prefix}${lang ? `${lang}/` : ''}index.html`;
    if (info.home !== home) fail(name, '404', `its home link leads to ${info.home}, not ${home}`);
    for (const u of info.urls.filter((x) => x.startsWith(BASE_URL.origin))) {
      const status = await page.evaluate((url) => fetch(url).then((r) => r.status, () => 0), u);
      if (status !== 200) fail(name, '404', `its link ${u} answers ${status}`);
    }
    for (const u of failed) fail(name, '404', `request failed: ${u}`);
    await page.close();
  }
  await context.close();
}

// ---------------------------------------------------------------------------------------------

// Printed in the dark scheme with the script (a reader's Ctrl+P): the page prints in the light
// scheme's colours (no drawing or code left in dark colours on white paper), without its Copy
// buttons, and each value the script put in a box (sized for the screen's text) draws its text
// where it stands without the box.
const DARK = ['rgb(13, 17, 23)', 'rgb(22, 27, 34)', 'rgb(230, 237, 243)', 'rgb(165, 214, 255)', 'rgb(255, 123, 114)'];
async function printed(browser, pages) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  for (const rel of pages.filter((p) => /(^|\/)(relu|black-box)\/index\.html$/.test(p))) {
    const name = `${rel} @ print, dark`;
    unit(name);
    const page = await context.newPage();
    await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await frame(page);
    await frame(page);
    await page.emulateMedia({ media: 'print' });
    const found = await page.evaluate((dark) => {
      const out = [];
      if (!document.querySelector('.lesson-body .nn-root')) out.push('no value is in a box (the check needs some)');
      for (const e of document.querySelectorAll('.lesson-body *')) {
        const s = getComputedStyle(e);
        const c = [s.fill, s.color, s.backgroundColor].find((x) => dark.includes(x));
        if (c) { out.push(`<${e.localName} class="${e.getAttribute('class') || ''}"> prints in the dark scheme's ${c}`); break; }
      }
      for (const b of document.querySelectorAll('.code-block > .copy')) if (getComputedStyle(b).display !== 'none') { out.push('a Copy button is printed'); break; }
      return out;
    }, DARK);
    const moved = await page.evaluate(boxedValuesInPlace, false);
    if (moved) found.push(`printed, ${moved}`);
    for (const f of found) fail(name, 'print', f);
    await page.close();
  }
  await context.close();
}

async function main() {
  const t0 = Date.now();
  let largeOperators = 0;
  const pages = filesUnder(SITE_DIR, ['.html']).filter((p) => !p.endsWith('404.html'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const scratchContext = await browser.newContext();
  const scratch = await scratchContext.newPage();
  for (const mode of MODES) {
    const context = await browser.newContext({ viewport: { width: mode.width, height: mode.height }, deviceScaleFactor: 1, colorScheme: mode.scheme, reducedMotion: 'reduce' });
    await context.addInitScript(`window.HAN_RE = ${HAN.toString()};`);
    for (const rel of pages) {
      const name = `${rel} @ ${mode.name}`;
      unit(name);
      const page = await context.newPage();
      page.on('pageerror', (e) => fail(name, 'script error', e.message));
      await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts && document.fonts.ready);
      await frame(page);
      const f = await page.evaluate(facts);
      for (const c of f.cjk) fail(name, 'CJK lines', c);
      for (const h of f.headers) if (/^[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/.test(h)) fail(name, 'labels', `a table header is the raw signal name "${h}"`);
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang.startsWith('zh')) {
        for (const n of f.zhNames) if (!HAN.test(n)) fail(name, 'labels', `a node is named "${n}" on a Chinese page`);
      }
      if (f.source) {
        if (!f.source.afterTitle || !/^https?:\/\//.test(f.source.href) || !f.source.shown) fail(name, 'source', `the source line must be a shown link right under the title: ${JSON.stringify(f.source)}`);
      }
      if (/(^|\/)relu\/index\.html$/.test(rel) && !(f.source && /^https:\/\/dev\.to\//.test(f.source.href))) fail(name, 'source', 'the ReLU lesson does not link the Dev.to article it reproduces');
      if (mode.width <= 390) {
        for (const p of f.params) if (p.scroll > p.width + 1) fail(name, 'parameters', `the parameters table needs sideways scrolling on a phone (${p.scroll} px in ${p.width} px)`);
        for (const p of f.paramLines) fail(name, 'parameters', `a short value is broken over lines on a phone: ${p}`);
      }
      for (const c of f.chartText) if (c.smallest < 11) fail(name, 'figure text', `${c.id}: "${c.what}" renders at ${c.smallest.toFixed(1)} px (11 px at least)`);
      for (const c of f.chartCut) fail(name, 'figure text', c);
      for (const a of await page.evaluate(anchorLines)) fail(name, 'anchors', a);
      for (const c of await page.evaluate(firstColumns)) fail(name, 'first column', c);
      const only = await page.evaluate(explorableOnly);
      if (only.shown !== (only.controls ? only.all : 0)) fail(name, 'text for the sliders', `${only.shown} of ${only.all} shown on a page ${only.controls ? 'with' : 'without'} sliders`);
      if (/(^|\/)relu\/index\.html$/.test(rel) && !only.all) fail(name, 'text for the sliders', 'the ReLU lesson\'s "Try it" is not marked nn-explorable-only');
      if (mode.width >= 1100) {
        for (const c of f.chartWidths) if (c.width < c.inner - 1) fail(name, 'figure width', `${c.id} is ${c.width.toFixed(0)} px wide in a ${c.inner.toFixed(0)} px figure`);
      }
      for (const m of f.maths) {
        if (!m.inTable && Math.abs(m.size - m.parentSize) > 0.5) fail(name, 'math size', `"${m.text}" is ${m.size} px in ${m.parentSize} px text`);
      }
      await copyButtons(page, name);
      await scrollCues(page, scratch, (...why) => fail(name, 'scroll cue', ...why));
      if (mode.width >= 1100) await contents(page, name, true);
      // The font check needs the bundled font: a site nnbook built always has it (a Rust test
      // checks); the hand-written fixtures of selftest.sh do not.
      if (mode.name === 'desktop-light' && HAS_MATH_FONT) {
        await mathFonts(page, name);
        largeOperators += await mathFiles(page, name, rel);
      }
      await page.close();
    }
    await context.close();
  }
  // Without our scripts (each served empty), on a wide screen: the contents still stay in view.
  const nojs = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await nojs.route(/\.js(\?.*)?$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  for (const rel of pages) {
    const name = `${rel} @ desktop without our scripts`;
    unit(name);
    const page = await nojs.newPage();
    await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load' });
    await contents(page, name, false);
    const only = await page.evaluate(explorableOnly);
    if (only.shown) fail(name, 'text for the sliders', `${only.shown} of ${only.all} shown without the script`);
    await page.close();
  }
  await nojs.close();
  await printed(browser, pages);
  await notFoundPages(browser);
  await browser.close();

  report('reader', t0, `tables and formulas fit or show a scroll cue, the parameters table on phones, the math font (its files, ${largeOperators} large operators), CJK lines, Copy buttons, the contents, heading anchors, text for the sliders, labels, sources, figure text and width, print, 404 pages`);
}

main().catch((e) => {
  console.error(`reader.mjs crashed: ${e.stack || e}`);
  process.exit(2);
});
