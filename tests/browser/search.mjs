// The search pages, used in headless Chromium. Started by run.sh after index.mjs, on the same
// served site:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node search.mjs
//
// Every language's search page (search.html, <lang>/search.html) at 320, 390 and 1280 px, light
// and dark, opened with words in its address (?q=) and then typed into:
//   found      the words in the address are in the box, and results are listed: each a link to a
//              section of a lesson that loads and has that section, its piece of text holding
//              the words, each marked (<mark>), and a status that counts them (role="status")
//   typing     typing other words lists theirs and puts them in the address (no new history
//              entry), a word of nearly every section as many as the status counts; words no
//              lesson has list nothing and say so
//   first 50   an index of 120 sections (served in place of the site's) lists the first 50,
//              and the status says so
//   endings    words with an English ending (kinks, trained, activities, doses) find the
//              sections with another form, and no word is cut so short that it finds others
//              (bias is not "bia", doses not "dos"); words without their accents or combining
//              marks (Greek accents, Hebrew points, Arabic vowel marks and hamza, İ's dot; đ,
//              ł, ı) find them (reseau, елка, δικτυο, שלום, lodz), marked as written, the text
//              whole; Hangul, kana, Devanagari and й are not taken apart
//   layout     nothing wider than the window
//   axe        no axe-core violation (WCAG 2 A and AA) with the results shown
// check.mjs loads the same pages without words (console, requests, axe, the Nu checker).
// A screenshot goes to SCREENSHOT_DIR: search-phone.png (390 px, light, results shown).
// The closing line is "search: N passed, M failed".

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

import { axeViolations, siteFromEnv, tally } from './units.mjs';

const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('search.mjs');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';

const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light', shot: 'search-phone.png' },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark' },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
];

// Words each language's lessons hold, as a reader would look for them, and words none holds.
const WORDS = { en: ['relu kink', 'softplus'], 'zh-CN': ['权重', '偏置'] };
const NOTHING = 'qzxv wqzx';
// A word in nearly every section: more sections than the 50 listed.
const COMMON = { en: 'the', 'zh-CN': '的' };

const { unit, fail, report } = tally();

/** The search pages: the root's and each language folder's, with the page's language. */
function searchPages() {
  const out = [];
  if (fs.existsSync(path.join(SITE_DIR, 'search.html'))) out.push('search.html');
  for (const e of fs.readdirSync(SITE_DIR, { withFileTypes: true })) {
    if (e.isDirectory() && fs.existsSync(path.join(SITE_DIR, e.name, 'search.html'))) out.push(`${e.name}/search.html`);
  }
  return out.sort();
}

/** What the page shows: the box, the status, the results. */
function shown() {
  const doc = document.documentElement;
  return {
    lang: doc.lang,
    value: document.querySelector('#search-words')?.value ?? null,
    status: document.querySelector('.search-status')?.textContent.trim() ?? '',
    role: document.querySelector('.search-status')?.getAttribute('role'),
    results: [...document.querySelectorAll('.search-results li')].map((li) => ({
      href: li.querySelector('a')?.href || '',
      title: li.querySelector('a')?.textContent || '',
      text: li.querySelector('p')?.textContent || '',
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
    })),
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    address: location.search,
    history: history.length,
  };
}

/** The results' checks for `words`: listed, linked to a section that exists, the words marked. */
async function checkResults(page, name, words, s, checked) {
  const ws = words.toLowerCase().split(/\s+/);
  if (!s.results.length) return fail(name, 'found', `no result for "${words}" (status "${s.status}")`);
  if (!s.status.match(/\d/)) fail(name, 'found', `the status "${s.status}" does not count the results`);
  if (s.role !== 'status') fail(name, 'found', 'the status is not role="status"');
  for (const r of s.results.slice(0, 5)) {
    if (!r.marks.length) fail(name, 'found', `"${r.title}": no word marked in "${r.text}"`);
    // (Each mark a word typed, a Latin one to its word's end: "relu" marks "relus".)
    const typed = (m) => ws.some((w) => m === w || (/^[a-z]+$/.test(w) && m.startsWith(w) && /^[a-z]+$/.test(m.slice(w.length))));
    for (const m of r.marks) if (!typed(m)) fail(name, 'found', `"${r.title}": "${m}" is marked, not one of "${words}"`);
    if (checked.has(r.href)) continue;
    checked.add(r.href);
    const url = new URL(r.href);
    const answer = await page.request.get(url.href.replace(url.hash, ''));
    if (answer.status() !== 200) { fail(name, 'found', `${r.href} answers ${answer.status()}`); continue; }
    const id = decodeURIComponent(url.hash.slice(1));
    if (id && !(await answer.text()).includes(`id="${id}"`)) fail(name, 'found', `${r.href}: the page has no id "${id}"`);
  }
}

async function checkSearch(context, rel, mode, checked) {
  const name = `${rel} @ ${mode.name}`;
  unit(name);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(name, 'script error', e.message));
  page.on('console', (m) => { if (m.type() === 'error') fail(name, 'console', m.text()); });
  const lang = rel.includes('/') ? rel.split('/')[0] : 'en';
  const [first, second] = WORDS[lang] || WORDS.en;
  await page.goto(new URL(`${rel}?q=${encodeURIComponent(first)}`, BASE_URL).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent, null, { timeout: 5000 }).catch(() => {});
  let s = await page.evaluate(shown);
  if (s.value !== first) fail(name, 'found', `the box holds "${s.value}", not the address's "${first}"`);
  await checkResults(page, name, first, s, checked);
  if (s.scrollWidth > s.clientWidth + 1) fail(name, 'layout', `the page is ${s.scrollWidth} px wide in a ${s.clientWidth} px window`);
  const violations = await axeViolations(page);
  for (const v of violations) fail(name, 'axe', v);
  if (SCREENSHOT_DIR && mode.shot && rel === 'search.html') {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, mode.shot), animations: 'disabled', caret: 'hide' });
  }
  // Typing other words lists theirs, in the address, without a history entry.
  const before = s.history;
  await page.fill('#search-words', second);
  await page.waitForFunction((w) => new URLSearchParams(location.search).get('q') === w, second, { timeout: 5000 }).catch(() => {});
  s = await page.evaluate(shown);
  if (new URLSearchParams(s.address).get('q') !== second) fail(name, 'typing', `the address is "${s.address}" after typing "${second}"`);
  if (s.history !== before) fail(name, 'typing', `typing added ${s.history - before} history entries`);
  await checkResults(page, name, second, s, checked);
  await page.fill('#search-words', COMMON[lang] || COMMON.en);
  await page.waitForFunction((w) => new URLSearchParams(location.search).get('q') === w, COMMON[lang] || COMMON.en, { timeout: 5000 }).catch(() => {});
  s = await page.evaluate(shown);
  const total = Number((s.status.match(/\d+/) || ['0'])[0]);
  if (total !== s.results.length) fail(name, 'typing', `the status "${s.status}" counts ${total}, ${s.results.length} listed`);
  await page.fill('#search-words', NOTHING);
  await page.waitForFunction(() => !document.querySelector('.search-results li'), null, { timeout: 5000 }).catch(() => {});
  s = await page.evaluate(shown);
  if (s.results.length) fail(name, 'typing', `"${NOTHING}" lists ${s.results.length} results`);
  if (!s.status) fail(name, 'typing', `"${NOTHING}" lists nothing and says nothing`);
  await page.close();
}

/** An index of 120 sections (served in place of the site's): the first 50 are listed, and the
 *  status says so. */
async function checkFirst50(context, rel) {
  const name = `${rel} @ 120 sections`;
  unit(name);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(name, 'script error', e.message));
  const sections = Array.from({ length: 120 }, (_, i) => [`Heading ${i}`, `h-${i}`, `common words ${i}`]);
  const index = `window.nnSearchIndex=${JSON.stringify([{ title: 'T', summary: '', href: 'x/index.html', sections }])};`;
  await page.route('**/search-index.js', (route) => route.fulfill({ contentType: 'text/javascript', body: index }));
  await page.goto(new URL(`${rel}?q=common`, BASE_URL).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent, null, { timeout: 5000 }).catch(() => {});
  const s = await page.evaluate(shown);
  const numbers = (s.status.match(/\d+/g) || []).map(Number);
  if (s.results.length !== 50) fail(name, 'found', `${s.results.length} results listed, not the first 50`);
  if (!(numbers.includes(120) && numbers.includes(50))) fail(name, 'found', `the status "${s.status}" does not say 50 of 120 are listed`);
  await page.close();
}

/** Words typed with an English ending find the other forms (served in place of the site's
 *  index): each query lists exactly the sections named, each word found marked to its end. */
const ENDINGS = [
  { q: 'kinks', found: ['kink', 'kinks'], marks: { kink: ['kink'], kinks: ['kinks'] } },
  { q: 'trained weights', found: ['train'], marks: { train: ['train', 'weights'] } },
  { q: 'activities', found: ['activity'], marks: { activity: ['activity'] } },
  { q: 'biases', found: ['bias'], marks: { bias: ['bias'] } },
  // Not cut below four letters or after a, i, s, u: "bias" is not "bia", "doses" not "dos".
  { q: 'bias', found: ['bias'], marks: { bias: ['bias'] } },
  { q: 'doses', found: ['dose'], marks: { dose: ['dose'] } },
  { q: 'strings', found: ['string'], marks: { string: ['string'] } },
  // Accents are not needed, and not lost: each letter found is marked as written (marks are
  // compared in lower case).
  { q: 'reseau', found: ['net'], marks: { net: ['réseau'] } },
  { q: 'RÉSEAU', found: ['net'], marks: { net: ['réseau'] } },
  { q: 'resea', found: ['net'], marks: { net: ['réseau'] } },
  { q: 'елка', found: ['yolka'], marks: { yolka: ['ёлка'] } },
  // Not for letters whose marks make them others: a Hangul syllable is not its first jamo, が
  // is not か.
  { q: '한국', found: ['hangul'], marks: { hangul: ['한국'] } },
  { q: 'ㅎ', found: [], marks: {} },
  { q: 'か', found: [], marks: {} },
  // Combining marks are not needed either: an accent typed apart from its letter, Hebrew points,
  // Arabic vowel marks and the kashida; each word marked with its marks, the text whole. İ's
  // lower case is i and a combining dot. A Devanagari vowel sign is a letter's, kept.
  { q: 'cafe', found: ['nfd'], marks: { nfd: ['cafe\u0301'] } },
  { q: 'café', found: ['nfd'], marks: { nfd: ['cafe\u0301'] } },
  { q: 'שלום', found: ['hebrew'], marks: { hebrew: ['שָׁלוֹם'] } },
  { q: 'של', found: ['hebrew'], marks: { hebrew: ['שָׁל'] } },
  { q: 'الشبكة', found: ['arabic'], marks: { arabic: ['الشَّبَكَةُ'] } },
  { q: 'شبكة', found: ['arabic', 'kashida', 'persian'], marks: { arabic: ['شَّبَكَةُ'], kashida: ['شبكـــة'], persian: ['شبکه'] } },
  { q: 'istanbul', found: ['turkish'], marks: { turkish: ['İSTANBUL'.toLowerCase()] } },
  { q: 'İçerik', found: ['turkish'], marks: { turkish: ['İçerik'.toLowerCase()] } },
  // Greek letters without their accents, Arabic's alef without its hamza.
  { q: 'δικτυο', found: ['greek'], marks: { greek: ['δίκτυο'] } },
  { q: 'اساسيات', found: ['arabic2'], marks: { arabic2: ['أساسيات'] } },
  // Arabic's yeh and kaf typed for Persian's, and Persian's for Arabic's; heh for teh marbuta.
  { q: 'شبكه', found: ['arabic', 'kashida', 'persian'], marks: { arabic: ['شَّبَكَةُ'], kashida: ['شبكـــة'], persian: ['شبکه'] } },
  { q: 'عصبيه', found: ['arabic', 'kashida'], marks: { arabic: ['عَصَبِيَّةُ'], kashida: ['عصبية'] } },
  { q: 'یادگیری', found: ['persian'], marks: { persian: ['يادگيري'] } },
  { q: 'и', found: [], marks: {} },
  // Full-width letters and digits, as a CJK input method types them, are ASCII.
  { q: 'ＲｅＬＵ', found: ['fullwidth'], marks: { fullwidth: ['relu'] } },
  { q: 'w1', found: ['fullwidth'], marks: { fullwidth: ['ｗ１'] } },
  // Letters whose mark is part of them, as typed without it.
  { q: 'duong', found: ['vietnamese'], marks: { vietnamese: ['đường'] } },
  { q: 'lodz', found: ['polish'], marks: { polish: ['łódź'] } },
  { q: 'aglari', found: ['turkish'], marks: { turkish: ['ağları'] } },
  { q: 'कल', found: [], marks: {} },
  { q: 'कुल', found: ['hindi'], marks: { hindi: ['कुल'] } },
];
async function checkEndings(context, rel) {
  const name = `${rel} @ word endings`;
  unit(name);
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(name, 'script error', e.message));
  const texts = { kink: 'the line bends at one kink', kinks: 'two kinks', train: 'we train the weights', activity: 'its activity', bias: 'the bias of a node', tibia: 'the tibia', dose: 'one dose', dosage: 'the dosage', string: 'a string', structure: 'a structure', net: 'un réseau de neurones', yolka: 'Ёлка', hangul: '한국어 검색', kana: 'がくしゅう', nfd: 'un cafe\u0301 noir', hebrew: 'שָׁלוֹם עֲלֵיכֶם', arabic: 'الشَّبَكَةُ العَصَبِيَّةُ', kashida: 'شبكـــة عصبية', turkish: 'İSTANBUL ve İçerik, ağları', hindi: 'कुल योग', vietnamese: 'Đường cong', polish: 'w Łódź', greek: 'Νευρωνικό δίκτυο', arabic2: 'أساسيات', russian: 'Новый', persian: 'شبکه، يادگيري', fullwidth: 'ReLU と ｗ１' };
  const sections = Object.entries(texts).map(([id, text]) => [id, id, text]);
  const index = `window.nnSearchIndex=${JSON.stringify([{ title: 'T', summary: '', href: 'x/index.html', sections }])};`;
  await page.route('**/search-index.js', (route) => route.fulfill({ contentType: 'text/javascript', body: index }));
  await page.goto(new URL(rel, BASE_URL).href, { waitUntil: 'load' });
  for (const e of ENDINGS) {
    await page.fill('#search-words', e.q);
    await page.waitForFunction((q) => location.search === `?q=${encodeURIComponent(q)}`, e.q, { timeout: 5000 }).catch(() => {});
    const s = await page.evaluate(shown);
    const ids = s.results.map((r) => r.href.split('#')[1]).sort();
    if (ids.join() !== e.found.join()) fail(name, 'found', `"${e.q}" found ${JSON.stringify(ids)}, not ${JSON.stringify(e.found)}`);
    for (const r of s.results) {
      const id = r.href.split('#')[1];
      if (JSON.stringify(r.marks) !== JSON.stringify(e.marks[id])) fail(name, 'marked', `"${e.q}": ${id} marks ${JSON.stringify(r.marks)}, not ${JSON.stringify(e.marks[id])}`);
      if (r.text !== texts[id]) fail(name, 'whole', `"${e.q}": ${id} shows ${JSON.stringify(r.text)}, not its text ${JSON.stringify(texts[id])}`);
    }
  }
  await page.close();
}

async function main() {
  const t0 = Date.now();
  const pages = searchPages();
  if (!pages.length) {
    unit('search pages');
    fail('search pages', 'found', `no search.html in ${SITE_DIR}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const checked = new Set();
  for (const mode of MODES) {
    const context = await browser.newContext({ viewport: { width: mode.width, height: mode.height }, deviceScaleFactor: 1, colorScheme: mode.scheme, reducedMotion: 'reduce' });
    for (const rel of pages) await checkSearch(context, rel, mode, checked);
    if (mode.name === 'desktop-light') for (const rel of pages) await checkFirst50(context, rel);
    if (mode.name === 'desktop-light') for (const rel of pages) await checkEndings(context, rel);
    await context.close();
  }
  await browser.close();
  report('search', t0, `${pages.length} search pages at 320, 390 and 1280 px, light and dark: words from the address and typed found, linked and marked, counted, kept in the address without history entries, nothing found said so, English endings, no sideways scrolling, no axe violation`);
}

main().catch((e) => {
  console.error(`search.mjs crashed: ${e.stack || e}`);
  process.exit(2);
});
