// The JavaScript budget of the learner entry: the entry chunk and every
// chunk it imports statically (what a first visit downloads before the app
// can run), gzipped, must stay within 120 KB. Lazy chunks (the hls.js video
// player) are reported but not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET = 120 * 1024;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('no entry in the Vite manifest');

const seen = new Set();
const walk = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) walk(dep);
};
walk(entryKey);

let total = 0;
for (const key of seen) total += gz(manifest[key].file);
const lazy = Object.keys(manifest).filter((k) => !seen.has(k) && manifest[k].file.endsWith('.js'));
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`web: learner entry JavaScript ${kb(total)} gzipped (budget ${kb(BUDGET)})`);
for (const k of lazy) console.log(`web:   lazy ${manifest[k].file} ${kb(gz(manifest[k].file))} gzipped`);
if (total > BUDGET) {
  console.error(`web: the entry's JavaScript is over budget by ${kb(total - BUDGET)}`);
  process.exit(1);
}
