/**
 * `npm run bench:capture`: what the capture content scripts cost a page and
 * how fast a confirmation becomes a record. Not a test: it prints a table and
 * writes tests/bench/results/capture.json; nothing here asserts a timing.
 *
 * Main-thread cost comes from CDP's Performance.getMetrics (TaskDuration:
 * scripts, style and layout of the renderer's main thread; ScriptDuration:
 * JavaScript alone), measured with the extension loaded and, in the same run,
 * in a second Chromium without it. The difference is what the extension adds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { bigSearchPage, BENCH_URL, CONFIRMATION_HTML } from './big-page';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'tests/bench/results/capture.json');

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 15);
const RECORD_RUNS = Number(process.env.BENCH_RECORD_RUNS ?? 9);
const MUTATIONS = 1000;
/** Longer than the content script's check delay, so each burst's check lands inside its window. */
const SETTLE_MS = 500;

// ---------------------------------------------------------------- build and bundle sizes

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const manifest = path.join(EXTENSION_DIR, 'manifest.json');
  const sources = Math.max(newestMtime(path.join(ROOT, 'extension')), newestMtime(path.join(ROOT, 'shared')), statSync(path.join(ROOT, 'wxt.config.ts')).mtimeMs);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  console.log('Building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function bundleSizes(): Record<string, { raw: number; gz: number }> {
  const dir = path.join(EXTENSION_DIR, 'content-scripts');
  const sizes: Record<string, { raw: number; gz: number }> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(path.join(dir, file));
    sizes[file.replace(/\.js$/, '')] = { raw: bytes.length / 1024, gz: gzipSync(new Uint8Array(bytes), { level: 9 }).length / 1024 };
  }
  return sizes;
}

// ---------------------------------------------------------------- browsers

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-'));
  const extension = withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    args: [...extension, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = bigSearchPage();
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: new URL(route.request().url()).pathname.startsWith('/jobs') ? page : '<!doctype html><title>LinkedIn</title><p>Home</p>',
    }),
  );
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

interface Metrics {
  task: number;
  script: number;
}

async function metricsOf(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async (): Promise<Metrics> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: value('TaskDuration'), script: value('ScriptDuration') };
  };
}

const delta = (a: Metrics, b: Metrics): Metrics => ({ task: b.task - a.task, script: b.script - a.script });
const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianOf = (runs: Metrics[]): Metrics => ({ task: median(runs.map((r) => r.task)), script: median(runs.map((r) => r.script)) });

// ---------------------------------------------------------------- measurements

/** Main-thread time of loading the big page and letting it settle (the content script's first check included). */
async function loadCost(context: BrowserContext): Promise<Metrics[]> {
  const runs: Metrics[] = [];
  for (let i = 0; i < LOAD_RUNS; i += 1) {
    const page = await context.newPage();
    // Same origin first, so the measured navigation stays in one renderer and its counters continue.
    await page.goto('https://www.linkedin.com/feed/');
    const read = await metricsOf(page);
    const before = await read();
    await page.goto(`${BENCH_URL}&run=${i}`, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    runs.push(delta(before, await read()));
    await page.close();
  }
  return runs;
}

/** Each burst: 1,000 mutations in one task across the list, the detail pane and the modal outlet, then a settle. */
async function burstCost(context: BrowserContext): Promise<Metrics[]> {
  const page = await context.newPage();
  await page.goto(BENCH_URL, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const read = await metricsOf(page);
  const runs: Metrics[] = [];
  for (let i = 0; i < BURSTS; i += 1) {
    const before = await read();
    await page.evaluate(
      async ({ mutations, settle }) => {
        const list = document.getElementById('bench-list')!;
        const detail = document.getElementById('job-details')!;
        const outlet = document.getElementById('artdeco-modal-outlet')!;
        const cards = list.querySelectorAll('.job-card-container__footer-job-state span');
        for (let m = 0; m < mutations; m += 1) {
          const slot = m % 10;
          if (slot < 6) {
            cards[m % cards.length]!.textContent = m % 2 ? 'Viewed' : 'Promoted';
          } else if (slot < 9) {
            if (m % 2) detail.lastElementChild!.remove();
            else detail.append(Object.assign(document.createElement('p'), { textContent: `Loaded insight ${m}` }));
          } else if (m % 2) {
            outlet.replaceChildren();
          } else {
            outlet.append(Object.assign(document.createElement('div'), { className: 'artdeco-toast', textContent: 'Saved' }));
          }
        }
        outlet.replaceChildren();
        document.body.getBoundingClientRect();
        await new Promise((resolve) => setTimeout(resolve, settle));
        await new Promise((resolve) => requestAnimationFrame(resolve));
      },
      { mutations: MUTATIONS, settle: SETTLE_MS },
    );
    runs.push(delta(before, await read()));
  }
  await page.close();
  return runs;
}

/** Time from the confirmation appearing in the page to the background answering that the job is recorded. */
async function recordTimes(context: BrowserContext): Promise<number[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const times: number[] = [];
  for (let run = 0; run < RECORD_RUNS; run += 1) {
    const siteJobId = String(4099500000 + run);
    const page = await context.newPage();
    await page.goto(`https://www.linkedin.com/jobs/search/?currentJobId=${siteJobId}`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    const recorded = probe.evaluate(async (id) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ recorded?: boolean }> } } }).chrome.runtime;
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline) {
        const reply = await runtime.sendMessage({ type: 'job:lookup', platform: 'linkedin', siteJobId: id });
        if (reply?.recorded) return performance.timeOrigin + performance.now();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return Number.NaN;
    }, siteJobId);
    const shownAt = await page.evaluate((html) => {
      document.getElementById('artdeco-modal-outlet')!.innerHTML = html;
      return performance.timeOrigin + performance.now();
    }, CONFIRMATION_HTML);
    times.push((await recorded) - shownAt);
    await page.close();
  }
  await probe.close();
  return times;
}

// ---------------------------------------------------------------- report

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main() {
  ensureBuilt();
  const bundles = bundleSizes();

  const withExt = await launch(true);
  const without = await launch(false);
  let load: { ext: Metrics[]; base: Metrics[] };
  let burst: { ext: Metrics[]; base: Metrics[] };
  let record: number[];
  try {
    // Interleaved, so a neighbour's CPU load hits both sides alike.
    load = { ext: await loadCost(withExt.context), base: await loadCost(without.context) };
    burst = { ext: await burstCost(withExt.context), base: await burstCost(without.context) };
    record = await recordTimes(withExt.context);
  } finally {
    await withExt.close();
    await without.close();
  }

  const rows: string[][] = [['measure', 'with extension', 'baseline', 'added', 'ratio']];
  for (const [name, size] of Object.entries(bundles)) {
    rows.push([`content script ${name} (KB gzip / raw)`, `${fmt(size.gz, 2)} / ${fmt(size.raw, 1)}`, '', '', '']);
  }
  const compare = (label: string, runs: { ext: Metrics[]; base: Metrics[] }) => {
    const ext = medianOf(runs.ext);
    const base = medianOf(runs.base);
    rows.push([`${label}: main thread ms`, fmt(ext.task, 2), fmt(base.task, 2), fmt(ext.task - base.task, 2), `${fmt(ext.task / base.task, 3)}x`]);
    // The bench's own burst runs through DevTools, which ScriptDuration leaves out: this row is the page's scripts plus ours.
    const scriptRatio = base.script >= 0.5 ? `${fmt(ext.script / base.script, 3)}x` : '-';
    rows.push([`${label}: JS ms`, fmt(ext.script, 2), fmt(base.script, 2), fmt(ext.script - base.script, 2), scriptRatio]);
    return { ext, base };
  };
  const loadMedians = compare(`page load (${LOAD_RUNS} runs, median)`, load);
  const burstMedians = compare(`burst of ${MUTATIONS} mutations (${BURSTS} runs, median)`, burst);
  const recordMedian = median(record.filter(Number.isFinite));
  rows.push([`confirmation → record ms (${RECORD_RUNS} runs)`, `median ${fmt(recordMedian)}`, '', `min ${fmt(Math.min(...record))}`, `max ${fmt(Math.max(...record))}`]);

  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }

  const results = {
    bundleKbGz: { linkedin: round(bundles.linkedin?.gz), internshala: round(bundles.internshala?.gz) },
    burstMs: round(Math.max(0, burstMedians.ext.task - burstMedians.base.task)),
    recordMs: round(recordMedian),
    details: {
      note:
        'burstMs: main-thread time (CDP TaskDuration: script, style, layout) the extension adds per burst of 1,000 mutations, median with it minus median without it. JS ms (ScriptDuration) leaves out the burst itself, which runs through DevTools, so there it is the content script alone. recordMs: confirmation inserted in the page to the background answering job:lookup with recorded=true (includes the content script\'s 150 ms check delay).',
      pageElements: await countElements(),
      bundleKbRaw: Object.fromEntries(Object.entries(bundles).map(([name, size]) => [name, round(size.raw)])),
      loadMs: { extension: roundMetrics(loadMedians.ext), baseline: roundMetrics(loadMedians.base) },
      burst: { mutations: MUTATIONS, extension: roundMetrics(burstMedians.ext), baseline: roundMetrics(burstMedians.base), ratio: round(burstMedians.ext.task / burstMedians.base.task, 3) },
      recordRunsMs: record.map((value) => round(value)),
      runs: { load: LOAD_RUNS, bursts: BURSTS, record: RECORD_RUNS },
    },
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(ROOT, RESULTS)}`);
}

function round(value: number | undefined, digits = 2): number {
  return value === undefined || !Number.isFinite(value) ? Number.NaN : Number(value.toFixed(digits));
}

function roundMetrics(m: Metrics) {
  return { task: round(m.task), script: round(m.script) };
}

async function countElements(): Promise<number> {
  const { Window } = await import('happy-dom');
  const window = new Window();
  window.document.write(bigSearchPage());
  const count = window.document.querySelectorAll('*').length;
  await window.happyDOM.close();
  return count;
}

await main();
