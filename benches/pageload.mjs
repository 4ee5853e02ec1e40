// How long a reader on a slow phone network waits for a page and its math font: the ReLU lesson
// served over loopback from a plain static server (no compression, no cache), with Chrome
// DevTools' "Slow 4G" network (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, each at 90 %,
// as DevTools has it), in headless Chromium at 390 x 844 px. Prints, for each site, the medians
// and spreads of the load event and of the moment the page's fonts are in
// (`document.fonts.ready`), and the bytes the page fetched: its own, and its fonts'.
//
//   cargo run -q -- build --out /tmp/site
//   SITE_DIR=/tmp/site node benches/pageload.mjs       # needs tests/browser/node_modules
//   SITE_DIR=/tmp/new BEFORE=/tmp/old node benches/pageload.mjs   # two sites, alternated
//
// Environment: SITE_DIR (required), BEFORE (a second site, loaded alternately with the first),
// PAGE (default relu/index.html), RUNS (default 5), CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const PAGE = process.env.PAGE || 'relu/index.html';
const RUNS = Number(process.env.RUNS || 5);
const sites = Object.entries({ after: process.env.SITE_DIR, before: process.env.BEFORE }).filter(([, dir]) => dir);
if (!process.env.SITE_DIR) {
  console.error('SITE_DIR=<built site> is required');
  process.exit(2);
}

const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff' };
/** A plain static server for `dir` on a free loopback port. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs)}–${Math.max(...xs)}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const servers = Object.fromEntries(await Promise.all(sites.map(async ([name, dir]) => [name, await serve(path.resolve(dir))])));
const results = Object.fromEntries(sites.map(([name]) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name] of sites) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
    const bytes = { pageBytes: 0, fontBytes: 0 };
    const bodies = [];
    page.on('response', (r) => bodies.push(r.body().then((b) => { bytes[/\.woff2?$/.test(r.url()) ? 'fontBytes' : 'pageBytes'] += b.length; }, () => {})));
    await page.goto(`http://127.0.0.1:${servers[name].address().port}/${PAGE}`, { waitUntil: 'load' });
    const t = await page.evaluate(async () => {
      await document.fonts.ready;
      return { fonts: performance.now(), load: performance.getEntriesByType('navigation')[0].loadEventEnd };
    });
    await Promise.all(bodies);
    results[name].push({ load: Math.round(t.load), fonts: Math.round(t.fonts), ...bytes });
    await context.close();
  }
}
for (const [name, rs] of Object.entries(results)) {
  const load = rs.map((r) => r.load);
  const fonts = rs.map((r) => r.fonts);
  console.log(`${name}: load ${median(load)} ms (${spread(load)}), fonts in ${median(fonts)} ms (${spread(fonts)}); ${rs[0].pageBytes} bytes of page, ${rs[0].fontBytes} of fonts; ${RUNS} runs, Slow 4G`);
}
await browser.close();
for (const server of Object.values(servers)) server.close();
