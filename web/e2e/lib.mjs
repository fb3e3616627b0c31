// A tiny runner for the browser tests: Debian's chromium through
// playwright-core, numbered steps, screenshots and axe-core scans. The Go
// test in tests/e2e starts the stack, sets up data and runs these scripts.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through the Go test: go test ./tests/e2e)`);
  return v;
};

export const BASE = env('BASE_URL');
export const ARTIFACTS = process.env.ARTIFACTS || new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });
for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('FAIL-')) rmSync(join(ARTIFACTS, f));

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 360, height: 740 };

/** A fresh browser profile; every page of the run shares its storage (one session). */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'lms-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
    viewport: DESKTOP,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  // The app runs under the gateway's Content-Security-Policy: a violation
  // (a source the policy forgot, inline code) fails the run in run().
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${m.location().url || '?'}: ${m.text()}`);
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let passed = 0;
let failed = 0;
const cspViolations = [];
const started = Date.now();

/** Run the steps in order; the first failure stops the run (later steps depend on it). */
export async function run(name, steps, { page, close }) {
  console.log(`# ${name}`);
  for (const [title, fn] of steps) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok   ${title} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${title} (${Date.now() - t0} ms)\n     ${String(e?.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
      const p = page();
      if (p) await p.screenshot({ path: join(ARTIFACTS, `FAIL-${slug(title)}.png`), fullPage: true }).catch(() => undefined);
      break;
    }
  }
  if (cspViolations.length) {
    failed++;
    console.log(`FAIL Content-Security-Policy violations:\n     ${cspViolations.join('\n     ')}`);
  }
  await close();
  console.log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

export async function shot(page, name) {
  // Wait for the content, not the loading skeletons.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Nothing wider than the viewport (no sideways scrolling at 360 px). */
export async function expectNoOverflow(page, what) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll <= width, `${what}: the page is ${scroll} px wide in a ${width} px viewport`);
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const axeResults = [];

/** Scan the page with axe-core (WCAG 2.1 A/AA and best practices); fail on serious or critical findings. */
export async function axe(page, name) {
  // Evaluated through the DevTools protocol, which the app's CSP
  // (script-src 'self') does not govern; an injected <script> would be refused.
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({ page: name, violations: res.length, seriousOrCritical: bad.length });
  const summary = res.map((v) => `${v.impact} ${v.id} (${v.nodes.join(', ')})`).join('; ');
  console.log(`     axe ${name}: ${res.length} violation(s)${summary ? ': ' + summary : ''}`);
  expect(bad.length === 0, `axe ${name}: serious/critical violations: ${JSON.stringify(bad, null, 1)}`);
}
