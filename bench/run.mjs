// The Broadsheet benchmark: Lighthouse (default mobile throttling, headless
// Chromium) on a plain static page of the seed article (no JavaScript: the
// physical limit), our prerendered seed article, our front page, and the seed
// article rendered by the app's client-side route; then, in headless Chromium,
// the JS and wasm a reading-only visit downloads, the first use of each
// control on slow 4G, and how long the app takes to render a 400-paragraph
// article, a live page of 3,000 updates, and to change route.
// Prints medians and the ratio of ours to the static page, and writes the
// figures to $BENCH_SUMMARY (JSON) if set. Run by `make bench`.
//
//   node bench/run.mjs STATIC_ORIGIN CLIENT_ORIGIN SCRATCH RUNS BUILD
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [origin, clientOrigin, scratch, runsArg, build] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const tools = process.env.BROADSHEET_TOOLS;
const require = createRequire(`${tools}/node_modules/`);
const chromiumFlags = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run';
const seed = '/articles/korea-china-new-cooperation-models';

const pages = [
  ['static page (limit)', `${origin}/static/seed.html`],
  ['prerendered article', `${origin}${seed}`],
  ['front page', `${origin}/`],
  ['client-side route', `${clientOrigin}${seed}`],
];
const metrics = [
  ['FCP ms', 'first-contentful-paint'],
  ['LCP ms', 'largest-contentful-paint'],
  ['TBT ms', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['SI ms', 'speed-index'],
  ['bytes', 'total-byte-weight'],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function lighthouse(url) {
  const output = execFileSync(`${tools}/node_modules/.bin/lighthouse`, [
    url, '--output=json', '--quiet', '--only-categories=performance',
    `--chrome-flags=${chromiumFlags}`,
  ], { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 256 * 1024 * 1024 });
  const report = JSON.parse(output);
  const row = { score: report.categories.performance.score * 100 };
  for (const [name, audit] of metrics) row[name] = report.audits[audit].numericValue;
  return row;
}

const results = {};
// What `scripts/bench` compares with the figures recorded before (bench/before.json).
const summary = { runs, lighthouse: results, firstUse: {} };
// The whole app (its wasm and the JS wasm-bindgen wrote for it): raw, gzip -9,
// and brotli as the build wrote it.
{
  const files = readdirSync(build);
  const wasm = files.find((file) => file.endsWith('_bg.wasm'));
  const app = [wasm, wasm.replace(/_bg\.wasm$/, '.js')].map((file) => readFileSync(`${build}/${file}`));
  const brotli = [wasm, wasm.replace(/_bg\.wasm$/, '.js')].map((file) => readFileSync(`${build}/${file}.br`).length);
  summary.app = {
    raw: app.reduce((sum, bytes) => sum + bytes.length, 0),
    gzip: app.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0),
    brotli: brotli.reduce((sum, size) => sum + size, 0),
  };
}
for (const [name, url] of pages) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(lighthouse(url));
  results[name] = Object.fromEntries(
    ['score', ...metrics.map(([m]) => m)].map((m) => [m, median(samples.map((s) => s[m]))]));
  process.stderr.write(`bench: ${name} measured ${runs} times\n`);
}

const format = (metric, value) => metric === 'CLS' ? value.toFixed(3) : Math.round(value).toString();
const limit = results['static page (limit)'];
const header = ['page', 'score', ...metrics.map(([m]) => m)];
console.log(`\nLighthouse, mobile throttling, median of ${runs} runs (ratio to the static page in brackets)`);
console.log(header.map((h, i) => i ? h.padStart(16) : h.padEnd(22)).join(''));
for (const [name] of pages) {
  const row = results[name];
  const cells = ['score', ...metrics.map(([m]) => m)].map((m) => {
    const value = format(m, row[m]);
    const ratio = name === 'static page (limit)' || m === 'score' || !limit[m] ? '' : ` (${(row[m] / limit[m]).toFixed(2)})`;
    return `${value}${ratio}`.padStart(16);
  });
  console.log(name.padEnd(22) + cells.join(''));
}

// The app at work, in headless Chromium without throttling.
const { chromium } = require('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags.split(' ').filter((f) => !f.startsWith('--headless')) });
// A first visit each time: no service worker answers from its cache.
const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();

// What a reader who only reads downloads: a first visit (no cache, the
// service worker free to install) to the prerendered seed article, read to
// its last paragraph without touching a control. Every JS and wasm response
// the browser took from the network, the page's and the service worker's,
// as the server sent it (brotli). Chromium reports both to the context.
const readingOnly = async (url) => {
  const context = await browser.newContext();
  const bytes = new Map();
  context.on('requestfinished', async (request) => {
    const path = new URL(request.url()).pathname;
    if (!/\.(js|wasm)$/.test(path)) return;
    const { responseBodySize } = await request.sizes();
    bytes.set(`${path} ${bytes.size}`, Math.max(0, responseBodySize));
  });
  const reader = await context.newPage();
  await reader.goto(url);
  await reader.waitForFunction(() => document.documentElement.hasAttribute('data-broadsheet') && document.querySelector('h1'));
  await reader.evaluate(() => navigator.serviceWorker.ready);
  for (let step = 0; step < 30; step++) {
    await reader.mouse.wheel(0, 600);
    await reader.waitForTimeout(100);
  }
  await reader.waitForTimeout(2000);
  const state = await reader.evaluate(() => document.documentElement.getAttribute('data-broadsheet'));
  await context.close();
  return { total: [...bytes.values()].reduce((sum, size) => sum + size, 0), files: bytes.size, state };
};
const readingBudget = 60 * 1024;
const reading = await readingOnly(`${origin}${seed}`);
summary.readingOnly = reading.total;
console.log(`\nA reading-only visit to the prerendered seed article (first visit, read to the end, no control touched): JS + wasm downloaded, brotli as served`);
console.log(`${'reading-only visit'.padEnd(22)}${String(reading.total).padStart(10)} B in ${reading.files} responses, app ${reading.state} (budget ${readingBudget}: ${reading.total <= readingBudget ? 'within' : 'OVER'})`);

// The first use of each control that needs the app's code, on Lighthouse's
// slow-4G profile applied to Chromium's network (DevTools throttling: 562.5
// ms latency, 1,474.56 kbit/s down, 675 up; no CPU slowdown): a first visit
// to the seed article, loaded and settled, then one tap; the time from the
// tap's click to the frame that shows the control's answer. Without the
// service worker, whose own fetches Chromium would not throttle.
const slow4g = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
// Each control, and what shows its answer: an element shown, or a status
// that says something. (A predicate with arguments: the page's policy
// allows no script from a string.)
const controls = [
  ['WeChat QR code', '.share-button[data-network=wechat]', { shown: 'dialog.wechat-dialog[open] .qr-code' }],
  ['copy link', '.share-button[data-network=copy]', { said: '.share-bar .share-status', shown: '.manual-copy input' }],
  ['share poster', '.share-bar .share-poster', { shown: 'dialog.share-poster-dialog[open]' }],
  ['reading settings', '.reading-settings-open', { shown: 'dialog.settings-dialog[open]' }],
  ['save for offline', '.save-offline-button', { said: '.save-offline-status' }],
  ['embed', '.share-bar .share-embed', { shown: '.embed-dialog .snippet-code' }],
  ['poster viewer', 'figure.poster .poster-open', { shown: 'dialog.poster-viewer[open]' }],
];
const answered = ({ shown, said }) => (shown !== undefined && document.querySelector(shown) !== null)
  || (said !== undefined && (document.querySelector(said)?.textContent.trim() || '') !== '');
const firstUse = async (url, control, answer) => {
  // No service worker: its fetches (the app's code, once it controls the
  // page) would not pass through the page's emulated network.
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
  const reader = await context.newPage();
  const cdp = await context.newCDPSession(reader);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', slow4g);
  await reader.goto(url, { waitUntil: 'load', timeout: 120000 });
  await reader.waitForLoadState('networkidle', { timeout: 120000 });
  await reader.locator(control).first().scrollIntoViewIfNeeded();
  await reader.evaluate(() => addEventListener('click', () => { window.__tapped = performance.now(); }, { capture: true, once: true }));
  await reader.locator(control).first().click();
  await reader.waitForFunction(answered, answer, { timeout: 60000 });
  const ms = await reader.evaluate(() => performance.now() - window.__tapped);
  await context.close();
  return ms;
};
const controlRuns = Number(process.env.BENCH_CONTROL_RUNS || 3);
console.log(`\nFirst use of a control on slow 4G (Chromium network conditions), median of ${controlRuns}, tap to answer`);
for (const [name, control, answer] of controls) {
  const times = [];
  for (let i = 0; i < controlRuns; i++) times.push(await firstUse(`${origin}${seed}`, control, answer));
  const verdict = median(times) <= 1000 ? 'within 1 s' : 'OVER 1 s';
  console.log(`${name.padEnd(22)}${median(times).toFixed(0).padStart(10)} ms  (${verdict})`);
  summary.firstUse[name] = median(times);
}

// The time from a click on a link to the frame that shows what `shown` looks for.
// From the seed article by its client-side route, where the app runs.
const openByRoute = async (href, shown) => {
  await page.goto(`${clientOrigin}${seed}`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-broadsheet') && document.querySelector('h1.headline'));
  return page.evaluate(async ({ href, shown }) => {
    const link = document.createElement('a');
    link.href = href;
    document.body.append(link);
    const start = performance.now();
    link.click();
    await new Promise((done) => {
      const check = () => document.querySelector(shown) ? done() : requestAnimationFrame(check);
      check();
    });
    return performance.now() - start;
  }, { href, shown });
};

const longTimes = [];
const liveTimes = [];
const routeTimes = [];
for (let i = 0; i < 5; i++) {
  longTimes.push(await openByRoute('/articles/bench-400', '.article-body > p:nth-of-type(400)'));
  liveTimes.push(await openByRoute('/articles/bench-live', '[id="update-3000"]'));
  await page.goto(`${clientOrigin}${seed}`);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-broadsheet') === 'app' && document.querySelector('.related a'));
  routeTimes.push(await page.evaluate(async () => {
    const link = document.querySelector(".related a[href='/articles/shenzhen-prepares-apec-2026']");
    const start = performance.now();
    link.click();
    await new Promise((done) => {
      const check = () => document.querySelector('h1.headline')?.textContent.startsWith('Shenzhen prepares') ? done() : requestAnimationFrame(check);
      check();
    });
    return performance.now() - start;
  }));
}
await browser.close();
const paragraphs = JSON.parse(readFileSync(`${scratch}/articles/bench-400.json`, 'utf8')).blocks.length;
console.log(`\nApp timings in headless Chromium, no throttling, median of 5 (to the frame that shows it)`);
summary.appTimings = { long: median(longTimes), live: median(liveTimes), route: median(routeTimes) };
if (process.env.BENCH_SUMMARY) writeFileSync(process.env.BENCH_SUMMARY, JSON.stringify(summary, null, 2));
console.log(`${('open a ' + paragraphs + '-paragraph article by its route (fetch, parse, render)').padEnd(70)}${median(longTimes).toFixed(1).padStart(10)} ms`);
console.log(`${'open a live page of 3,000 updates by its route (fetch, parse, render)'.padEnd(70)}${median(liveTimes).toFixed(1).padStart(10)} ms`);
console.log(`${'route change between two articles (fetch, parse, render)'.padEnd(70)}${median(routeTimes).toFixed(1).padStart(10)} ms`);
