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
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { tally } from './units.mjs';

const NNBOOK = (process.env.NNBOOK || 'nnbook').split(' ');
const { unit, fail, report } = tally();
const t0 = Date.now();

/** A lesson with a network, its sliders, and `front` added to its front matter. */
function lesson(title, front) {
  return `+++\ntitle = "${title}"\n${front}\n+++\n\n## The network\n\nThe top node has w1 = {{ w1 }}.\n\n` +
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

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-aliases-'));
  const root = path.join(tmp, 'p');
  fs.mkdirSync(path.join(root, 'content'), { recursive: true });
  fs.writeFileSync(path.join(root, 'content', 'relu.md'), lesson('ReLU', 'aliases = ["relu-intro", "basics/relu"]'));
  fs.writeFileSync(path.join(root, 'content', 'relu.zh-CN.md'), lesson('线性整流', 'aliases = ["relu-intro"]'));
  execFileSync(NNBOOK[0], [...NNBOOK.slice(1), 'build', '--quiet', '--root', root]);
  const site = path.join(root, 'site');
  const port = await freePort();
  const server = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', site, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => { const c = net.connect(port, '127.0.0.1', () => { c.end(); r(true); }).on('error', () => r(false)); });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const cases = [
    ['relu-intro', 'relu'],
    ['basics/relu', 'relu'],
    ['zh-CN/relu-intro', 'zh-CN/relu'],
  ];
  const origins = [['disk', pathToFileURL(site).href + '/'], ['server', `http://127.0.0.1:${port}/`]];
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
  server.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
  report('aliases', t0, 'each alias lands on its lesson, from disk and a server, with and without script; the fragment and the sliders\' state go along');
}

main().catch((e) => {
  console.error(`aliases.mjs crashed: ${e.stack || e}`);
  process.exit(1);
});
