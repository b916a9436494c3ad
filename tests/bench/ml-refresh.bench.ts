/**
 * `npm run bench:ml-refresh`: the background match refresh
 * with 20,000 applications. Not a test: it prints and writes
 * tests/bench/results/ml-refresh.json; nothing here asserts a timing.
 *
 * Debian's Chromium with the extension built from the working tree. The jobs
 * go in through the import path (./dashboard/seed.ts); a resume is read from
 * a PDF on the Resumes page, which starts the refresh (extension/ml/
 * match-refresher.ts): every job matched in the ML worker, in batches, and its
 * mlAnalysis written. Measured from the resume being saved to every job
 * holding a fresh analysis, and, on the dashboard's table meanwhile, the long
 * tasks of its main thread (over 50 ms) against the same window with nothing
 * to refresh (the baseline of the same run: polling the database and the
 * live list cost something of their own).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extensionDir, launchWithExtension } from './dashboard/browser';
import { readLongTasks, recordLongTasks, summariseLongTasks, type LongTaskSummary } from './dashboard/long-tasks';
import { openSeedPage } from './dashboard/seed';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.resolve(process.env.BENCH_ML_REFRESH_OUT ?? path.join(ROOT, 'tests/bench/results/ml-refresh.json'));
const COUNT = Number(process.env.BENCH_ML_REFRESH_JOBS ?? 20_000);
const RESUME_PDF = path.join(ROOT, 'tests/fixtures/resumes/resume1_single_column.pdf');
const POLL_MS = 2_000;
const BASELINE_MS = 20_000;
const round = (value: number) => Math.round(value);

/** Jobs whose stored analysis names an inputs key, read in another page of the extension. */
function freshCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((db) => db.name ?? '').filter((n) => /^rxdb-dexie-trackruit--\d+--jobs$/.test(n)).sort().pop()!;
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const docs = await new Promise<{ mlAnalysis?: { summary?: string } }[]>((resolve, reject) => {
        const request = idb.transaction('docs', 'readonly').objectStore('docs').getAll();
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error);
      });
      return docs.filter((doc) => doc.mlAnalysis?.summary?.includes('; inputs ')).length;
    } finally {
      idb.close();
    }
  });
}

async function longTasksSince(page: Page, since: number): Promise<LongTaskSummary> {
  return summariseLongTasks((await readLongTasks(page)).filter((t) => t.start >= since));
}

async function main(): Promise<void> {
  const build = extensionDir('bench-ml-refresh');
  const browser = await launchWithExtension(build.dir);
  try {
    const { context, extensionId } = browser;
    const seeder = await openSeedPage(context, extensionId);
    const seeded = await seeder.call('seed', { count: COUNT });
    console.log(`Seeded ${seeded.inserted} jobs in ${round(seeded.ms)} ms`);
    await seeder.close();

    const page = await context.newPage();
    await recordLongTasks(page);
    await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);
    await page.getByText(`${COUNT.toLocaleString('en-US')} applications`, { exact: true }).waitFor({ timeout: 120_000 });

    const counter = await context.newPage();
    await counter.goto(`chrome-extension://${extensionId}/manifest.json`);

    // Baseline: the table open, the same polling, nothing to refresh (no resume yet).
    const baselineStart = await page.evaluate(() => performance.now());
    const baselineEnd = Date.now() + BASELINE_MS;
    while (Date.now() < baselineEnd) {
      await freshCount(counter);
      await page.waitForTimeout(POLL_MS);
    }
    const baseline = await longTasksSince(page, baselineStart);

    await page.goto(`chrome-extension://${extensionId}/dashboard.html#/resumes`);
    await page.getByLabel('Choose a file').setInputFiles(RESUME_PDF);
    await page.getByRole('form', { name: 'Edit resume1 single column' }).waitFor({ timeout: 120_000 });
    await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);
    const started = Date.now();
    const refreshStart = await page.evaluate(() => performance.now());
    let fresh = 0;
    while (fresh < COUNT && Date.now() - started < 30 * 60_000) {
      await page.waitForTimeout(POLL_MS);
      fresh = await freshCount(counter);
      process.stdout.write(`\r${fresh} of ${COUNT} jobs analysed`);
    }
    const refreshMs = Date.now() - started;
    const refreshWindowMs = await page.evaluate(() => performance.now());
    const during = await longTasksSince(page, refreshStart);
    console.log('');

    const result = {
      jobs: COUNT,
      refreshAllMs: fresh >= COUNT ? refreshMs : null,
      analysed: fresh,
      longTasksDuringRefresh: { ...during, windowMs: round(refreshWindowMs - refreshStart) },
      longTasksBaseline: { ...baseline, windowMs: BASELINE_MS },
      details: {
        note: 'refreshAllMs: from the resume saved to every job holding an mlAnalysis with an inputs key (polled every 2 s, so up to 2 s late). Long tasks: PerformanceObserver longtask entries on the dashboard page (table shown); blockedMs sums each task beyond 50 ms. Baseline: the same page and polling with no resume, so nothing to refresh.',
        seedMs: round(seeded.ms),
        loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))),
        cpus: cpus().length,
        build: { builtByThisRun: build.builtNow, commit: build.commit, uncommittedExtensionFiles: build.changedFiles },
      },
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
  }
}

await main();
