// Explorable lessons (issue 13): for random parameters, the page's script computes and shows
// exactly what the build writes. Started by run.sh:
//
//   NNBOOK=<command running nnbook> SITE_DIR=<built site> ROOT=<repository> node exact.mjs
//
// SETTINGS (default 200) random parameter settings across the shipped lessons: each is written
// into a copy of its lesson, all copies are built with `nnbook build`, and for each the values the
// page computes for those parameters must equal the CSV data the build wrote for them (every
// sampled input, every series) to 1e-12 relative, and what the page shows (each chart's drawing,
// each table's rows, each signal value in the prose, the whole lesson's text) must be the built
// page's. (explore.mjs checks the page at the author's values and in use.)
// The last line is "exact: N passed, M failed".
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { around, errorsOf, explorableOrDone, modelIn, pageHelpers, seeded } from './units.mjs';

const SITE_DIR = process.env.SITE_DIR;
const ROOT = process.env.ROOT;
const NNBOOK = (process.env.NNBOOK || 'cargo run -q --').split(' ');
const SETTINGS = Number(process.env.SETTINGS || 200);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0;
let failed = 0;
const fail = (what, detail) => { failed++; console.log(`  ✗ ${what}\n      ${detail}`); };
const pass = () => { passed++; };

const random = seeded(0x2545f4914f6cdd1dn);

// Two data links' CSVs: the same header and rows, numbers equal to 1e-12 relative.
function sameCsv(a, b) {
  const rows = (h) => decodeURIComponent(h.slice(h.indexOf(',') + 1)).split('\n');
  const ra = rows(a), rb = rows(b);
  return ra.length === rb.length && ra.every((row, i) => {
    const ca = row.split(','), cb = rb[i].split(',');
    return ca.length === cb.length && ca.every((c, k) => {
      if (c === cb[k]) return true;
      const x = Number(c), y = Number(cb[k]);
      return c !== '' && cb[k] !== '' && Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
    });
  });
}

// The CSV each chart's data link carries, by figure id.
function csvs(html) {
  const out = {};
  const re = /<figure class="nn-figure" id="figure-([^"]+)">([\s\S]*?)<\/figure>/g;
  for (let m; (m = re.exec(html));) {
    const link = /href="data:text\/csv;charset=utf-8,([^"]*)"/.exec(m[2]);
    if (link) out[m[1]] = decodeURIComponent(link[1].replace(/&amp;/g, '&'));
  }
  return out;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--allow-file-access-from-files'] });
const page = await browser.newPage();
await page.addInitScript(pageHelpers);
const scrollThrough = () => page.evaluate(() => window.nnScrollThrough(null));
const errors = errorsOf(page);
const explorable = await explorableOrDone(SITE_DIR, 'exact', browser);
if (explorable.length === 0) fail('explorable pages', `no page of ${SITE_DIR} carries a model`);

const lessons = explorable.filter((f) => !path.relative(SITE_DIR, f).startsWith('zh-CN'));
const sources = new Map();
for (const f of fs.readdirSync(path.join(ROOT, 'content'))) {
  if (!f.endsWith('.md') || /\.[a-z]{2}(-[A-Z]{2})?\.md$/.test(f)) continue;
  const text = fs.readFileSync(path.join(ROOT, 'content', f), 'utf8');
  const slug = (/^slug\s*=\s*"([^"]+)"/m.exec(text) || [null, f.replace(/\.md$/, '')])[1];
  sources.set(slug, text);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-exact-'));
fs.mkdirSync(path.join(tmp, 'content'));
const settings = [];
for (let i = 0; i < SETTINGS; i++) {
  const file = lessons[i % lessons.length];
  const slug = path.basename(path.dirname(file));
  const m = modelIn(fs.readFileSync(file, 'utf8'));
  const values = {};
  const written = {};
  for (const [name, from, to, step] of m.controls) {
    const raw = from + Math.round(random() * (to - from) / step) * step;
    const decimalsOf = (x) => {
      for (let d = 0; d < 12; d++) {
        const scaled = x * 10 ** d;
        if (Math.abs(Math.round(scaled) - scaled) <= 1e-9 * Math.max(1, Math.abs(scaled))) return d;
      }
      return 12;
    };
    const decimals = Math.max(decimalsOf(from), decimalsOf(step));
    // On the slider's decimal grid (as the browser's range input gives it), and written as the
    // page shows a moved parameter, so that prose and tables can be compared.
    written[name] = raw.toFixed(decimals).replace(/^-(0\.?0*)$/, '$1');
    values[name] = Number(written[name]) + 0;
    // At the author's value the page shows the value as the author typed it: keep that.
    if (values[name] === m.params.find((p) => p[0] === name)[1]) delete written[name];
  }
  let text = sources.get(slug);
  if (!text) { fail(`lesson source of ${slug}`, 'not found in content/'); break; }
  // The parameters' values, written into the copy's network block.
  const fence = /```network[\s\S]*?```/.exec(text)[0];
  let network = fence;
  for (const [name, v] of Object.entries(written)) {
    network = network.replace(new RegExp(`\\b${name}\\s*=\\s*-?[0-9.eE+]+`), `${name} = ${v}`);
  }
  // Each copy its own lesson: no slug, order, series or part of the original's (in its front
  // matter, the text before the second `+++`).
  text = text.replace(fence, network);
  const end = text.indexOf('\n+++', 3);
  text = text.slice(0, end).replace(/^(slug|order|series|part)\s*=.*$/gm, '') + text.slice(end);
  text = text.replace(/^\+\+\+\n/, `+++\nslug = "setting-${i}"\norder = ${i}\n`);
  fs.writeFileSync(path.join(tmp, 'content', `setting-${i}.md`), text);
  settings.push({ i, file, values });
}
// Narrow axes: lessons whose input range (and so their value range) is a few ten-thousandths
// wide or less, where three decimals would label every tick alike; and lessons whose values
// are hundreds of millions or billionths, labelled in scientific form. Each page, moved and
// reset, must show what the build drew (its ticks: as many decimals as tell them apart).
const narrow = [
  ['narrow-far', 1000, 1000.002, 0.001], ['narrow-zero', -0.0003, 0.0002, 0.001],
  ['huge', -1, 1, -300000000], ['tiny', 0, 1, 1e-9],
];
const small = (slug, from, to, w2) => `+++
title = "${slug}"
+++

\`\`\`network
input = { name = "x", label = "x", from = ${from}, to = ${to}, samples = 11 }

[[layer]]
activation = "relu"
nodes = [{ name = "a", weights = { w1 = 1.0 }, bias = { b1 = ${-from} } }]

[output]
weights = { w2 = ${w2} }
bias = { b2 = 0.0 }
\`\`\`

\`\`\`figure
id = "hidden"
title = "Hidden"
series = [{ signal = "a.activation", label = "a" }]
\`\`\`

\`\`\`figure
id = "output"
title = "Output"
series = [{ signal = "output.activation", label = "output" }]
\`\`\`
`;
for (const [slug, from, to, w2] of narrow) fs.writeFileSync(path.join(tmp, 'content', `${slug}.md`), small(slug, from, to, w2));
// Wide y labels: moved to values whose y tick labels ("−0.0125", "1e−7") are wider than the
// label area holds, a chart's plotting area moves right, and its x axis, lines and legend with
// it; moved back from such values, it moves back. Each is compared with the build at those values.
for (const [k, [author, w2]] of [[1, -0.0125], [1, 0.000001], [-0.0125, 1]].entries()) {
  const i = SETTINGS + k;
  fs.writeFileSync(path.join(tmp, 'content', `labels-${k}.md`), small(`labels-${k}`, -1, 1, author));
  fs.writeFileSync(path.join(tmp, 'content', `setting-${i}.md`), small(`labels-${k}`, -1, 1, w2).replace('+++\n', `+++\nslug = "setting-${i}"\n`));
  settings.push({ i, file: path.join(tmp, 'site', `labels-${k}`, 'index.html'), values: { w2 } });
}
const built = path.join(tmp, 'site');
try {
  // (Its warnings, about links the copies cannot follow, are not this test's concern.)
  execFileSync(NNBOOK[0], [...NNBOOK.slice(1), 'build', '--quiet', '--root', tmp, '--out', built], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
} catch (e) {
  fail('building the random settings', `${e.message}\n${e.stderr}`);
}
// What a page shows that follows the parameters: each chart's drawing and description, each
// chart's data link, each table's rows, each placeholder's value in prose, captions and code,
// each diagram's weight and bias labels.
const shown = () => ({
  // (Both drawings of a chart: the column one and the phone one, drawn when it is shown.)
  charts: Object.fromEntries([...document.querySelectorAll('figure.nn-figure > svg.nn-chart')].map((s) => [`${s.closest('figure').id} ${s.getAttribute('class')}`, s.innerHTML])),
  // (A data link's CSV is written when the link is about to be used: focus it first.)
  data: [...document.querySelectorAll('figure.nn-figure a.nn-data')].map((a) => { a.dispatchEvent(new Event('focus')); return a.getAttribute('href'); }),
  tables: [...document.querySelectorAll('table.nn-table tbody')].map((t) => t.innerHTML),
  values: [...document.querySelectorAll('span[data-nn], mn[data-nn]')].map((v) => v.textContent),
  diagrams: [...document.querySelectorAll('svg.nn-diagram text[data-nn]')].map((t) => t.textContent),
  // And every word and number of the lesson, wherever the build put it (math included): a
  // number the script does not know of stays at the author's value. (Not the model's script.)
  text: (() => { const b = document.querySelector('.lesson-body').cloneNode(true); b.querySelectorAll('script').forEach((s) => s.remove()); return b.textContent; })(),
});
let worst = 0;
for (const s of settings) {
  const html = fs.readFileSync(path.join(built, `setting-${s.i}`, 'index.html'), 'utf8');
  const expected = csvs(html);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(path.join(built, `setting-${s.i}`, 'index.html')).href);
  const static_ = await page.evaluate(shown);
  await page.goto(pathToFileURL(s.file).href);
  const drawn = await page.evaluate((v) => window.nnbook.set(v), s.values);
  // Each drawing is drawn when it comes on screen, the phone ones when a phone's width shows them:
  // the reader scrolls through at both widths.
  await scrollThrough();
  await page.setViewportSize({ width: 390, height: 720 });
  await scrollThrough();
  const live = await page.evaluate(shown);
  let ok = true;
  for (const [what, a, b] of [['charts', static_.charts, live.charts], ['tables', static_.tables, live.tables], ['values in prose and code', static_.values, live.values], ['diagram labels', static_.diagrams, live.diagrams], ['data links', static_.data, live.data], ['the lesson\'s text', static_.text, live.text]]) {
    // A data link's numbers: the same rows, each number to 1e-12 relative (a smooth activation's
    // exp and log1p may differ from the build's in the last bit, from one libm to another).
    if (what === 'data links' && a.length === b.length && a.every((x, k) => sameCsv(x, b[k]))) continue;
    const d = around(JSON.stringify(a), JSON.stringify(b), 80);
    if (d) {
      fail(`setting ${s.i} (${path.relative(SITE_DIR, s.file)}) ${what}`, `the page differs from the build's: build …${d[0]}…\n      page  …${d[1]}…`);
      ok = false;
    }
  }
  for (const [id, csv] of Object.entries(expected)) {
    const data = drawn[id];
    const rows = csv.trim().split('\n').slice(1).map((r) => r.split(','));
    const series = data ? data.values.length : 0;
    // Rows of the observed points alone have empty series cells.
    const sampled = rows.filter((r) => r.slice(1, 1 + series).every((c) => c !== ''));
    if (!data || sampled.length !== data.inputs.length) {
      fail(`setting ${s.i} (${path.relative(SITE_DIR, s.file)}) ${id}`, `the page has ${data ? data.inputs.length : 'no'} samples, the build ${sampled.length} (${JSON.stringify(s.values)})`);
      ok = false;
      continue;
    }
    sampled.forEach((r, k) => {
      const pairs = [[Number(r[0]), data.inputs[k]], ...data.values.map((col, j) => [Number(r[1 + j]), col[k]])];
      for (const [a, b] of pairs) {
        const rel = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
        worst = Math.max(worst, rel);
        if (!(rel <= 1e-12)) {
          if (ok) fail(`setting ${s.i} ${id} row ${k}`, `build ${a}, page ${b} (${JSON.stringify(s.values)})`);
          ok = false;
        }
      }
    });
  }
  if (ok) pass();
}
console.log(`  ${settings.length} random settings; largest relative difference ${worst.toExponential(2)}`);
for (const [slug] of narrow) {
  const file = path.join(built, slug, 'index.html');
  const m = modelIn(fs.readFileSync(file, 'utf8'));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(file).href);
  const static_ = await page.evaluate(shown);
  // The build's tick labels, by axis: the y axis's are anchored at their end, the x axis's
  // share a line (each title and legend entry has a line of its own).
  const axes = {};
  for (const [key, svg] of Object.entries(static_.charts)) {
    for (const [, attrs, text] of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
      const axis = `${key} ${/text-anchor="end"/.test(attrs) ? 'y' : /\sy="([^"]*)"/.exec(attrs)[1]}`;
      (axes[axis] ||= []).push(text);
    }
  }
  const repeated = Object.entries(axes).filter(([, labels]) => new Set(labels).size < labels.length);
  if (repeated.length) fail(`${slug} ticks`, `labels repeat on an axis: ${JSON.stringify(repeated)}`);
  const author = Object.fromEntries(m.params);
  await page.evaluate((v) => window.nnbook.set(v), Object.fromEntries(m.params.map(([n, v]) => [n, v * 1.5 + 0.25])));
  await scrollThrough();
  await page.evaluate((v) => window.nnbook.set(v), author);
  await scrollThrough();
  await page.setViewportSize({ width: 390, height: 720 });
  await scrollThrough();
  const live = await page.evaluate(shown);
  const d = around(JSON.stringify(static_.charts), JSON.stringify(live.charts), 80);
  if (d) fail(`${slug} charts, moved and reset`, `the page differs from the build's: build …${d[0]}…\n      page  …${d[1]}…`);
  else pass();
}
if (errors.length) fail('console', errors.slice(0, 3).join(' | '));
await browser.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`exact: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
