// A lesson's tags (front matter `tags`) in a browser: a project built with nnbook whose lessons
// (English and Chinese, a tag in Chinese characters, a tag written two ways) have tags, checked as
// the shipped site is (check.mjs on every page at 320, 390 and 1280 px, light and dark: axe-core,
// the Nu checker, links, sideways scrolling; index.mjs on its index pages and the tags' pages they
// share a template with), and followed as a reader does: from the index, each tag's link leads, from
// disk and from a plain static server, to its page listing its lessons, and "All lessons" back; a
// lesson page's tag to its tag's page; the overview of a language's tags (`tags/`) to each, with
// its count; a tag's name typed into search finds its lessons. More than 12 tags fold into one line
// a reader opens; on a phone the tags wrap within the page, each tall enough to tap.
//
//   NNBOOK=<command running nnbook> [SCREENSHOT_DIR=DIR] node tags.mjs
//
// The closing line is "tags: N passed, M failed".
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { runScript, servedProject, tally } from './units.mjs';

const NNBOOK = (process.env.NNBOOK || 'nnbook').split(' ');
const tallied = tally();
const { unit, fail, report } = tallied;
const t0 = Date.now();

/** The project's lessons: file, title, front matter. */
const LESSONS = [
  ['relu.md', 'ReLU', 'order = 1\ntags = ["ReLU", "Activation functions"]'],
  ['softplus.md', 'Softplus', 'order = 2\ntags = ["Activation functions", "Smooth curves"]'],
  ['gradient.md', 'Gradient descent', 'order = 3\ntags = ["Training", "relu"]'],
  ['plain.md', 'Untagged', 'order = 4'],
  // (Ten more: the English index's fourteen tags fold into "Tags (14)".)
  ['many.md', 'Many', 'order = 5\ntags = ["Neural networks", "Weights", "Biases", "Kinks", "Backpropagation", "Chain rule", "Loss", "Softmax", "Sigmoid", "Tanh"]'],
  ['relu.zh-CN.md', '线性整流', 'tags = ["激活函数"]'],
  ['softplus.zh-CN.md', '平滑整流', 'tags = ["激活函数", "平滑曲线"]'],
];

/** Which lessons (titles) each tag's page lists, by the tag's name on the index. */
const EXPECTED = {
  '': {
    'Activation functions': ['ReLU', 'Softplus'],
    'ReLU': ['ReLU', 'Gradient descent'],
    'Smooth curves': ['Softplus'],
    'Training': ['Gradient descent'],
  },
  'zh-CN/': {
    '激活函数': ['线性整流', '平滑整流'],
    '平滑曲线': ['平滑整流'],
  },
};

/** The titles of the lesson cards on the page. */
function cardTitles(page) {
  return page.locator('.card-link').allTextContents().then((t) => t.map((s) => s.trim()));
}

/** From the index of language `prefix` at `origin`, each tag's link to its page and back. */
async function followTags(browser, where, origin, prefix) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [tag, titles] of Object.entries(EXPECTED[prefix])) {
    const name = `${prefix}index.html: the tag ${tag} (${where})`;
    unit(name);
    try {
      await page.goto(`${origin}${prefix}index.html`);
      await unfold(page);
      await page.locator('nav.tags a', { hasText: tag }).first().click();
      await page.waitForLoadState('load');
      const h1 = (await page.locator('h1').textContent()).trim();
      if (!h1.includes(`“${tag}”`)) fail(name, 'tag page', `landed on "${h1}" at ${page.url()}`);
      const current = (await page.locator('nav.tags [aria-current="page"]').textContent()).trim();
      if (!current.startsWith(tag)) fail(name, 'current tag', `the tags mark "${current}"`);
      const listed = await cardTitles(page);
      if (JSON.stringify(listed) !== JSON.stringify(titles)) fail(name, 'lessons', `lists ${JSON.stringify(listed)}, not ${JSON.stringify(titles)}`);
      await unfold(page);
      await page.locator('nav.tags li').first().locator('a').click();
      await page.waitForLoadState('load');
      if (!page.url().endsWith(`${prefix}index.html`)) fail(name, 'back', `"All lessons" led to ${page.url()}`);
    } catch (e) {
      fail(name, 'follow', `${e.message.split('\n')[0]} (at ${page.url()})`);
    }
  }
  await context.close();
}

/** Opens the tags where more than 12 fold into one line (`<details>`): a reader's click on it. */
async function unfold(page) {
  const summary = page.locator('nav.tags summary');
  if (await summary.count()) await summary.click();
}

/** More than 12 tags fold (the English index's 14): the line says how many and hides the rest
 *  until a click or a key opens it; 12 or fewer (the Chinese index's 2) are shown as they are. */
async function folding(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [rel, folds] of [['index.html', true], ['tags/relu/index.html', true], ['zh-CN/index.html', false]]) {
    const name = `${rel}: ${folds ? 'the tags fold' : 'the tags are shown'}`;
    unit(name);
    await page.goto(`${origin}${rel}`);
    const summary = page.locator('nav.tags summary');
    const first = page.locator('nav.tags li').first();
    if ((await summary.count() === 1) !== folds) { fail(name, 'fold', `${await summary.count()} summaries`); continue; }
    if (!folds) {
      if (!await first.isVisible()) fail(name, 'shown', 'the first tag is hidden');
      continue;
    }
    const said = (await summary.textContent()).trim();
    if (said !== 'Tags (14)') fail(name, 'summary', `says "${said}"`);
    if (await first.isVisible()) fail(name, 'folded', 'the tags show before the line is opened');
    await summary.focus();
    await page.keyboard.press('Enter');
    if (!await first.isVisible()) fail(name, 'opened', 'Enter on the line does not show the tags');
  }
  await context.close();
}

/** A lesson page's tag links: each to its tag's page, which lists the lesson. */
async function followLessonTags(browser, where, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [rel, title] of [['softplus/index.html', 'Softplus'], ['zh-CN/softplus/index.html', '平滑整流']]) {
    const tags = rel.startsWith('zh-CN') ? ['激活函数', '平滑曲线'] : ['Activation functions', 'Smooth curves'];
    for (const tag of tags) {
      const name = `${rel}: the tag ${tag} (${where})`;
      unit(name);
      try {
        await page.goto(`${origin}${rel}`);
        await page.locator('.lesson-tags a', { hasText: tag }).click();
        await page.waitForLoadState('load');
        const listed = await cardTitles(page);
        if (!listed.includes(title)) fail(name, 'lessons', `the tag's page (${page.url()}) lists ${JSON.stringify(listed)}`);
      } catch (e) {
        fail(name, 'follow', `${e.message.split('\n')[0]} (at ${page.url()})`);
      }
    }
  }
  await context.close();
}

/** At 320 px, light and dark: the tags wrap inside the page, each at least 24 px tall (WCAG 2.2's
 *  smallest target), none over another. */
async function phoneLayout(browser, origin) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const rel of ['index.html', 'tags/relu/index.html', 'tags/index.html', 'zh-CN/index.html']) {
      const name = `${rel}: the tags at 320 px (${scheme})`;
      unit(name);
      await page.goto(`${origin}${rel}`);
      await unfold(page);
      const boxes = await page.locator('nav.tags li > *').evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
      }));
      if (boxes.length < 2) fail(name, 'tags', `${boxes.length} tags shown`);
      for (const b of boxes) {
        if (b.left < 0 || b.right > 320) fail(name, 'inside', `"${b.text}" spans ${b.left}..${b.right} px`);
        if (b.height < 24) fail(name, 'target size', `"${b.text}" is ${b.height} px tall`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) fail(name, 'overlap', `"${a.text}" and "${b.text}" overlap`);
        }
      }
    }
    await context.close();
  }
}

/** The overview of a language's tags at its shortened address (`/tags/`, from a static server, as
 *  a reader who cuts a tag page's address back gets it): every tag with its count of lessons, and
 *  each link to the tag's page. */
async function overview(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [prefix, heading] of [['', 'Tags'], ['zh-CN/', '标签']]) {
    for (const [tag, titles] of Object.entries(EXPECTED[prefix])) {
      const name = `${prefix}tags/: the tag ${tag}`;
      unit(name);
      try {
        await page.goto(`${origin}${prefix}tags/`);
        const h1 = (await page.locator('h1').textContent()).trim();
        if (h1 !== heading) fail(name, 'heading', `says "${h1}"`);
        const link = page.locator('nav.tags a', { hasText: tag }).first();
        const count = (await link.locator('.tag-count').textContent()).trim();
        if (count !== String(titles.length)) fail(name, 'count', `says ${count}, not ${titles.length}`);
        await link.click();
        await page.waitForLoadState('load');
        const listed = await cardTitles(page);
        if (JSON.stringify(listed) !== JSON.stringify(titles)) fail(name, 'lessons', `its page (${page.url()}) lists ${JSON.stringify(listed)}`);
      } catch (e) {
        fail(name, 'follow', `${e.message.split('\n')[0]} (at ${page.url()})`);
      }
    }
  }
  await context.close();
}

/** A tag's name typed into a language's search finds the lessons that have it, though their
 *  text never says it (the search index names each lesson's tags). */
async function searchTags(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const [rel, words, title] of [['search.html', 'backpropagation', 'Many'], ['zh-CN/search.html', '平滑曲线', '平滑整流']]) {
    const name = `${rel}: the tag ${words} found`;
    unit(name);
    try {
      await page.goto(`${origin}${rel}?q=${encodeURIComponent(words)}`);
      await page.locator('.search-results li').first().waitFor({ timeout: 5000 });
      const found = (await page.locator('.search-results li a').allTextContents()).map((t) => t.trim());
      if (found.length !== 1 || !found[0].startsWith(title)) fail(name, 'found', `lists ${JSON.stringify(found)}, not the lesson ${title}`);
    } catch (e) {
      fail(name, 'search', `${e.message.split('\n')[0]} (at ${page.url()})`);
    }
  }
  await context.close();
}

/** The README's picture of a tag's page on a phone, the tags opened (SCREENSHOT_DIR, when set). */
async function screenshot(browser, origin) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${origin}tags/activation-functions/index.html`);
  await unfold(page);
  await page.screenshot({ path: path.join(dir, 'tags-phone.png'), animations: 'disabled', caret: 'hide' });
  await context.close();
}

async function main() {
  // (`relu` after `ReLU` is a warning: one page lists both.)
  const { site, served, close } = await servedProject(NNBOOK, 'tags', LESSONS);
  const env = { SITE_DIR: site, BASE_URL: served, SCREENSHOT_DIR: '' };
  runScript(tallied, 'check.mjs', 'the tagged site', env);
  runScript(tallied, 'index.mjs', 'the tagged site', env);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [where, origin] of [['disk', pathToFileURL(site).href + '/'], ['server', served]]) {
    for (const prefix of Object.keys(EXPECTED)) await followTags(browser, where, origin, prefix);
    await followLessonTags(browser, where, origin);
  }
  await folding(browser, served);
  await overview(browser, served);
  await searchTags(browser, served);
  await phoneLayout(browser, served);
  await screenshot(browser, served);
  await browser.close();
  close();
  report('tags', t0, 'every page of a tagged site passes check.mjs and index.mjs; each tag leads to its lessons, from disk and a server, and from its language\'s overview with its count; search finds a lesson by its tag; on a phone the tags wrap, each tall enough to tap');
}

main().catch((e) => {
  console.error(`tags.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
