// Many control steps in a row show what one step shows (issue 13): the page's script updates
// only what changed since its last step (a chart whose range, legend and pixels are unchanged,
// a table cell, a placeholder), so a long session must never drift from a fresh page. Started by
// run.sh on the same served site:
//
//   SITE_DIR=<built site> BASE_URL=http://127.0.0.1:<port>/ node sequence.mjs
//
// For every explorable page, at 390 and 1280 px, STEPS (default 25) pseudo-random moves on one
// page (mostly a few slider steps of some parameters, sometimes a jump across a range, sometimes
// back to the author's value), each compared with a freshly loaded page set to the same values:
// every chart's drawing, every data link, table body, placeholder, diagram and control output.
// Then a reset, compared with the static page. One unit per page and width.
// The closing line is "sequence: N passed, M failed".

import { chromium } from 'playwright-core';
import path from 'node:path';

import { around, explorablePages, seeded, siteFromEnv, tally } from './units.mjs';

const { SITE_DIR, BASE_URL, CHROMIUM } = siteFromEnv('sequence.mjs');
const STEPS = Number(process.env.STEPS || 25);

/** Everything a step changes, as the page shows it (run in the page). */
function shown() {
  const all = (sel, f) => [...document.querySelectorAll(sel)].map(f);
  return {
    charts: all('figure.nn-figure > svg.nn-chart', (s) => s.innerHTML),
    figures: all('figure.nn-figure', (f) => f.className),
    data: all('figure.nn-figure a.nn-data', (a) => {
      a.dispatchEvent(new Event('focus'));
      return a.getAttribute('href');
    }),
    tables: all('table.nn-table tbody', (t) => t.innerHTML),
    values: all('span[data-nn]', (v) => v.innerHTML),
    diagrams: all('svg.nn-diagram', (d) => d.innerHTML),
    outputs: all('.nn-controls output', (o) => o.textContent),
  };
}

const random = seeded(12345n);

/** The next values: each parameter kept, moved a few steps, sent anywhere, or sent home. */
function move(model, current) {
  const next = {};
  for (const [name, from, to, step] of model.controls) {
    const r = random();
    if (r < 0.5) next[name] = current[name];
    else if (r < 0.8) next[name] = Math.min(to, Math.max(from, current[name] + step * Math.round((random() - 0.5) * 6)));
    else if (r < 0.9) next[name] = from + step * Math.round((random() * (to - from)) / step);
    else next[name] = model.params.find((p) => p[0] === name)[1];
  }
  return next;
}

/** Where two shown states first differ ("" when they agree), with some context. */
function firstDifference(a, b, skip = []) {
  for (const key of Object.keys(a)) {
    if (skip.includes(key)) continue;
    const d = around(JSON.stringify(a[key]), JSON.stringify(b[key]), 80);
    if (d) return `${key}: after steps «${d[0]}», fresh «${d[1]}»`;
  }
  return '';
}

async function main() {
  const t0 = Date.now();
  const { unit, fail, report } = tally();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const rels = explorablePages(SITE_DIR).map((p) => path.relative(SITE_DIR, p));
  for (const rel of rels) {
    const url = new URL(rel, BASE_URL).href;
    for (const width of [390, 1280]) {
      const name = `${rel} at ${width} px`;
      unit(name);
      const steps = await browser.newPage({ viewport: { width, height: 800 } });
      const fresh = await browser.newPage({ viewport: { width, height: 800 } });
      await steps.goto(url);
      const model = await steps.evaluate(() => JSON.parse(document.querySelector('script[id^="nn-model"]').textContent));
      const original = await steps.evaluate(shown);
      for (let k = 0; k < STEPS; k++) {
        const values = move(model, await steps.evaluate(() => window.nnbook.params()));
        await steps.evaluate((v) => window.nnbook.set(v), values);
        await fresh.goto(url);
        await fresh.evaluate((v) => window.nnbook.set(v), values);
        const diff = firstDifference(await steps.evaluate(shown), await fresh.evaluate(shown));
        if (diff) {
          fail(name, `step ${k + 1}`, `${JSON.stringify(values)}: ${diff}`);
          break;
        }
      }
      await steps.evaluate(() => window.nnbook.reset());
      // The data links are written when used; the static page has them from the build.
      const diff = firstDifference(await steps.evaluate(shown), original, ['data']);
      if (diff) fail(name, 'reset', diff);
      await steps.close();
      await fresh.close();
    }
  }
  await browser.close();
  if (!rels.length) console.log('sequence: no explorable page in this site');
  report('sequence', t0, `${STEPS} steps in a row on each explorable page equal a fresh page set once; a reset equals the static page`);
}

main().catch((e) => {
  console.error(`sequence.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
