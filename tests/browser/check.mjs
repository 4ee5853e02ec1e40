// nnbook in a real browser (issue 4). Started by run.sh, which builds the site and serves it:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node check.mjs
//
// Every .html file of the site is loaded in headless Chromium at 320, 390 and 1280 px wide, in light
// and dark mode, and must show: no console error or uncaught exception, no failed request, every
// image decoded (and every inlined figure on screen, labelled by its figure's own title, its data link a
// CSV), every <math> rendered as MathML with a box, no
// raw LaTeX left in the text, no horizontal scrolling, and no axe-core violation at the WCAG 2 A and
// AA tags and its best practices. Every same-site link (a[href], link[href], img[src], script[src]) is fetched and must
// answer 200, and its #fragment must name an element of the target page. Every .html, .css and
// .svg file is checked by the Nu HTML checker (vnu.jar): any error fails. Screenshots of the lesson
// and the index go to SCREENSHOT_DIR. The closing line is "browser: N passed, M failed".
//
// Environment: SITE_DIR, BASE_URL (required); CHROMIUM (default /usr/bin/chromium); SCREENSHOT_DIR
// (default: none taken); VNU_JAR (default: the one in node_modules); VERBOSE=1 prints notes.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { inspect, settle } from './facts.mjs';
import { afterFrames, filesUnder, siteFromEnv } from './units.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('check.mjs');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
const VNU_JAR = process.env.VNU_JAR || path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const VERBOSE = process.env.VERBOSE === '1';

const MODES = [
  { name: 'narrow-light', width: 320, height: 640, scheme: 'light', mobile: true },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light', mobile: true },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark', mobile: true },
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light', mobile: false },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark', mobile: false },
];
// (And axe's best practices: landmark-unique among them, since regions of one name, such as
// three "Table"s, cannot be told apart in a screen reader's list of landmarks.)
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'best-practice'];

// ---------------------------------------------------------------------------------------------
// Bookkeeping: every check unit (a page in a mode, a validated file, a fetched link) passes or
// fails; failures carry the page, the check, the element and the message.

const failures = [];
const notes = [];
const units = new Map(); // unit name -> failed?

function unit(name) {
  if (!units.has(name)) units.set(name, false);
}
function fail(unitName, check, page, message, element = '', mode = '') {
  unit(unitName);
  units.set(unitName, true);
  failures.push({ check, page, message, element, modes: mode ? [mode] : [] });
}
function note(check, page, message) {
  notes.push({ check, page, message });
}
const clip = (s, n = 160) => {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
};

// ---------------------------------------------------------------------------------------------
// The Nu HTML checker, started first: it runs in its own JVM while the browser works.

function runVnu() {
  const targets = filesUnder(SITE_DIR, ['.html', '.css', '.svg']);
  const args = ['-Xss8m', '-jar', VNU_JAR, '--stdout', '--format', 'json', '--also-check-css', '--also-check-svg',
    ...targets.map((t) => path.join(SITE_DIR, t))];
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    const p = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', (e) => resolve({ targets, error: `could not start java: ${e.message}` }));
    p.on('close', (code) => {
      try {
        resolve({ targets, code, messages: JSON.parse(out).messages || [] });
      } catch {
        resolve({ targets, error: `vnu.jar exited ${code} without JSON output: ${clip(err || out, 400)}` });
      }
    });
  });
}

function reportVnu(result) {
  for (const t of result.targets) unit(`validate ${t}`);
  if (result.error) {
    fail('validate (all)', 'html-validator', '-', result.error);
    return;
  }
  for (const m of result.messages) {
    const file = m.url ? path.relative(SITE_DIR, fileURLToPath(m.url)).split(path.sep).join('/') : '-';
    const where = m.lastLine ? `line ${m.firstLine ?? m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
    const extract = m.extract ? ` near "${clip(m.extract, 100)}"` : '';
    if (m.type === 'error' || m.type === 'non-document-error') {
      fail(`validate ${file}`, 'html-validator', file, `${clip(m.message, 300)}${extract}`, where);
    } else if (m.subType === 'warning') {
      note('html-validator warning', file, `${where} ${clip(m.message, 300)}${extract}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One page in one mode.

/** The page at `rel` opened in `context`: its console errors, uncaught exceptions and failed
 * requests fail the unit `name`. */
async function open(context, rel, mode, name) {
  const page = await context.newPage();
  page.on('console', (msg) => {
    const loc = msg.location();
    const at = loc && loc.url ? ` (${loc.url.replace(BASE_URL.href, '')}:${loc.lineNumber})` : '';
    if (msg.type() === 'error') fail(name, 'console error', rel, `${clip(msg.text(), 300)}${at}`, '', mode.name);
    else if (msg.type() === 'warning') note('console warning', `${rel} @ ${mode.name}`, clip(msg.text(), 300) + at);
  });
  page.on('pageerror', (err) => fail(name, 'uncaught exception', rel, clip(err.message, 300), '', mode.name));
  page.on('requestfailed', (req) => {
    fail(name, 'failed request', rel, `${req.url().replace(BASE_URL.href, '')}: ${req.failure()?.errorText}`, '', mode.name);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) fail(name, 'failed request', rel, `${res.url().replace(BASE_URL.href, '')}: HTTP ${res.status()}`, '', mode.name);
  });
  return page;
}

/** What `inspect` found, checked: images, inlined figures and their data links, math, raw
 * LaTeX, sideways scrolling. */
function checkFacts(name, rel, mode, facts) {
  const failed = (check, message, where) => fail(name, check, rel, message, where, mode.name);
  for (const img of facts.images) {
    if (img.hidden) continue;
    if (!img.complete || img.naturalWidth === 0) {
      failed('broken image', `${img.src} did not load or decode (naturalWidth ${img.naturalWidth})`, img.where);
    } else if (img.inFigure && (img.w === 0 || img.h === 0 || img.visibility !== 'visible')) {
      failed('figure not displayed', `${img.src} is ${img.w}x${img.h} px, visibility ${img.visibility}`, img.where);
    }
  }
  // Inlined figures: displayed, labelled by their figure's own title and description (a
  // chart's phone drawing by its column drawing's).
  for (const d of facts.drawings) {
    if (d.hidden) continue;
    if (d.w === 0 || d.h === 0 || d.visibility !== 'visible') {
      failed('figure not displayed', `#${d.id} is ${d.w}x${d.h} px, visibility ${d.visibility}`, d.where);
    }
    if (!d.labelled) failed('figure label', `#${d.id}: aria-labelledby/-describedby name an id outside its figure, or an empty one`, d.where);
  }
  // A chart's data link: a CSV with a header and rows, saved under the figure's name.
  for (const l of facts.dataLinks) {
    if (!/^text\/csv/.test(l.type) || !/\.csv$/.test(l.download) || l.lines.length < 2 || !/^[0-9.eE+-]/.test(l.lines[1])) {
      failed('figure data', `data link (${l.type}, download "${l.download}") is not a CSV with rows: "${clip(l.lines.slice(0, 2).join(' / '), 80)}"`, l.where);
    }
  }
  for (const m of facts.maths) {
    if (!m.mathml) failed('math', `<math> is not in the MathML namespace: "${clip(m.text, 80)}"`, m.where);
    else if (m.hidden) note('math hidden', `${rel} @ ${mode.name}`, `${m.where}: "${clip(m.text, 80)}" is inside a hidden element`);
    else if (m.w === 0 || m.h === 0) failed('math', `<math> has an empty box (${m.w}x${m.h}): "${clip(m.text, 80)}"`, m.where);
    else if (!/math/.test(m.display)) failed('math', `<math> not laid out as MathML (display: ${m.display}): "${clip(m.text, 80)}"`, m.where);
  }
  for (const t of facts.texts) failed('raw LaTeX', `${t.what}: "${clip(t.context, 140)}"`, t.where);
  // Layout: no sideways scrolling of the whole page.
  if (facts.scrollWidth > facts.clientWidth + 1) {
    const whole = `the page scrolls sideways: ${facts.scrollWidth} px of content in a ${facts.clientWidth} px viewport`;
    if (!facts.wide.length) failed('horizontal overflow', `${whole} (no single element found)`, '');
    for (const c of facts.wide) {
      failed('horizontal overflow', `${whole}; this sticks out to ${c.right} px${c.text ? `: "${clip(c.text, 90)}"` : ''}`, c.where);
    }
  }
}

/** The page's ids (`idsByPath`) and its same-site links to fetch later (`linkUses`, by URL
 * without its fragment); other links are checked here. */
function collectLinks(rel, url, facts, idsByPath, linkUses) {
  idsByPath.set(new URL(url).pathname, new Set(facts.ids));
  for (const l of facts.links) {
    if (!l.raw) continue;
    if (/^(mailto|tel|data):/i.test(l.raw)) continue;
    if (/^javascript:/i.test(l.raw)) {
      fail(`${rel} links`, 'link', rel, `javascript: URL "${clip(l.raw, 80)}"`, l.where);
      continue;
    }
    let u;
    try {
      u = new URL(l.raw, url);
    } catch {
      fail(`${rel} links`, 'link', rel, `unparsable URL "${l.raw}"`, l.where);
      continue;
    }
    if (u.origin !== BASE_URL.origin) {
      if (!['http:', 'https:'].includes(u.protocol)) fail(`${rel} links`, 'link', rel, `unexpected URL scheme "${clip(l.raw, 80)}"`, l.where);
      else if (l.tag !== 'a' && !(l.tag === 'link' && /canonical|alternate/.test(l.rel))) {
        fail(`${rel} links`, 'external resource', rel, `${l.tag} loads ${l.raw} from another site`, l.where);
      } else note('external link (not fetched)', rel, `${l.where}: ${l.raw}`);
      continue;
    }
    if (l.raw.startsWith('/')) note('root-absolute link', rel, `${l.where}: ${l.raw} (breaks when the site is served from a sub-path)`);
    const hash = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
    u.hash = '';
    if (!linkUses.has(u.href)) linkUses.set(u.href, []);
    linkUses.get(u.href).push({ page: rel, where: l.where, hash, tag: l.tag, raw: l.raw });
  }
}

/** axe-core's violations, gathered by page, rule and element across modes (`axeSeen`), and what
 * it could not decide, as notes. */
async function runAxe(page, name, rel, mode, axeSource, axeSeen) {
  try {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
      const pick = (list) => list.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => {
          const target = n.target.join(' ');
          let section = '';
          try {
            const el = document.querySelector(target);
            const hs = el ? [...document.querySelectorAll('h1[id], h2[id], h3[id], h4[id]')]
              .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : [];
            if (hs.length && !el.closest('nav, header')) section = ` (in #${hs[hs.length - 1].id})`;
          } catch { /* a selector into a shadow root or iframe */ }
          const summary = (n.failureSummary || '').split('\n').map((l) => l.trim())
            .filter((l) => l && !/^Fix (any|all) of the following:$/i.test(l)).join('; ');
          return { target: target + section, html: n.html, summary };
        }),
      }));
      return { violations: pick(r.violations), incomplete: pick(r.incomplete) };
    }, AXE_TAGS);
    for (const v of result.violations) {
      for (const n of v.nodes) {
        const key = `${rel}|${v.id}|${n.target}`;
        if (!axeSeen.has(key)) axeSeen.set(key, { page: rel, v, n, modes: [] });
        axeSeen.get(key).modes.push(mode.name);
        unit(name);
        units.set(name, true);
      }
    }
    for (const v of result.incomplete) {
      for (const n of v.nodes) note(`axe needs review: ${v.id}`, `${rel} @ ${mode.name}`, `${n.target}: ${clip(n.summary || v.help, 200)}`);
    }
  } catch (e) {
    fail(name, 'axe', rel, `axe-core could not run: ${clip(e.message, 300)}`, '', mode.name);
  }
}

/** The screenshots the README shows, taken of the pages and modes they are of: how many. */
async function screenshots(page, rel, mode) {
  const shots = {
    'relu/index.html desktop-light': ['lesson-desktop.png', 1280, 2000],
    'relu/index.html phone-light': ['lesson-phone.png', 390, 2600],
    'relu/index.html desktop-dark': ['lesson-dark.png', 1280, 2000],
    'zh-CN/relu/index.html phone-light': ['lesson-zh-phone.png', 390, 2600],
    'index.html desktop-light': ['index.png', 1280, 1500],
  };
  const shot = SCREENSHOT_DIR && shots[`${rel} ${mode.name}`];
  if (!shot) return 0;
  const [file, w, h] = shot;
  // The window is made as tall as the shot: an explorable page skips its blocks out of view
  // (explore.js), which a shot of the whole page beyond the window would show blank.
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  const windowSize = page.viewportSize();
  await page.setViewportSize({ width: w, height: Math.min(h, full) });
  await page.evaluate(() => scrollTo(0, 0));
  await afterFrames(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(windowSize);
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Links, fetched once each; fragments checked against the target page's ids.

async function fetchLinks(browser, linkUses, idsByPath) {
  const request = (await browser.newContext()).request;
  for (const [target, uses] of [...linkUses].sort()) {
    const short = target.replace(BASE_URL.href, '') || '/';
    const unitName = `link ${short}`;
    unit(unitName);
    let status;
    try {
      const res = await request.get(target, { maxRedirects: 0, timeout: 15000 });
      status = res.status();
      await res.dispose();
    } catch (e) {
      status = clip(e.message, 120);
    }
    if (status !== 200) {
      for (const u of uses) fail(unitName, 'broken link', u.page, `${u.raw} -> ${short}: ${typeof status === 'number' ? `HTTP ${status}` : status}`, u.where);
      continue;
    }
    let p = new URL(target).pathname;
    if (p.endsWith('/')) p += 'index.html';
    for (const u of uses) {
      if (!u.hash) continue;
      const ids = idsByPath.get(p);
      if (!ids) note('fragment not checked', u.page, `${u.raw}: ${short} is not an HTML page of the site`);
      else if (!ids.has(u.hash)) fail(unitName, 'broken fragment', u.page, `${u.raw}: no element with id "${u.hash}" in ${short}`, u.where);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The report.

function report(t0, shots) {
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (VERBOSE || failures.length) {
    const grouped = new Map();
    for (const n of notes) {
      if (!grouped.has(n.check)) grouped.set(n.check, []);
      grouped.get(n.check).push(n);
    }
    if (grouped.size) console.log('\nNotes (not failures):');
    for (const [k, list] of grouped) {
      console.log(`  ${k}: ${list.length}`);
      for (const n of list.slice(0, VERBOSE ? list.length : 5)) console.log(`    ${n.page}: ${n.message}`);
      if (!VERBOSE && list.length > 5) console.log(`    ... (${list.length - 5} more; VERBOSE=1 shows all)`);
    }
  } else if (notes.length) {
    console.log(`(${notes.length} notes, not failures: VERBOSE=1 shows them)`);
  }
  if (failures.length) {
    // Merge identical failures seen in several modes.
    const merged = new Map();
    for (const f of failures) {
      const k = `${f.check}|${f.page}|${f.element}|${f.message}`;
      if (!merged.has(k)) merged.set(k, { ...f, modes: new Set() });
      for (const m of f.modes || []) merged.get(k).modes.add(m);
    }
    const list = [...merged.values()].sort((a, b) => a.page.localeCompare(b.page) || a.check.localeCompare(b.check));
    console.log(`\nFAILURES (${list.length}):`);
    for (const f of list) {
      const modes = f.modes.size === 0 ? '' : f.modes.size === MODES.length ? ' [all modes]' : ` [${[...f.modes].join(', ')}]`;
      console.log(`  ✗ ${f.page} — ${f.check}${f.element ? ` — ${f.element}` : ''}${modes}\n      ${f.message}`);
    }
  }
  const failed = [...units.values()].filter(Boolean).length;
  const passed = units.size - failed;
  const byKind = (prefix) => {
    const keys = [...units.keys()].filter((k) => prefix(k));
    return `${keys.length - keys.filter((k) => units.get(k)).length}/${keys.length}`;
  };
  console.log(`\nSummary (${seconds} s):`);
  console.log(`  pages in the browser (page x mode) ok: ${byKind((k) => k.includes(' @ '))}`);
  console.log(`  links fetched ok:                     ${byKind((k) => k.startsWith('link '))}`);
  console.log(`  files valid (Nu HTML checker):        ${byKind((k) => k.startsWith('validate '))}`);
  if (SCREENSHOT_DIR) console.log(`  screenshots: ${shots} in ${path.relative(process.cwd(), SCREENSHOT_DIR) || SCREENSHOT_DIR}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const pages = filesUnder(SITE_DIR, ['.html']);
  if (pages.length === 0) {
    console.error(`check.mjs: no .html file in ${SITE_DIR}`);
    process.exit(2);
  }
  const vnu = runVnu();
  const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  console.log(`browser: Chromium ${browser.version()}, axe-core ${JSON.parse(fs.readFileSync(path.join(here, 'node_modules/axe-core/package.json'))).version}, ${pages.length} pages x ${MODES.length} modes`);

  const idsByPath = new Map(); // URL pathname -> Set of ids (from the desktop-light pass)
  const linkUses = new Map(); // absolute URL without hash -> [{page, where, hash, tag}]
  const axeSeen = new Map(); // page|rule|target -> {modes, violation, node}
  let shots = 0;

  for (const mode of MODES) {
    const context = await browser.newContext({
      viewport: { width: mode.width, height: mode.height },
      deviceScaleFactor: 1,
      isMobile: false,
      hasTouch: mode.mobile,
      colorScheme: mode.scheme,
      reducedMotion: 'reduce',
      javaScriptEnabled: true,
    });
    for (const rel of pages) {
      const name = `${rel} @ ${mode.name}`;
      unit(name);
      const url = new URL(rel, BASE_URL).href;
      const page = await open(context, rel, mode, name);
      let facts;
      try {
        const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
        if (!res || res.status() !== 200) fail(name, 'page load', rel, `HTTP ${res ? res.status() : 'no response'}`, '', mode.name);
        await settle(page);
        facts = await page.evaluate(inspect);
      } catch (e) {
        fail(name, 'page load', rel, clip(e.message, 300), '', mode.name);
        await page.close();
        continue;
      }
      checkFacts(name, rel, mode, facts);
      // Links and ids: once, in the desktop light pass.
      if (mode.name === 'desktop-light') collectLinks(rel, url, facts, idsByPath, linkUses);
      await runAxe(page, name, rel, mode, axeSource, axeSeen);
      shots += await screenshots(page, rel, mode);
      await page.close();
    }
    await context.close();
  }

  for (const { page, v, n, modes } of axeSeen.values()) {
    failures.push({
      check: `axe ${v.id} (${v.impact})`,
      page,
      element: n.target,
      modes,
      message: `${v.help} (${v.helpUrl.replace(/\?.*$/, '')}). ${clip(n.summary, 300)} — ${clip(n.html, 160)}`,
    });
  }
  await fetchLinks(browser, linkUses, idsByPath);
  await browser.close();
  reportVnu(await vnu);
  report(t0, shots);
}

main().catch((e) => {
  console.error(`check.mjs crashed: ${e.stack || e}`);
  process.exit(2);
});
