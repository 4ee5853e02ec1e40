// A lesson's earlier addresses (front matter `aliases`) in a browser: a project built with nnbook
// whose lessons (English and Chinese) each name an earlier address; each alias's page, opened
// from disk and from a plain static server, with JavaScript and without, must land on its
// lesson's page; with JavaScript the address's fragment goes along (a section's id, or the
// sliders' state, `#nn:w1=3`), and the lesson's sliders show that state.
//
//   NNBOOK=<command running nnbook> node aliases.mjs
//
// The closing line is "aliases: N passed, M failed".
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

import { servedProject, tally } from './units.mjs';

const NNBOOK = (process.env.NNBOOK || 'nnbook').split(' ');
const { unit, fail, report } = tally();
const t0 = Date.now();

async function main() {
  const { site, served, close } = await servedProject(NNBOOK, 'aliases', [
    ['relu.md', 'ReLU', 'aliases = ["relu-intro", "basics/relu"]'],
    ['relu.zh-CN.md', '线性整流', 'aliases = ["relu-intro"]'],
  ]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const cases = [
    ['relu-intro', 'relu'],
    ['basics/relu', 'relu'],
    ['zh-CN/relu-intro', 'zh-CN/relu'],
  ];
  const origins = [['disk', pathToFileURL(site).href + '/'], ['server', served]];
  for (const [from, to] of cases) {
    for (const [where, origin] of origins) {
      for (const js of [true, false]) {
        const name = `${from} (${where}, ${js ? 'script' : 'no script'})`;
        unit(name);
        const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        try {
          const hash = js ? '#nn:w1=3' : '';
          await page.goto(`${origin}${from}/index.html${hash}`);
          await page.waitForURL((u) => u.pathname.endsWith(`/${to}/index.html`), { timeout: 10000 });
          if (js) {
            const url = new URL(page.url());
            if (url.hash !== '#nn:w1=3') fail(name, 'fragment', `landed at ${page.url()}`);
            await page.waitForFunction(() => window.nnbook && window.nnbook.params().w1 === 3, null, { timeout: 10000 })
              .catch(() => fail(name, 'state', 'the sliders do not show w1 = 3'));
          }
          const h1 = await page.locator('h1').textContent();
          if (!h1 || !h1.includes(to.startsWith('zh-CN') ? '线性整流' : 'ReLU')) fail(name, 'lesson', `landed on "${h1}"`);
        } catch (e) {
          fail(name, 'redirect', `${e.message.split('\n')[0]} (at ${page.url()})`);
        }
        await context.close();
      }
    }
  }
  await browser.close();
  close();
  report('aliases', t0, 'each alias lands on its lesson, from disk and a server, with and without script; the fragment and the sliders\' state go along');
}

main().catch((e) => {
  console.error(`aliases.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
