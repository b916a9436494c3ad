/**
 * `npm run bench:capture`: what the LinkedIn content script costs a page and
 * how fast a confirmation becomes a record, on a LinkedIn-sized search page in
 * both layouts (the older one with its modal outlet, and the 2025-26 SDUI one
 * without, where the content script observes the whole body). Not a test: it
 * prints a table and writes tests/bench/results/capture.json; nothing here
 * asserts a timing.
 *
 * Main-thread cost comes from CDP's Performance.getMetrics (TaskDuration:
 * scripts, style and layout of the renderer's main thread; ScriptDuration:
 * JavaScript alone), measured in a Chromium with the extension and in a
 * second one without it, run for run in alternating order, so load from
 * neighbouring processes falls on both sides alike. The difference is what the
 * extension adds; it is reported as measured, negative when the noise says so.
 *
 * Every run builds the extension it measures from the working tree into
 * .output/bench-capture (BENCH_EXTENSION_DIR measures another build instead,
 * for a before/after).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { extensionDir } from './dashboard/browser';
import {
  BENCH_URL,
  bigSduiSearchPage,
  bigSearchPage,
  CONFIRMATION_HTML,
  SDUI_BENCH_URL,
  SDUI_CONFIRMATION_HTML,
} from './big-page';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.join(ROOT, 'tests/bench/results/capture.json');

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 15);
const RECORD_RUNS = Number(process.env.BENCH_RECORD_RUNS ?? 9);
const MUTATIONS = 1000;
/** Longer than the content script's check delay, so each burst's check lands inside its window. */
const SETTLE_MS = 500;
/** A confirmation not recorded by then counts as a failed run (its time is +∞ in the median). */
const RECORD_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------- layouts

interface Layout {
  name: 'classic' | 'sdui';
  /** The search page with a selected job; `currentJobId` is replaced per record run. */
  url: string;
  html: () => string;
  /** Where the burst changes things: the cards' state lines, the detail pane, and where toasts and dialogs go. */
  burst: { cardStates: string; detail: string; outlet: string | null };
  /** Shows the Easy Apply confirmation as the site does. */
  confirm: { outlet: string | null; html: string };
}

const LAYOUTS: Layout[] = [
  {
    name: 'classic',
    url: BENCH_URL,
    html: () => bigSearchPage(),
    burst: { cardStates: '.job-card-container__footer-job-state span', detail: '#job-details', outlet: '#artdeco-modal-outlet' },
    confirm: { outlet: '#artdeco-modal-outlet', html: CONFIRMATION_HTML },
  },
  {
    name: 'sdui',
    url: SDUI_BENCH_URL,
    html: () => bigSduiSearchPage(),
    burst: { cardStates: '#bench-list .job-state', detail: '#bench-sdui-about', outlet: null },
    confirm: { outlet: null, html: SDUI_CONFIRMATION_HTML },
  },
];

// ---------------------------------------------------------------- build and bundle sizes

function bundleSizes(extension: string): Record<string, { raw: number; gz: number }> {
  const dir = path.join(extension, 'content-scripts');
  const sizes: Record<string, { raw: number; gz: number }> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(path.join(dir, file));
    sizes[file.replace(/\.js$/, '')] = { raw: bytes.length / 1024, gz: gzipSync(new Uint8Array(bytes), { level: 9 }).length / 1024 };
  }
  return sizes;
}

// ---------------------------------------------------------------- browsers

interface Side {
  context: BrowserContext;
  close: () => Promise<void>;
}

async function launch(extension: string | undefined): Promise<Side> {
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-'));
  const load = extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    args: [...load, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pages = Object.fromEntries(LAYOUTS.map((layout) => [new URL(layout.url).pathname, layout.html()]));
  await context.route('https://www.linkedin.com/**', (route) => {
    const body = pages[new URL(route.request().url()).pathname.replace(/\/?$/, '/')] ?? '<!doctype html><title>LinkedIn</title><p>Home</p>';
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body });
  });
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
/** Median; NaN (a failed run) sorts as +∞, so failures push it up instead of vanishing. */
const median = (values: number[]) => {
  const sorted = values.map((v) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v)).sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianOf = (runs: Metrics[]): Metrics => ({ task: median(runs.map((r) => r.task)), script: median(runs.map((r) => r.script)) });

/** Runs `measure` on both sides, in alternating order from run to run. */
async function interleaved<T>(runs: number, ext: Side, base: Side, measure: (side: Side, run: number) => Promise<T>): Promise<{ ext: T[]; base: T[] }> {
  const out = { ext: [] as T[], base: [] as T[] };
  for (let run = 0; run < runs; run += 1) {
    const order: ['ext' | 'base', Side][] = run % 2 ? [['base', base], ['ext', ext]] : [['ext', ext], ['base', base]];
    for (const [name, side] of order) out[name].push(await measure(side, run));
  }
  return out;
}

// ---------------------------------------------------------------- measurements

/** Main-thread time of loading the big page and letting it settle (the content script's first check included). */
async function loadCost(context: BrowserContext, layout: Layout, run: number): Promise<Metrics> {
  const page = await context.newPage();
  // Same origin first, so the measured navigation stays in one renderer and its counters continue.
  await page.goto('https://www.linkedin.com/feed/');
  const read = await metricsOf(page);
  const before = await read();
  await page.goto(`${layout.url}&run=${run}`, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const cost = delta(before, await read());
  await page.close();
  return cost;
}

/** One page per side for the bursts, opened and settled before the first. */
async function burstPage(context: BrowserContext, layout: Layout) {
  const page = await context.newPage();
  await page.goto(layout.url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  return { page, read: await metricsOf(page) };
}

/** Each burst: 1,000 mutations in one task across the list, the detail pane and where dialogs go, then a settle. */
async function burstCost(target: Awaited<ReturnType<typeof burstPage>>, layout: Layout): Promise<Metrics> {
  const before = await target.read();
  await target.page.evaluate(
    async ({ mutations, settle, where }) => {
      const cards = document.querySelectorAll(where.cardStates);
      const detail = document.querySelector(where.detail)!;
      const outlet = where.outlet ? document.querySelector(where.outlet)! : document.body;
      const toasts: Element[] = [];
      for (let m = 0; m < mutations; m += 1) {
        const slot = m % 10;
        if (slot < 6) {
          cards[m % cards.length]!.textContent = m % 2 ? 'Viewed' : 'Promoted';
        } else if (slot < 9) {
          if (m % 2) detail.lastElementChild!.remove();
          else detail.append(Object.assign(document.createElement('p'), { textContent: `Loaded insight ${m}` }));
        } else if (m % 2) {
          toasts.pop()?.remove();
        } else {
          const toast = Object.assign(document.createElement('div'), { className: 'artdeco-toast', textContent: 'Saved' });
          outlet.append(toast);
          toasts.push(toast);
        }
      }
      for (const toast of toasts) toast.remove();
      document.body.getBoundingClientRect();
      await new Promise((resolve) => setTimeout(resolve, settle));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    },
    { mutations: MUTATIONS, settle: SETTLE_MS, where: layout.burst },
  );
  return delta(before, await target.read());
}

/**
 * Time from the confirmation appearing in the page to the background
 * answering that the job is recorded; NaN when it is not within the timeout.
 */
async function recordTimes(context: BrowserContext, layout: Layout): Promise<number[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const times: number[] = [];
  for (let run = 0; run < RECORD_RUNS; run += 1) {
    const siteJobId = String((layout.name === 'sdui' ? 4098500000 : 4099500000) + run);
    const url = new URL(layout.url);
    url.searchParams.set('currentJobId', siteJobId);
    const page = await context.newPage();
    await page.goto(url.href, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    const recorded = probe.evaluate(
      async ({ id, timeout }) => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ recorded?: boolean }> } } }).chrome.runtime;
        const deadline = performance.now() + timeout;
        while (performance.now() < deadline) {
          const reply = await runtime.sendMessage({ type: 'job:lookup', platform: 'linkedin', siteJobId: id });
          if (reply?.recorded) return performance.timeOrigin + performance.now();
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        return Number.NaN;
      },
      { id: siteJobId, timeout: RECORD_TIMEOUT_MS },
    );
    const shownAt = await page.evaluate(({ outlet, html }) => {
      if (outlet) {
        document.querySelector(outlet)!.innerHTML = html;
      } else {
        const dialog = Object.assign(document.createElement('div'), { className: 'x7a91b', innerHTML: html });
        dialog.setAttribute('role', 'dialog');
        dialog.setAttribute('aria-labelledby', 'post-apply-modal');
        document.body.append(dialog);
      }
      return performance.timeOrigin + performance.now();
    }, layout.confirm);
    times.push((await recorded) - shownAt);
    await page.close();
  }
  await probe.close();
  return times;
}

// ---------------------------------------------------------------- report

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : n === Number.POSITIVE_INFINITY ? '∞' : 'n/a');

interface LayoutResult {
  load: { ext: Metrics[]; base: Metrics[] };
  burst: { ext: Metrics[]; base: Metrics[] };
  record: number[];
}

async function measureLayout(ext: Side, base: Side, layout: Layout): Promise<LayoutResult> {
  const load = await interleaved(LOAD_RUNS, ext, base, (side, run) => loadCost(side.context, layout, run));
  const targets = new Map([
    [ext, await burstPage(ext.context, layout)],
    [base, await burstPage(base.context, layout)],
  ]);
  const burst = await interleaved(BURSTS, ext, base, (side) => burstCost(targets.get(side)!, layout));
  for (const target of targets.values()) await target.page.close();
  const record = await recordTimes(ext.context, layout);
  return { load, burst, record };
}

async function main() {
  const build = extensionDir('bench-capture');
  const bundles = bundleSizes(build.dir);
  const loadAtStart = loadavg();

  const ext = await launch(build.dir);
  const base = await launch(undefined);
  const measured: Partial<Record<Layout['name'], LayoutResult>> = {};
  try {
    for (const layout of LAYOUTS) measured[layout.name] = await measureLayout(ext, base, layout);
  } finally {
    await ext.close();
    await base.close();
  }
  const loadAtEnd = loadavg();

  const rows: string[][] = [['measure', 'with extension', 'baseline', 'added', 'ratio']];
  for (const [name, size] of Object.entries(bundles)) {
    rows.push([`content script ${name} (KB gzip / raw)`, `${fmt(size.gz, 2)} / ${fmt(size.raw, 1)}`, '', '', '']);
  }
  const compare = (label: string, runs: { ext: Metrics[]; base: Metrics[] }) => {
    const e = medianOf(runs.ext);
    const b = medianOf(runs.base);
    rows.push([`${label}: main thread ms`, fmt(e.task, 2), fmt(b.task, 2), fmt(e.task - b.task, 2), `${fmt(e.task / b.task, 3)}x`]);
    // The bench's own burst runs through DevTools, which ScriptDuration leaves out: this row is the page's scripts plus ours.
    const scriptRatio = b.script >= 0.5 ? `${fmt(e.script / b.script, 3)}x` : '-';
    rows.push([`${label}: JS ms`, fmt(e.script, 2), fmt(b.script, 2), fmt(e.script - b.script, 2), scriptRatio]);
    return { ext: e, base: b };
  };
  const summaries = Object.fromEntries(
    LAYOUTS.map(({ name }) => {
      const m = measured[name]!;
      const loadMedians = compare(`${name} page load (${LOAD_RUNS} runs, median)`, m.load);
      const burstMedians = compare(`${name} burst of ${MUTATIONS} mutations (${BURSTS} runs, median)`, m.burst);
      const recordMedian = median(m.record);
      const timeouts = m.record.filter(Number.isNaN).length;
      const finite = m.record.filter(Number.isFinite);
      rows.push([
        `${name} confirmation → record ms (${RECORD_RUNS} runs, ${timeouts} timed out)`,
        `median ${fmt(recordMedian)}`,
        '',
        `min ${fmt(finite.length ? Math.min(...finite) : Number.NaN)}`,
        `max ${fmt(timeouts ? Number.POSITIVE_INFINITY : Math.max(...finite))}`,
      ]);
      return [name, { loadMedians, burstMedians, recordMedian, timeouts, record: m.record }];
    }),
  ) as Record<Layout['name'], { loadMedians: { ext: Metrics; base: Metrics }; burstMedians: { ext: Metrics; base: Metrics }; recordMedian: number; timeouts: number; record: number[] }>;

  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const load = { start: loadAtStart.map((v) => round(v)), end: loadAtEnd.map((v) => round(v)) };
  console.log(`\nLoad average (1, 5, 15 min): ${load.start.join(', ')} at the start, ${load.end.join(', ')} at the end`);

  const added = (name: Layout['name']) => summaries[name].burstMedians.ext.task - summaries[name].burstMedians.base.task;
  const layoutDetails = (name: Layout['name']) => {
    const s = summaries[name];
    return {
      loadMs: { extension: roundMetrics(s.loadMedians.ext), baseline: roundMetrics(s.loadMedians.base) },
      burst: { mutations: MUTATIONS, extension: roundMetrics(s.burstMedians.ext), baseline: roundMetrics(s.burstMedians.base), ratio: round(s.burstMedians.ext.task / s.burstMedians.base.task, 3) },
      recordRunsMs: s.record.map((value) => (Number.isNaN(value) ? null : round(value))),
    };
  };
  const classic = layoutDetails('classic');
  const results = {
    bundleKbGz: { linkedin: round(bundles.linkedin?.gz), internshala: round(bundles.internshala?.gz) },
    // The aims hold only if they hold on both layouts: the worse of the two.
    burstMs: round(Math.max(added('classic'), added('sdui'))),
    recordMs: finiteOrNull(Math.max(summaries.classic.recordMedian, summaries.sdui.recordMedian)),
    byLayout: Object.fromEntries(
      LAYOUTS.map(({ name }) => [name, { burstMs: round(added(name)), recordMs: finiteOrNull(summaries[name].recordMedian), recordTimeouts: summaries[name].timeouts }]),
    ),
    recordTimeouts: summaries.classic.timeouts + summaries.sdui.timeouts,
    loadAverage: load,
    build: { commit: build.commit, builtByThisRun: build.builtNow, uncommittedExtensionFiles: build.changedFiles },
    details: {
      note:
        'burstMs: main-thread time (CDP TaskDuration: script, style, layout) the extension adds per burst of 1,000 mutations, median with it minus median without it, runs alternating between the two browsers; the worse of the two layouts (byLayout has each), not clamped, so noise can make it negative. JS ms (ScriptDuration) leaves out the burst itself, which runs through DevTools, so there it is the content script alone. recordMs: confirmation inserted in the page to the background answering job:lookup with recorded=true (includes the content script\'s wait for the page to settle), the worse layout\'s median; a run not recorded within 10 s is a failure, counted in recordTimeouts, kept in the median as +infinity and written as null. loadMs, burst and recordRunsMs here are the older layout\'s; sdui holds the current layout\'s.',
      pageElements: await countElements(bigSearchPage()),
      bundleKbRaw: Object.fromEntries(Object.entries(bundles).map(([name, size]) => [name, round(size.raw)])),
      ...classic,
      runs: { load: LOAD_RUNS, bursts: BURSTS, record: RECORD_RUNS },
      sdui: { pageElements: await countElements(bigSduiSearchPage()), ...layoutDetails('sdui') },
    },
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(ROOT, RESULTS)} (measured build: ${build.dir}, commit ${build.commit || execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim()})`);
}

function round(value: number | undefined, digits = 2): number {
  return value === undefined || !Number.isFinite(value) ? Number.NaN : Number(value.toFixed(digits));
}

/** JSON has no ∞: a median pushed there by timeouts is written as null. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? round(value) : null;
}

function roundMetrics(m: Metrics) {
  return { task: round(m.task), script: round(m.script) };
}

async function countElements(html: string): Promise<number> {
  const { Window } = await import('happy-dom');
  const window = new Window();
  window.document.write(html);
  const count = window.document.querySelectorAll('*').length;
  await window.happyDOM.close();
  return count;
}

await main();
