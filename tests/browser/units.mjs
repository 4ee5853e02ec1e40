// What the browser scripts share: the served site they check (SITE_DIR, BASE_URL, CHROMIUM from
// run.sh) and the units they count (a unit passes until a check of it fails).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The site and browser `script` checks; exits with 2 when run.sh did not set them. */
export function siteFromEnv(script) {
  if (!process.env.SITE_DIR || !process.env.BASE_URL) {
    console.error(`${script}: set SITE_DIR and BASE_URL (run tests/browser/run.sh instead)`);
    process.exit(2);
  }
  return {
    SITE_DIR: path.resolve(process.env.SITE_DIR),
    BASE_URL: new URL(process.env.BASE_URL),
    CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** Every file under `dir` whose name ends with one of `exts`, as sorted paths relative to `dir`
 *  (with `/`). */
export function filesUnder(dir, exts) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isFile() && exts.some((x) => e.name.endsWith(x))) out.push(path.relative(dir, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The model's element in an explorable page's HTML (its id names the model's format:
 *  `nn-model-v2`, src/explore.rs MODEL_ID), its JSON the first group. */
const MODEL = /<script type="application\/json" id="nn-model[^"]*">([\s\S]*?)<\/script>/;

/** The model an explorable page's HTML carries, parsed; null for a page without one. */
export function modelIn(html) {
  const m = MODEL.exec(html);
  return m && JSON.parse(m[1]);
}

/** The pages under `dir` that carry a model (explorable lessons), as paths, sorted. */
export function explorablePages(dir) {
  return filesUnder(dir, ['index.html'])
    .filter((f) => f === 'index.html' || f.endsWith('/index.html'))
    .map((f) => path.join(dir, f))
    .filter((p) => MODEL.test(fs.readFileSync(p, 'utf8')));
}

/** The explorable pages of the site `explore.mjs` or `exact.mjs` (`script`) checks. A
 *  hand-written site of the self-test, which has none and no ReLU lesson, has nothing to check:
 *  the script closes `browser` and ends with "<script>: 0 passed, 0 failed". */
export async function explorableOrDone(dir, script, browser) {
  const pages = explorablePages(dir);
  if (pages.length === 0 && !fs.existsSync(path.join(dir, 'relu', 'index.html'))) {
    console.log('  no explorable page in this hand-written site: nothing to check');
    await browser.close();
    console.log(`${script}: 0 passed, 0 failed`);
    process.exit(0);
  }
  return pages;
}

/** The console errors and uncaught exceptions of `page`, as they come. */
export function errorsOf(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** Resolves once `page` has its fonts and has drawn three more frames (an explorable page's
 *  script skips blocks out of view two frames after laying the page out whole). Each wait is
 *  bounded (10 s for the fonts, 1 s a frame): a page that is not drawn runs no frame callbacks,
 *  and a check that waits for one forever would hang the whole run. */
export function afterFrames(page) {
  return page.evaluate(async () => {
    const within = (ms, p) => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);
    await within(10000, document.fonts.ready);
    for (let i = 0; i < 3; i++) await within(1000, new Promise((r) => requestAnimationFrame(r)));
  });
}

/** Resolves once `page` has drawn two frames and 60 ms more (a screenshot then shows what a
 *  change made). */
export const frame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 60)))));

/** Where two strings first differ: each one's text around that place (`context` characters
 * either side), or null when they are equal. */
export function around(a, b, context) {
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  const near = (s) => s.slice(Math.max(0, i - context), i + context);
  return [near(a), near(b)];
}

/** A deterministic generator of numbers in [0, 1) (xorshift64*) from a BigInt `seed`, so that a
 * failure can be reproduced. */
export function seeded(seed) {
  let state = BigInt(seed);
  return () => {
    state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
    return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
  };
}

/** A tally of units: `unit(name)` counts one, `fail(name, check, message)` fails it. */
export function tally() {
  const units = new Map();
  const failures = [];
  const unit = (name) => {
    if (!units.has(name)) units.set(name, false);
  };
  const fail = (name, check, message) => {
    unit(name);
    units.set(name, true);
    failures.push(`${name} — ${check}: ${message}`);
  };
  /** Print the failures, a summary of `what` was checked since `t0`, and the closing line
   * "<script>: N passed, M failed"; exit 1 if a unit failed. */
  const report = (script, t0, what) => {
    if (failures.length) {
      console.log(`\nFAILURES (${failures.length}):`);
      for (const f of failures) console.log(`  ✗ ${f}`);
    }
    const failed = [...units.values()].filter(Boolean).length;
    console.log(`\n${script} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${what}`);
    console.log(`${script}: ${units.size - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  };
  return { units, failures, unit, fail, report };
}

// axe-core's source, read once, when a script first asks for it.
let axeSource = null;

/** axe-core's WCAG 2 A and AA violations on `page` as it is, each as its rule and the first
 *  elements it names ("color-contrast: #a, #b"). (check.mjs runs axe its own way: it also
 *  notes what axe could not decide, and groups what it finds across modes.) */
export async function axeViolations(page) {
  axeSource ??= fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Decode a PNG (a screenshot) in a scratch page: { w, h, data } (RGBA). */
export async function decode(scratch, png) {
  return scratch.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return { w: img.width, h: img.height, data: Array.from(g.getImageData(0, 0, img.width, img.height).data) };
  }, png.toString('base64'));
}

// A block of a lesson as the reader gets it, in the page (`nnBlockOf`), without what the script
// adds for its own layout (a value's box) or shows on a pointer (a readout).
// (`nnSaid`: only what a screen reader reads of it: an <svg role="img"> is its title and
// description, never what is drawn or whether it is shown yet, and a canvas hidden from it is not
// read.)
// (Given to `addInitScript`: it runs in each page before the page's own script, so it uses
// nothing from this module.)
export const pageHelpers = () => {
  const clean = (b) => {
    const c = b.cloneNode(true);
    c.querySelectorAll('.nn-readout').forEach((e) => e.remove());
    [c, ...c.querySelectorAll('*')].forEach((e) => {
      e.removeAttribute('style');
      e.classList.remove('nn-root');
      if (e.getAttribute('class') === '') e.removeAttribute('class');
    });
    return c;
  };
  window.nnBlockOf = (b) => clean(b).outerHTML;
  window.nnSaid = (b) => {
    const c = clean(b);
    // (A canvas of the script's is hidden from screen readers.)
    c.querySelectorAll('canvas[aria-hidden=true]').forEach((e) => e.remove());
    c.querySelectorAll('svg[role=img]').forEach((svg) => {
      svg.classList.remove('nn-behind');
      [...svg.childNodes].forEach((e) => { if (!/^(title|desc)$/.test(e.localName || '')) e.remove(); });
    });
    return c.outerHTML;
  };
  // The reader scrolls through the page and back to its top, a frame at each place 400 px
  // apart: every block skipped out of view is laid out (with its new height) on the way, and
  // every drawing left for later is drawn. With `expected` (each block as `nnBlockOf` gives
  // it), each place is checked in that frame's animation callback (after the scroll event,
  // before the frame is painted): a block on screen that is not the expected one is the
  // problem returned.
  window.nnScrollThrough = async (expected) => {
    const blocks = [...document.querySelectorAll('.lesson-body > *')];
    for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
      scrollTo(0, y);
      const problem = await new Promise((r) => requestAnimationFrame(() => {
        if (!expected) return r(null);
        const k = blocks.findIndex((b, i) => {
          const box = b.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight && window.nnBlockOf(b) !== expected[i];
        });
        r(k < 0 ? null : `scrolled to ${y} px, block ${k} on screen (${blocks[k].tagName.toLowerCase()}) is not as the page set at once to the same parameters shows it`);
      }));
      if (problem) return problem;
    }
    scrollTo(0, 0);
    await new Promise((r) => requestAnimationFrame(r));
    return null;
  };
  // The sixth chart scrolled to just above the drawer (1e).
  window.nnSixthAboveDrawer = async () => {
    const top = document.querySelector('.nn-controls').getBoundingClientRect().top;
    scrollBy(0, document.getElementById('figure-step-6').getBoundingClientRect().bottom - top + 20);
    await new Promise((r) => requestAnimationFrame(r));
  };
};

/** A lesson with a network (w1, b1, w2, b2, so sliders) and one figure, `front` added to its
 *  front matter. */
export function smallLesson(title, front) {
  return `+++\ntitle = "${title}"\nsummary = "About ${title}."\n${front}\n+++\n\n## The network\n\nThe top node has w1 = {{ w1 }}.\n\n` +
    '```network\ninput = { name = "x", from = 0.0, to = 1.0, samples = 11 }\n\n[[layer]]\nactivation = "relu"\n' +
    'nodes = [{ name = "top", weights = { w1 = 1.5 }, bias = { b1 = -0.5 } }]\n\n[output]\nactivation = "identity"\n' +
    'weights = { w2 = 2.0 }\nbias = { b2 = 0.0 }\n```\n\n```figure\nid = "out"\ntitle = "Output"\n' +
    'series = [{ signal = "output.activation", label = "Output" }]\n```\n';
}

/** A free port on loopback. */
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A project of `lessons` (each `[file, title, front matter]`, a [smallLesson], and text after
 *  it and a function of the lesson's text to change it, if any) and `config`
 *  (its nnbook.toml, if any) built by the
 *  `nnbook` command (its words) in a temporary folder named after `name`, and its site served
 *  by a plain static server on loopback: `{ site, served, close }`, `served` the site's address
 *  and `close()` stopping the server and removing the folder. */
export async function servedProject(nnbook, name, lessons, config = '') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `nnbook-${name}-`));
  const root = path.join(tmp, 'p');
  fs.mkdirSync(path.join(root, 'content'), { recursive: true });
  if (config) fs.writeFileSync(path.join(root, 'nnbook.toml'), config);
  for (const [file, title, front, body = '', edit = (text) => text] of lessons) fs.writeFileSync(path.join(root, 'content', file), edit(smallLesson(title, front) + body));
  execFileSync(nnbook[0], [...nnbook.slice(1), 'build', '--quiet', '--root', root], { stdio: ['ignore', 'ignore', 'ignore'] });
  const site = path.join(root, 'site');
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', site, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => { const c = net.connect(port, '127.0.0.1', () => { c.end(); r(true); }).on('error', () => r(false)); });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const close = () => {
    server.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { site, served: `http://127.0.0.1:${port}/`, close };
}

/** Runs `script` (check.mjs, index.mjs) with `env` on a site of its own (`what`, as units name
 *  it) as run.sh runs it on the shipped one: one unit of `tally`'s, failed with the script's
 *  report unless its closing line says "0 failed". */
export function runScript({ unit, fail }, script, what, env) {
  const name = `${script} on ${what}`;
  unit(name);
  let out = '';
  try {
    out = execFileSync('node', [path.join(path.dirname(fileURLToPath(import.meta.url)), script)], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    out = `${e.stdout || ''}${e.stderr || ''}`;
  }
  const closing = out.trim().split('\n').pop();
  console.log(`  ${script}: ${closing}`);
  if (!/: \d+ passed, 0 failed$/.test(closing)) fail(name, script, out.trim().split('\n').slice(-40).join('\n'));
}

// In a page (`page.evaluate(boxedValuesInPlace, loaded)`): each value the script put in a box of
// its own (`.nn-root`) measured where its text is drawn, then again with every box taken away
// (the blocks skipped out of view laid out meanwhile); null when each stands where it would,
// else what moved. `loaded`: a value in a formula must be in a box too.
export function boxedValuesInPlace(loaded) {
  const skip = document.body.classList.contains('nn-skip');
  document.body.classList.remove('nn-skip');
  const boxed = [...document.querySelectorAll('.lesson-body .nn-root')];
  const at = () => boxed.map((v) => {
    const r = document.createRange();
    r.selectNodeContents(v);
    const b = r.getBoundingClientRect();
    return [b.left, b.top];
  });
  const inBox = at(), kept = boxed.map((v) => [v.getAttribute('class'), v.getAttribute('style')]);
  boxed.forEach((v) => { v.classList.remove('nn-root'); v.removeAttribute('style'); });
  const inline = at();
  boxed.forEach((v, i) => { v.setAttribute('class', kept[i][0]); v.setAttribute('style', kept[i][1]); });
  if (skip) document.body.classList.add('nn-skip');
  if (loaded && document.querySelector('.lesson-body mn[data-nn]') && !boxed.some((v) => v.localName === 'mn')) return 'no value in a formula is in a box';
  const k = inBox.findIndex((p, i) => Math.abs(p[0] - inline[i][0]) > 0.5 || Math.abs(p[1] - inline[i][1]) > 0.5);
  return k < 0 ? null : `"${boxed[k].textContent}" (<${boxed[k].localName}>) is drawn at ${inBox[k].map(Math.round)} in its box, at ${inline[k].map(Math.round)} without it`;
}
