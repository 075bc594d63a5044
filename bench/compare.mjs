// Prints two runs of the benchmark side by side: the figures recorded before
// a change (bench/before.json, as `scripts/bench` wrote them for that build)
// and this run's. Run by `scripts/bench`.
//
//   node bench/compare.mjs BEFORE.json AFTER.json
import { readFileSync } from 'node:fs';

const [before, after] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const rows = [];
const row = (name, get, unit = '') => {
  const cell = (summary) => {
    const value = get(summary);
    return value === undefined ? '-' : `${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(unit === 'CLS' ? 3 : 0) : value}`;
  };
  rows.push([name, cell(before), cell(after)]);
};
row('reading-only visit, JS + wasm B', (s) => s.readingOnly);
for (const part of ['raw', 'gzip', 'brotli']) row(`whole app (wasm + JS) ${part} B`, (s) => s.app?.[part]);
for (const name of Object.keys(after.firstUse)) row(`first use on slow 4G: ${name} ms`, (s) => s.firstUse?.[name]);
for (const page of Object.keys(after.lighthouse)) {
  for (const metric of ['score', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'bytes']) {
    row(`${page}: ${metric}`, (s) => s.lighthouse?.[page]?.[metric], metric);
  }
  const limit = 'static page (limit)';
  if (page !== limit) {
    row(`${page}: LCP / static`, (s) => s.lighthouse?.[page] && (s.lighthouse[page]['LCP ms'] / s.lighthouse[limit]['LCP ms']).toFixed(2));
  }
}
row('open a 400-paragraph article ms', (s) => s.appTimings?.long);
row('open a live page of 3,000 updates ms', (s) => s.appTimings?.live);
row('route change between two articles ms', (s) => s.appTimings?.route);
console.log(`\nBefore (${before.label}, ${before.runs} runs) and now (${after.runs} runs), side by side`);
console.log(`${'figure'.padEnd(52)}${'before'.padStart(12)}${'now'.padStart(12)}`);
for (const [name, was, is] of rows) console.log(`${name.padEnd(52)}${was.padStart(12)}${is.padStart(12)}`);
