// The Broadsheet benchmark: Lighthouse (default mobile throttling, headless
// Chromium) on a plain static page of the seed article (no JavaScript: the
// physical limit), our prerendered seed article, our front page, and the seed
// article rendered by the app's client-side route; then, in headless Chromium,
// how long the app takes to render a 400-paragraph article, a live page of
// 3,000 updates, and to change route.
// Prints medians and the ratio of ours to the static page. Run by `make bench`.
//
//   node bench/run.mjs STATIC_ORIGIN CLIENT_ORIGIN SCRATCH RUNS
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [origin, clientOrigin, scratch, runsArg] = process.argv.slice(2);
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

// The critical path: the JS and wasm a page fetches before its load event, as
// the server sends them (brotli or gzip), read from the browser's resource timing.
const scriptBytes = async (url) => {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-broadsheet') && document.querySelector('h1'));
  return page.evaluate(() => {
    const loaded = performance.getEntriesByType('navigation')[0].loadEventStart;
    const code = performance.getEntriesByType('resource').filter((entry) => /\.(js|wasm)$/.test(new URL(entry.name).pathname));
    const sum = (entries) => entries.reduce((total, entry) => total + entry.encodedBodySize, 0);
    return { beforeLoad: sum(code.filter((entry) => entry.startTime < loaded)), all: sum(code) };
  });
};
const budget = 120 * 1024;
console.log('\nJS + wasm, compressed bytes as served (brotli where the browser accepts it): on the critical path (fetched before the load event) and in all');
for (const [name, url] of pages.slice(1)) {
  const bytes = await scriptBytes(url);
  const verdict = bytes.beforeLoad <= budget ? 'within' : 'OVER';
  console.log(`${name.padEnd(22)}${String(bytes.beforeLoad).padStart(10)} before load (budget ${budget}: ${verdict})${String(bytes.all).padStart(10)} in all`);
}

// The time from a click on a link to the frame that shows what `shown` looks for.
const openByRoute = async (href, shown) => {
  await page.goto(`${origin}${seed}`);
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
  await page.goto(`${origin}${seed}`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-broadsheet') && document.querySelector('.related a'));
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
console.log(`${('open a ' + paragraphs + '-paragraph article by its route (fetch, parse, render)').padEnd(70)}${median(longTimes).toFixed(1).padStart(10)} ms`);
console.log(`${'open a live page of 3,000 updates by its route (fetch, parse, render)'.padEnd(70)}${median(liveTimes).toFixed(1).padStart(10)} ms`);
console.log(`${'route change between two articles (fetch, parse, render)'.padEnd(70)}${median(routeTimes).toFixed(1).padStart(10)} ms`);
