// A project's words for a language (`[languages.fr.words]` in nnbook.toml) in a browser: a French
// project built with nnbook, whose words hold quotes, `&` and `<`, checked as the shipped site is
// (check.mjs on every page at 320, 390 and 1280 px, light and dark: axe-core, the Nu checker,
// links, sideways scrolling), then read as a reader does, from disk and from a server: the lesson
// page in French, its link to the next, its sliders' panel, the live region after a move, Reset
// and a code block's Copy button (and Copied, once pressed) each say the project's word exactly
// as written (text, never markup); the search page's label too. Then a site with a lesson in
// each language nnbook has words in (none of the project's): index.mjs on its twenty-one indexes
// (the language switcher wraps whole names, never wider than the window), and each lesson page
// in its language's words.
//
//   NNBOOK=<command running nnbook> node words.mjs
//
// The closing line is "words: N passed, M failed".
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

import { runScript, servedProject, tally } from './units.mjs';

const NNBOOK = (process.env.NNBOOK || 'nnbook').split(' ');
const tallied = tally();
const { unit, fail, report } = tallied;
const t0 = Date.now();

/** The project's words, as the reader must see them. */
const WORDS = {
  next: 'Suivant',
  parameters: 'Paramètres <du réseau>',
  show_controls: "Régler <tout> l'ensemble & voir",
  controls_hint: 'Déplacez un curseur : « tout » suit.',
  reset: 'Rétablir',
  figures_updated: 'Figures à jour & exactes.',
  search_label: 'Chercher « & »',
  copy: 'Copier',
  copied: 'Copié !',
  copy_label: 'Copier le code',
};

const CONFIG = 'title = "Mes leçons"\nlanguage = "fr"\n\n[languages.fr.words]\n' +
  Object.entries(WORDS).map(([name, text]) => `${name} = ${JSON.stringify(text)}\n`).join('');

/** Two lessons: the first's page links the next, and has a code block to copy. */
const LESSONS = [
  ['premiere.md', 'Première', 'order = 1', '\n```python\nprint("w1 =", {{ w1 }})\n```\n'],
  ['deuxieme.md', 'Deuxième', 'order = 2'],
];

/** The text of the first element matching `selector`, or of its attribute `attribute`. */
function read(page, selector, attribute) {
  return page.locator(selector).first().evaluate((e, a) => (a ? e.getAttribute(a) : e.textContent.trim()), attribute);
}

async function lessonPage(browser, where, origin) {
  const name = `premiere/index.html (${where}): the project's words`;
  unit(name);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}premiere/index.html`);
    const seen = {
      lang: await read(page, 'html', 'lang'),
      next: await read(page, '.nav-next .nav-label'),
      parameters: await read(page, '.nn-controls', 'aria-label'),
      show_controls: await read(page, '.nn-controls-toggle'),
      controls_hint: await read(page, '.nn-controls-hint'),
    };
    seen.copy = await read(page, 'button.copy');
    seen.copy_label = await read(page, 'button.copy', 'aria-label');
    if (where === 'server') {
      await page.click('button.copy');
      // (The word changes when the clipboard has the code: a promise later, not at the click.)
      await page.waitForFunction((copy) => document.querySelector('button.copy').textContent !== copy, WORDS.copy, { timeout: 5000 }).catch(() => {});
      seen.copied = await read(page, 'button.copy');
    }
    await page.click('.nn-controls-toggle');
    await page.focus('#nn-control-w1');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.nn-live').textContent !== '', null, { timeout: 10000 });
    seen.figures_updated = await read(page, '.nn-live');
    seen.reset = await read(page, '.nn-reset');
    const expected = { lang: 'fr', ...WORDS };
    for (const [key, text] of Object.entries(seen)) {
      if (text !== expected[key]) fail(name, key, `"${text}", not "${expected[key]}"`);
    }
    await page.click('.nn-reset');
    const w1 = await page.evaluate(() => window.nnbook.params().w1);
    if (w1 !== 1.5) fail(name, 'reset', `w1 is ${w1} after "${WORDS.reset}"`);
  } catch (e) {
    fail(name, 'page', e.message.split('\n')[0]);
  }
  await context.close();
}

async function searchPage(browser, origin) {
  const name = 'search.html: the label in the project\'s words';
  unit(name);
  const page = await browser.newPage();
  await page.goto(`${origin}search.html`);
  const label = await page.locator('input[type=search]').evaluate((e) => (e.labels[0] ? e.labels[0].textContent.trim() : e.getAttribute('aria-label')));
  if (label !== WORDS.search_label) fail(name, 'label', `"${label}", not "${WORDS.search_label}"`);
  await page.close();
}

/** One lesson in each language nnbook has words in, and what its page's notebook link says. */
const BUILT_IN = [
  ['en', 'Download notebook'],
  ['ar', 'تنزيل دفتر Jupyter'],
  ['de', 'Notebook herunterladen'],
  ['es', 'Descargar cuaderno'],
  ['fa', 'بارگیری دفترچهٔ Jupyter'],
  ['fr', 'Télécharger le notebook'],
  ['he', 'הורדת מחברת Jupyter'],
  ['hi', 'नोटबुक डाउनलोड करें'],
  ['id', 'Unduh notebook'],
  ['it', 'Scarica il notebook'],
  ['ja', 'ノートブックをダウンロード'],
  ['ko', '노트북 다운로드'],
  ['nl', 'Notebook downloaden'],
  ['pl', 'Pobierz notatnik Jupyter'],
  ['pt-BR', 'Baixar notebook'],
  ['ru', 'Скачать блокнот Jupyter'],
  ['tr', 'Not defterini indir'],
  ['uk', 'Завантажити блокнот Jupyter'],
  ['vi', 'Tải xuống notebook'],
  ['zh-CN', '下载 Jupyter Notebook'],
  ['zh-TW', '下載 Jupyter Notebook'],
];

/** A site in every language nnbook knows, without words of its own: each index passes
 *  index.mjs (its language switcher, twenty-one names, never wider than a 320 px window) and each
 *  lesson page says nnbook's words in its language. */
async function builtInLanguages(browser) {
  const lessons = BUILT_IN.map(([tag]) => [tag === 'en' ? 'a.md' : `a.${tag}.md`, `Lesson (${tag})`, 'order = 1']);
  const { site, served, close } = await servedProject(NNBOOK, 'languages', lessons);
  runScript(tallied, 'index.mjs', 'a site in twenty-one languages', { SITE_DIR: site, BASE_URL: served, SCREENSHOT_DIR: '' });
  const name = 'a/index.html in twenty-one languages: nnbook\'s words in each';
  unit(name);
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  for (const [tag, words] of BUILT_IN) {
    await page.goto(`${served}${tag === 'en' ? '' : `${tag}/`}a/index.html`);
    const said = await read(page, 'a.notebook');
    if (said !== words) fail(name, tag, `the notebook link says "${said}", not "${words}"`);
  }
  await page.close();
  close();
}

async function main() {
  const { site, served, close } = await servedProject(NNBOOK, 'words', LESSONS, CONFIG);
  runScript(tallied, 'check.mjs', 'the French site', { SITE_DIR: site, BASE_URL: served, SCREENSHOT_DIR: '' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [where, origin] of [['disk', pathToFileURL(site).href + '/'], ['server', served]]) {
    await lessonPage(browser, where, origin);
  }
  await searchPage(browser, served);
  close();
  await builtInLanguages(browser);
  await browser.close();
  report('words', t0, 'a French site with its own words passes check.mjs; its lesson and search pages say the words as written, from disk and a server; the sliders\' panel and live region too; a site in the twenty-one languages nnbook knows passes index.mjs and says its words');
}

main().catch((e) => {
  console.error(`words.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
