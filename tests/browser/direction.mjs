// A language written right to left in a browser: an Arabic project built with nnbook, checked as
// the shipped site is (check.mjs on every page at 320, 390 and 1280 px, light and dark: axe-core,
// the Nu checker, links, sideways scrolling), then measured against the same project built left
// to right (`[languages.ar] direction = "ltr"`): at 390 and 1280 px, everything placed to a side
// (the header's links, the lesson links, the Copy button, the table of contents, a slider's name,
// slider and value, a wide table's first column, the skip link) is where its mirror image is, an
// alert's border is on the right; figures, code and formulas are not mirrored; every number in
// the text and tables keeps its minus before its digits (and a number left bare would not: the
// check can tell), and so does a chart's readout after a series named in Arabic, the name read
// first; the sliders move the figures and Reset restores them.
//
//   NNBOOK=<command running nnbook> node direction.mjs
//
// The closing line is "direction: N passed, M failed".
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

import { runScript, servedProject, tally } from './units.mjs';

const NNBOOK = (process.env.NNBOOK || 'nnbook').split(' ');
const tallied = tally();
const { unit, fail, report } = tallied;
const t0 = Date.now();

const CONFIG = 'title = "دروس الشبكات"\nlanguage = "ar"\n\n[languages.ar.words]\n' +
  'contents = "المحتويات"\nnext = "التالي"\nprevious = "السابق"\nlessons = "الدروس"\n';
const MIRRORED = `${CONFIG}\n[languages.ar]\ndirection = "ltr"\n`;

/** An Arabic text with values (a negative one among them), an alert, the parameters, a table
 *  wide enough to scroll on a phone, code, and headings enough for a table of contents. */
const BODY = '\n## الانحياز\n\nفي هذه الشبكة الانحياز الأول {{ b1 }} والوزن {{ w1 }}، والمخرج عند 0.2 هو {{ output.activation @ 0.2 }}.\n\n' +
  '> [!NOTE]\n> القيم السالبة مثل {{ b1 }} تبقى إشارتها قبل أرقامها.\n\n## المعاملات\n\n```parameters\n```\n\n## الجدول\n\n' +
  '```table\nsignals = ["top.linear", "top.activation", "output.linear", "output.activation"]\nat = [0.0, 0.2, 0.4]\narithmetic = true\n```\n\n' +
  '## الشيفرة\n\n```python\nw1 = {{ w1 }}\n```\n';
/** The chart's series named in Arabic, and its output below zero where x is small. */
const arabic = (text) => text.replace('label = "Output"', 'label = "المخرج"').replace('bias = { b2 = 0.0 }\n', 'bias = { b2 = -1.0 }\n');
/** The second lesson has no sliders: its values are written as `<bdi>`. */
const fixed = (text) => arabic(text).replace('bias = { b2 = -1.0 }\n', 'bias = { b2 = -1.0 }\n\n[controls]\n');
const LESSONS = [
  ['awal.md', 'الأول', 'order = 1', BODY, arabic],
  ['thani.md', 'الثاني', 'order = 2', BODY, fixed],
];

/** Where each placed thing is (its box, or null), what is mirrored, and which alert border is drawn. */
function layout(page) {
  return page.evaluate(() => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return r.width ? { left: r.left, right: r.right, width: r.width } : null; };
    const one = (s) => box(document.querySelector(s));
    const alert = getComputedStyle(document.querySelector('.nn-alert'));
    return {
      width: document.documentElement.clientWidth,
      boxes: {
        'site title': one('.site-title'), 'search link': one('.site-search'), 'next lesson': one('.nav-next'),
        'Copy button': one('.code-block > .copy'), contents: one('.toc'),
        'a slider\'s name': one('.nn-control label'), 'a slider': one('.nn-control input'), 'a slider\'s value': one('.nn-control output'),
        'a wide table\'s first column': one('.nn-table tr > :first-child'), 'a heading\'s text': (() => { const h = document.querySelector('h2'), r = document.createRange(); r.selectNodeContents(h); return box(r); })(),
      },
      alert: [alert.borderLeftWidth, alert.borderRightWidth],
      ltr: ['svg.nn-chart', 'pre', 'math', '.nn-table td.num'].map((s) => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).direction]),
    };
  });
}

async function opened(browser, url, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(url);
  await page.click('.nn-controls-toggle');
  await page.evaluate(() => document.querySelector('.nn-table-wrap').scrollIntoView());
  return page;
}

async function mirrored(browser, site, plain) {
  for (const width of [390, 1280]) {
    const name = `awal/index.html at ${width} px: mirrored`;
    unit(name);
    const rtl = await opened(browser, `${pathToFileURL(site).href}/awal/index.html`, width);
    const ltr = await opened(browser, `${pathToFileURL(plain).href}/awal/index.html`, width);
    const [r, l] = [await layout(rtl), await layout(ltr)];
    for (const [what, b] of Object.entries(r.boxes)) {
      const a = l.boxes[what];
      if (!a || !b) {
        if (!(what === 'contents' && width < 1000)) fail(name, what, `not shown (${JSON.stringify([a, b])})`);
        continue;
      }
      const mirror = l.width - a.right;
      if (Math.abs(b.left - mirror) > 1.5 || Math.abs(b.width - a.width) > 1.5) fail(name, what, `at ${b.left.toFixed(1)}..${b.right.toFixed(1)}, its mirror image at ${mirror.toFixed(1)}..${(mirror + a.width).toFixed(1)}`);
    }
    if (r.alert[0] !== '0px' || r.alert[1] !== '4px') fail(name, 'alert', `borders left ${r.alert[0]}, right ${r.alert[1]}`);
    for (const [selector, direction] of r.ltr) if (direction !== 'ltr') fail(name, selector, `written ${direction}`);
    // The skip link, focused, shows at the right; unfocused, it scrolls nothing.
    await rtl.focus('.skip-link');
    const skip = await rtl.evaluate(() => { const r = document.querySelector('.skip-link').getBoundingClientRect(); return [document.activeElement.className, r.right, document.documentElement.clientWidth]; });
    if (skip[0] !== 'skip-link' || Math.abs(skip[2] - skip[1] - 16) > 1.5) fail(name, 'skip link', JSON.stringify(skip));
    await rtl.close();
    await ltr.close();
  }
}

/** For each text that holds a minus in `selector`'s elements: whether the minus is left of the
 *  digits after it, by the characters' boxes. */
function minusFirst(page, selector) {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].flatMap((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), out = [], range = document.createRange();
    const x = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect().left; };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/−\d/g)) out.push([node.data.trim(), x(node, m.index) < x(node, m.index + 1)]);
    }
    return out;
  }), selector);
}

async function numbers(browser, site) {
  for (const [lesson, holder] of [['awal', 'span[data-nn]'], ['thani', 'bdi']]) {
    const name = `${lesson}/index.html: every minus before its digits (${holder})`;
    unit(name);
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${pathToFileURL(site).href}/${lesson}/index.html`);
    const found = [
      ...(await minusFirst(page, `.lesson-body p > ${holder}`)),
      ...(await minusFirst(page, '.nn-alert p')),
      ...(await minusFirst(page, '.nn-table td.num')),
      ...(await minusFirst(page, '.nn-parameters td.num')),
    ];
    if (found.length < 6) fail(name, 'numbers', `only ${found.length} negative numbers found`);
    for (const [text, first] of found) if (!first) fail(name, 'minus', `"${text}": the minus after its digits`);
    // The check can tell: the same text without its run of its own shows the minus after.
    const bare = await page.evaluate(() => {
      const held = [...document.querySelectorAll('.lesson-body p')].find((p) => p.querySelector('bdi, span[data-nn]') && /−\d/.test(p.textContent));
      const p = held.cloneNode(true);
      p.className = 'bare';
      for (const v of p.querySelectorAll('bdi, span[data-nn]')) v.replaceWith(v.textContent);
      held.after(p);
      p.scrollIntoView();
      return p.textContent;
    });
    const plain = await minusFirst(page, '.lesson-body p.bare');
    if (!plain.length || plain.every(([, first]) => first)) fail(name, 'a bare number', `its minus is before its digits in "${bare}" too: the check cannot tell`);
    await page.close();
  }
}

/** Whether the readout's line for `series` has its minus left of its digits, by the characters'
 *  positions in the drawing, and the line as read. */
function readoutMinus(page, series) {
  return page.evaluate((name) => {
    const text = [...document.querySelectorAll('.nn-readout text')].find((t) => t.textContent.startsWith(name));
    if (!text) return [null, null];
    const at = text.textContent.indexOf('−');
    return [text.textContent, at >= 0 && text.getStartPositionOfChar(at).x < text.getStartPositionOfChar(at + 1).x];
  }, series);
}

async function readout(browser, served) {
  const name = 'awal/index.html: the readout of an Arabic series keeps its minus before its digits';
  unit(name);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${served}awal/index.html`);
    await page.focus('svg.nn-chart.nn-column');
    await page.keyboard.press('Home');
    const [line, first] = await readoutMinus(page, 'المخرج');
    if (line !== 'المخرج −1.00' || !first) fail(name, 'readout', `"${line}": its minus ${first ? 'first' : 'after its digits'}`);
    // (The series' name, right to left, is on the line's right: it reads first.)
    const order = await page.evaluate(() => { const t = [...document.querySelectorAll('.nn-readout text')].find((e) => e.textContent.startsWith('المخرج')); return t.getStartPositionOfChar(0).x > t.getStartPositionOfChar(t.textContent.length - 1).x; });
    if (!order) fail(name, 'order', `"${line}": the name is not on the right`);
  } catch (e) {
    fail(name, 'page', e.message.split('\n')[0]);
  }
  await page.close();
}

async function sliders(browser, served) {
  const name = 'awal/index.html: the sliders move the figures right to left, Reset restores them';
  unit(name);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${served}awal/index.html`);
    const before = await page.locator('svg.nn-chart').first().innerHTML();
    await page.click('.nn-controls-toggle');
    await page.focus('#nn-control-b1');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.nnbook.params().b1 !== -0.5, null, { timeout: 10000 });
    const value = await page.locator('.lesson-body p > span[data-nn="b1"]').first().textContent();
    const b1 = await page.evaluate(() => window.nnbook.params().b1);
    if (Math.abs(Number(value.replace('−', '-')) - b1) > 0.005) fail(name, 'the text', `says ${value} for b1 = ${b1}`);
    const moved = await minusFirst(page, '.lesson-body p > span[data-nn]');
    for (const [text, first] of moved) if (!first) fail(name, 'minus', `"${text}" after the move: the minus after its digits`);
    await page.click('.nn-reset');
    await page.waitForFunction(() => window.nnbook.params().b1 === -0.5, null, { timeout: 10000 });
    await page.evaluate(() => document.querySelector('svg.nn-chart').scrollIntoView());
    await page.waitForTimeout(300);
    const after = await page.locator('svg.nn-chart').first().innerHTML();
    if (after !== before) fail(name, 'reset', 'the first chart is not the build\'s after Reset');
  } catch (e) {
    fail(name, 'page', e.message.split('\n')[0]);
  }
  await page.close();
}

async function main() {
  const site = await servedProject(NNBOOK, 'direction', LESSONS, CONFIG);
  const plain = await servedProject(NNBOOK, 'direction-ltr', LESSONS, MIRRORED);
  runScript(tallied, 'check.mjs', 'the Arabic site', { SITE_DIR: site.site, BASE_URL: site.served, SCREENSHOT_DIR: '' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  await mirrored(browser, site.site, plain.site);
  await numbers(browser, site.site);
  await readout(browser, site.served);
  await sliders(browser, site.served);
  await browser.close();
  site.close();
  plain.close();
  report('direction', t0, 'an Arabic site passes check.mjs; its lesson page is its left-to-right build mirrored, at 390 and 1280 px, but for figures, code and formulas; every minus stays before its digits, in the readout too; the sliders work');
}

main().catch((e) => {
  console.error(`direction.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
