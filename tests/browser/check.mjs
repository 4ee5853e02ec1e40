// nnbook in a real browser (issue 4). Started by run.sh, which builds the site and serves it:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node check.mjs
//
// Every .html file of the site is loaded in headless Chromium at 320, 390 and 1280 px wide, in light
// and dark mode, and must show: no console error or uncaught exception, no failed request, every
// image decoded (and every inlined figure on screen, labelled by its figure's own title, its data link a
// CSV), every <math> rendered as MathML with a box, no
// raw LaTeX left in the text, no horizontal scrolling, and no axe-core violation at the WCAG 2 A and
// AA tags. Every same-site link (a[href], link[href], img[src], script[src]) is fetched and must
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
const AXE_TAGS = ['wcag2a', 'wcag2aa'];

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
// In the page.

/** Scrolls through the page (lazy images load), back to the top, and waits for every image. */
async function settle(page) {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(innerHeight * 0.8));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      // (A page that is not drawn runs no frame callbacks: the timer alone goes on.)
      await new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 16)); setTimeout(r, 200); });
    }
    scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => setTimeout(r, 50));
  });
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
  await page.evaluate(async () => {
    // Every wait at most 10 s: a lazy image that never started loading may never load or decode.
    const bounded = (p) => Promise.race([p, new Promise((r) => setTimeout(r, 10000))]);
    const loaded = (img) => (img.complete ? Promise.resolve() : bounded(new Promise((r) => {
      img.addEventListener('load', r, { once: true });
      img.addEventListener('error', r, { once: true });
    })));
    await Promise.all([...document.images].map(loaded));
    await Promise.all([...document.images].map((img) => (img.decode ? bounded(img.decode().catch(() => {})) : null)));
    if (document.fonts) await bounded(document.fonts.ready);
    scrollTo(0, 0);
  });
}

/** Facts about the rendered page, gathered in the page. */
function inspect() {
  const describe = (el) => {
    if (!el) return '';
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.classList && el.classList.length) s += '.' + [...el.classList].join('.');
    const parent = el.parentElement && el.parentElement.closest('figure[id], nav, header, footer, table');
    if (parent) s = `${parent.tagName.toLowerCase()}${parent.id ? '#' + parent.id : ''} ${s}`;
    // The section it is in: the last heading with an id before it.
    const headings = [...document.querySelectorAll('h1[id], h2[id], h3[id], h4[id]')]
      .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (headings.length && !el.closest('nav, header')) s += ` (in #${headings[headings.length - 1].id})`;
    return s;
  };
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return { w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 };
  };
  const hidden = (el) => {
    // Not rendered on purpose: inside closed <details>, [hidden], display:none ancestors.
    for (let e = el; e; e = e.parentElement) {
      if (e.hidden) return true;
      if (e.tagName === 'DETAILS' && !e.open && e !== el) {
        const summary = e.querySelector(':scope > summary');
        if (!summary || !summary.contains(el)) return true;
      }
      if (getComputedStyle(e).display === 'none') return true;
    }
    return false;
  };

  const images = [...document.images].map((img) => ({
    src: img.getAttribute('src'),
    where: describe(img),
    inFigure: !!img.closest('figure'),
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    ...rect(img),
    visibility: getComputedStyle(img).visibility,
    hidden: hidden(img),
  }));

  const maths = [...document.getElementsByTagName('math')].map((m) => ({
    where: describe(m),
    mathml: m.namespaceURI === 'http://www.w3.org/1998/Math/MathML',
    display: getComputedStyle(m).display,
    text: m.getAttribute('aria-label') || m.textContent,
    ...rect(m),
    hidden: hidden(m),
  }));

  // Raw LaTeX in text: outside code, math and the like. Heuristics: a backslash command such as
  // \mathrm or \frac, a \( \) \[ \] delimiter, $$, or a $...$ span holding ^ _ { } or a backslash.
  const skip = 'code, pre, kbd, samp, math, script, style, svg, textarea, template';
  const texts = [];
  const root = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Text of a block, joined across inline elements, so "$x" <em>..</em> "$" is seen whole.
  const blocks = new Map();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const block = n.parentElement.closest('p, li, td, th, figcaption, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, summary, div') || root;
    blocks.set(block, (blocks.get(block) || '') + n.data);
  }
  const latex = [
    [/\\(?:[A-Za-z]{2,}|[()[\]])/, 'a LaTeX command or delimiter'],
    [/\$\$/, 'a $$ delimiter'],
    [/(?:^|[^\\\w])\$(?=\S)[^$\n]*?(?:[\\^_{}])[^$\n]*?\S\$/, 'a $…$ span with TeX in it'],
  ];
  for (const [block, text] of blocks) {
    for (const [re, what] of latex) {
      const m = text.match(re);
      if (m) {
        const at = Math.max(0, m.index - 40);
        texts.push({ where: describe(block), what, context: text.slice(at, m.index + m[0].length + 40) });
        break;
      }
    }
  }

  // Figures and diagrams are inlined SVG; charts carry their CSV in a data: link.
  const drawings = [...document.querySelectorAll('figure > svg')].map((svg) => ({
    id: svg.closest('figure').id,
    where: describe(svg),
    ...rect(svg),
    visibility: getComputedStyle(svg).visibility,
    hidden: hidden(svg),
    labelled: (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
      .concat((svg.getAttribute('aria-describedby') || '').split(' ').filter(Boolean))
      .every((id) => document.getElementById(id) && document.getElementById(id).textContent.trim() !== ''
        && svg.closest('figure').contains(document.getElementById(id))),
  }));
  const dataLinks = [...document.querySelectorAll('figure a[href^="data:"]')].map((a) => {
    const href = a.getAttribute('href');
    const comma = href.indexOf(',');
    let text = '';
    try { text = decodeURIComponent(href.slice(comma + 1)); } catch { text = ''; }
    return { where: describe(a), download: a.getAttribute('download') || '', type: href.slice(5, comma), lines: text.split('\n').filter(Boolean) };
  });

  const links = [];
  for (const [sel, attr] of [['a[href]', 'href'], ['link[href]', 'href'], ['img[src]', 'src'], ['script[src]', 'src'], ['source[src]', 'src']]) {
    for (const el of document.querySelectorAll(sel)) {
      links.push({ raw: el.getAttribute(attr), url: el[attr], tag: el.tagName.toLowerCase(), rel: el.getAttribute('rel') || '', where: describe(el) });
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
    .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));

  const doc = document.documentElement;
  return {
    title: document.title,
    lang: doc.getAttribute('lang'),
    images,
    drawings,
    dataLinks,
    maths,
    texts,
    links,
    ids,
    scrollWidth: doc.scrollWidth,
    clientWidth: doc.clientWidth,
    wide: (() => {
      // The outermost elements that stick out of the viewport, outside any scrolling or clipping
      // box; a part of a formula stands for its whole <math>.
      const W = doc.clientWidth + 1;
      const clipped = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      const out = new Map();
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.right <= W || clipped(e)) continue;
        const culprit = e.closest('math') || e;
        const parent = culprit.parentElement;
        if (culprit === e && parent && parent !== document.body && parent.getBoundingClientRect().right > W) continue;
        if (!out.has(culprit)) {
          out.set(culprit, {
            where: describe(culprit),
            right: Math.round(Math.max(r.right, culprit.getBoundingClientRect().left + culprit.scrollWidth)),
            text: culprit.tagName === 'math' ? culprit.textContent : '',
          });
        } else out.get(culprit).right = Math.max(out.get(culprit).right, Math.round(r.right));
      }
      return [...out.values()].slice(0, 10);
    })(),
  };
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

      // Images.
      for (const img of facts.images) {
        if (img.hidden) continue;
        if (!img.complete || img.naturalWidth === 0) {
          fail(name, 'broken image', rel, `${img.src} did not load or decode (naturalWidth ${img.naturalWidth})`, img.where, mode.name);
        } else if (img.inFigure && (img.w === 0 || img.h === 0 || img.visibility !== 'visible')) {
          fail(name, 'figure not displayed', rel, `${img.src} is ${img.w}x${img.h} px, visibility ${img.visibility}`, img.where, mode.name);
        }
      }
      // Inlined figures: displayed, labelled by their figure's own title and description (a
      // chart's phone drawing by its column drawing's).
      for (const d of facts.drawings) {
        if (d.hidden) continue;
        if (d.w === 0 || d.h === 0 || d.visibility !== 'visible') {
          fail(name, 'figure not displayed', rel, `#${d.id} is ${d.w}x${d.h} px, visibility ${d.visibility}`, d.where, mode.name);
        }
        if (!d.labelled) fail(name, 'figure label', rel, `#${d.id}: aria-labelledby/-describedby name an id outside its figure, or an empty one`, d.where, mode.name);
      }
      // A chart's data link: a CSV with a header and rows, saved under the figure's name.
      for (const l of facts.dataLinks) {
        if (!/^text\/csv/.test(l.type) || !/\.csv$/.test(l.download) || l.lines.length < 2 || !/^[0-9.eE+-]/.test(l.lines[1])) {
          fail(name, 'figure data', rel, `data link (${l.type}, download "${l.download}") is not a CSV with rows: "${clip(l.lines.slice(0, 2).join(' / '), 80)}"`, l.where, mode.name);
        }
      }
      // Math.
      for (const m of facts.maths) {
        if (!m.mathml) fail(name, 'math', rel, `<math> is not in the MathML namespace: "${clip(m.text, 80)}"`, m.where, mode.name);
        else if (m.hidden) note('math hidden', `${rel} @ ${mode.name}`, `${m.where}: "${clip(m.text, 80)}" is inside a hidden element`);
        else if (m.w === 0 || m.h === 0) fail(name, 'math', rel, `<math> has an empty box (${m.w}x${m.h}): "${clip(m.text, 80)}"`, m.where, mode.name);
        else if (!/math/.test(m.display)) fail(name, 'math', rel, `<math> not laid out as MathML (display: ${m.display}): "${clip(m.text, 80)}"`, m.where, mode.name);
      }
      for (const t of facts.texts) {
        fail(name, 'raw LaTeX', rel, `${t.what}: "${clip(t.context, 140)}"`, t.where, mode.name);
      }
      // Layout: no sideways scrolling of the whole page.
      if (facts.scrollWidth > facts.clientWidth + 1) {
        const whole = `the page scrolls sideways: ${facts.scrollWidth} px of content in a ${facts.clientWidth} px viewport`;
        if (!facts.wide.length) fail(name, 'horizontal overflow', rel, `${whole} (no single element found)`, '', mode.name);
        for (const c of facts.wide) {
          fail(name, 'horizontal overflow', rel, `${whole}; this sticks out to ${c.right} px${c.text ? `: "${clip(c.text, 90)}"` : ''}`, c.where, mode.name);
        }
      }

      // Links and ids: once, in the desktop light pass.
      if (mode.name === 'desktop-light') {
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
          const key = u.href;
          if (!linkUses.has(key)) linkUses.set(key, []);
          linkUses.get(key).push({ page: rel, where: l.where, hash, tag: l.tag, raw: l.raw });
        }
      }

      // axe-core.
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

      // Screenshots.
      if (SCREENSHOT_DIR) {
        const lesson = rel === 'relu/index.html';
        // The window is made as tall as the shot: an explorable page skips its blocks out of
        // view (explore.js), which a shot of the whole page beyond the window would show blank.
        const take = async (file, w, h) => {
          const full = await page.evaluate(() => document.documentElement.scrollHeight);
          const windowSize = page.viewportSize();
          await page.setViewportSize({ width: w, height: Math.min(h, full) });
          await page.evaluate(() => scrollTo(0, 0));
          await afterFrames(page);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), animations: 'disabled', caret: 'hide' });
          await page.setViewportSize(windowSize);
          shots++;
        };
        if (lesson && mode.name === 'desktop-light') await take('lesson-desktop.png', 1280, 2000);
        if (lesson && mode.name === 'phone-light') await take('lesson-phone.png', 390, 2600);
        if (lesson && mode.name === 'desktop-dark') await take('lesson-dark.png', 1280, 2000);
        if (rel === 'zh-CN/relu/index.html' && mode.name === 'phone-light') await take('lesson-zh-phone.png', 390, 2600);
        if (rel === 'index.html' && mode.name === 'desktop-light') await take('index.png', 1280, 1500);
      }
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

  // Fetch every same-site URL once; check fragments against the target page's ids.
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
  await browser.close();

  reportVnu(await vnu);

  // -------------------------------------------------------------------------------------------
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (VERBOSE || failures.length) {
    const grouped = new Map();
    for (const n of notes) {
      const k = n.check;
      if (!grouped.has(k)) grouped.set(k, []);
      grouped.get(k).push(n);
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

main().catch((e) => {
  console.error(`check.mjs crashed: ${e.stack || e}`);
  process.exit(2);
});
