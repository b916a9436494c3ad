/**
 * `npm run bench:dashboard`: how the dashboard feels with 20,000 applications.
 * Not a test: it prints a table and writes tests/bench/results/dashboard.json
 * (milliseconds and frame counts); nothing here asserts a timing.
 *
 * Debian's Chromium with the built extension in a fresh profile. The jobs go
 * in through the extension's own import path (`insertJobsInChunks`) from a
 * page of the extension's origin (./dashboard/seed.ts), so the dashboard reads
 * exactly what it would after an import. Timings are taken in the page
 * (./dashboard/probe-entry.ts), from the input event's timestamp (or the
 * navigation start) to the frame that shows the result.
 *
 * Baselines from the same run, the same browser and the same documents:
 * - the empty dashboard (time to "No applications yet"): the cost of the
 *   page itself, before any job;
 * - a raw IndexedDB getAll of the stored documents, no RxDB, no rendering:
 *   the floor for any dashboard that reads every job before it paints;
 * - animation frames with nothing happening, for the dropped-frame counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { extensionDir, launchWithExtension } from './dashboard/browser';
import { addProbe, probe } from './dashboard/probe';
import { dashboardBenchJobs } from './dashboard/jobs';
import { openSeedPage, type SeedPage } from './dashboard/seed';
import { syncTrafficInWorker } from './dashboard/sync-traffic';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.resolve(process.env.BENCH_DASHBOARD_OUT ?? path.join(ROOT, 'tests/bench/results/dashboard.json'));

const COUNT = Number(process.env.BENCH_DASHBOARD_JOBS ?? 20_000);
const LOAD_RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 5);
/** Scroll speeds in pixels per frame: a brisk wheel scroll, and a fling that replaces every row each frame. */
const SCROLL_SPEEDS = { steady: 40, fling: 400 } as const;
const SCROLL_FRAMES = 180;
const SEARCHES = ['berlin', 'senior data', 'company 42', 'referral', 'take-home typescript'];
const TYPED = 'engineer';
const FILTERS = ['Interview', 'Offer', 'Rejected'];
const LIVE_UPDATES = 5;
/** A search that selects a few dozen jobs for the bulk status change. */
const BULK_SEARCH = 'company 42';
const TABLE_SCROLLER = '.table-scroll';

const median = (values: number[]) => {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return Number.NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
};
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
const ratio = (value: number, base: number) => (Number.isFinite(value) && Number.isFinite(base) && base > 0 ? round(value / base, 2) : null);

// ---------------------------------------------------------------- page loads

interface Load {
  page: Page;
  firstRowMs: number;
  completeMs: number;
  emptyMs: number;
  fcpMs: number;
}

/** Opens the dashboard in a new tab and waits until it shows `until`. */
async function openDashboard(context: BrowserContext, extensionId: string, expected: number, until: 'empty' | 'complete', hash = '#/table'): Promise<Load> {
  const page = await context.newPage();
  await addProbe(page, expected);
  await page.goto(`chrome-extension://${extensionId}/dashboard.html${hash}`);
  await page.waitForFunction(
    (wanted) => {
      const marks = (globalThis as unknown as { dashProbe?: { marks(): Record<string, number | null> } }).dashProbe?.marks();
      if (!marks) return false;
      return wanted === 'empty' ? (marks.emptyPainted ?? -1) > 0 : (marks.completePainted ?? -1) > 0 && (marks.firstRowPainted ?? -1) > 0;
    },
    until,
    { timeout: 60_000, polling: 50 },
  );
  const marks = await probe(page, 'marks');
  return {
    page,
    firstRowMs: marks.firstRowPainted ?? Number.NaN,
    completeMs: marks.completePainted ?? Number.NaN,
    emptyMs: marks.emptyPainted ?? Number.NaN,
    fcpMs: marks.firstContentfulPaint ?? Number.NaN,
  };
}

// ---------------------------------------------------------------- interactions

async function timed(page: Page, action: () => Promise<void>, options: Parameters<typeof probe<'arm'>>[2] = {}): Promise<number> {
  await probe(page, 'arm', options);
  await action();
  const result = await probe(page, 'settle');
  return result.ms;
}

async function measureFilters(page: Page): Promise<{ apply: number[]; clear: number[] }> {
  const apply: number[] = [];
  const clear: number[] = [];
  for (const name of FILTERS) {
    const chip = page.getByRole('group', { name: 'Status' }).getByRole('button', { name, exact: true });
    apply.push(await timed(page, () => chip.click()));
    clear.push(await timed(page, () => chip.click()));
  }
  return { apply, clear };
}

async function measureSearches(page: Page): Promise<{ search: number[]; clear: number[]; keystrokes: number[]; matches: Record<string, string> }> {
  const box = page.getByRole('searchbox', { name: 'Search applications' });
  const search: number[] = [];
  const clear: number[] = [];
  const matches: Record<string, string> = {};
  for (const text of SEARCHES) {
    search.push(await timed(page, () => box.fill(text), { summaryHas: `“${text}”` }));
    matches[text] = await probe(page, 'summary');
    clear.push(await timed(page, () => box.fill('')));
  }
  const keystrokes: number[] = [];
  await box.focus();
  for (let i = 1; i <= TYPED.length; i += 1) {
    keystrokes.push(await timed(page, () => page.keyboard.type(TYPED[i - 1]!), { summaryHas: `“${TYPED.slice(0, i)}”` }));
  }
  await box.fill('');
  return { search, clear, keystrokes, matches };
}

/**
 * One job renamed from another page while the table shows all jobs: from the
 * write starting to the renamed row painted, and the main-thread time the
 * dashboard spent meanwhile (CDP TaskDuration), which stays small only if an
 * update does not re-process every job.
 */
async function measureLiveUpdates(page: Page, writer: SeedPage, ids: string[], after: number, label = 'Renamed role'): Promise<{ ms: number[]; writeMs: number[]; taskMs: number[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskDuration = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  // The renamed job becomes the newest: the top row, drawn only while the table is at its top.
  await probe(page, 'scrollTo', { selector: TABLE_SCROLLER, top: 0 });
  const ms: number[] = [];
  const writeMs: number[] = [];
  const taskMs: number[] = [];
  for (const [index, id] of ids.entries()) {
    const title = `${label} ${index}`;
    await probe(page, 'armText', { selector: `tr[data-job-id="${id}"]`, text: title });
    const before = await taskDuration();
    // Changed later than any job, whatever this machine's clock says: the row moves to the top, in view.
    const updatedAt = new Date(Math.max(Date.now(), after + (index + 1) * 60_000)).toISOString();
    const { startedAt, writtenAt } = await writer.call('touch', { id, title, updatedAt });
    const paintedAt = await probe(page, 'settleAt');
    taskMs.push((await taskDuration()) - before);
    ms.push(paintedAt - startedAt);
    writeMs.push(writtenAt - startedAt);
  }
  await cdp.detach();
  return { ms, writeMs, taskMs };
}

/** Changes waiting leave this many at a time, this often: a push of about 600 jobs a second, long enough to outlast the step. */
const SYNC_TRAFFIC = { batch: 60, everyMs: 100 };

/**
 * The same filters, searches and live updates while the background's
 * bookkeeping of a push runs (changes waiting draining, sync state turning
 * over; see startSyncTraffic): what the header's counts cost the page.
 */
async function measureWhileSyncing(page: Page, writer: SeedPage, ids: string[], after: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskDuration = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  const traffic = await syncTrafficInWorker(page.context());
  const { waiting } = await traffic.call('start', { count: COUNT, ...SYNC_TRAFFIC });
  await page.bringToFront();
  const startedAt = Date.now();
  const busyBefore = await taskDuration();
  try {
    const filters = await measureFilters(page);
    const searches = await measureSearches(page);
    const live = await measureLiveUpdates(page, writer, ids, after, 'Renamed while syncing');
    const busyMs = (await taskDuration()) - busyBefore;
    const wallMs = Date.now() - startedAt;
    const { removed } = await traffic.call('stop');
    return { filters, searches, live, busyShare: busyMs / wallMs, wallMs, waiting, removed };
  } finally {
    // Stopped already unless a step failed.
    await traffic.call('stop');
    await cdp.detach();
  }
}

/** Selects every job a search finds and moves them to Withdrawn: until the table says it is done. */
async function measureBulkStatus(page: Page): Promise<{ jobs: number; ms: number }> {
  const box = page.getByRole('searchbox', { name: 'Search applications' });
  await box.fill(BULK_SEARCH);
  await page.locator('[data-results-summary]').filter({ hasText: `“${BULK_SEARCH}”` }).waitFor();
  const selectAll = page.getByRole('checkbox', { name: /^Select all [\d,]+ matching applications$/ });
  const jobs = Number(((await selectAll.getAttribute('aria-label')) ?? '').replace(/\D/g, ''));
  await selectAll.check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await bulk.getByRole('combobox', { name: 'Status' }).selectOption('withdrawn');
  const ms = await timed(page, () => bulk.getByRole('button', { name: 'Set status' }).click(), { selector: '.toast' });
  await box.fill('');
  return { jobs, ms };
}

interface Frames {
  frames: number;
  dropped: number;
  longestMs: number;
  longTasks: number;
  scrolledPx: number;
}

/** Each scroll speed this many times from the top; the run with the median dropped count is kept. */
const SCROLL_RUNS = 3;

async function scrollFrames(page: Page, selector: string | undefined, axis: 'y' | 'x' = 'y'): Promise<{ idle: Frames; steady: Frames; fling: Frames }> {
  // Frames only come in the tab in front; and work left over from earlier steps (idle callbacks, GC) finishes first.
  await page.bringToFront();
  await page.waitForTimeout(2000);
  const middle = (runs: Frames[]) => [...runs].sort((a, b) => a.dropped - b.dropped)[Math.floor(runs.length / 2)]!;
  const runsOf = async (pxPerFrame?: number) => {
    const runs: Frames[] = [];
    for (let run = 0; run < SCROLL_RUNS; run += 1) {
      await probe(page, 'scrollTo', { selector, top: 0 });
      runs.push(await probe(page, 'frames', { frames: SCROLL_FRAMES, pxPerFrame, selector, axis }));
    }
    return middle(runs);
  };
  const idle = await runsOf();
  const steady = await runsOf(SCROLL_SPEEDS.steady);
  const fling = await runsOf(SCROLL_SPEEDS.fling);
  return { idle, steady, fling };
}

const summarise = (frames: Frames) => ({ dropped: frames.dropped, of: frames.frames, longestMs: round(frames.longestMs), longTasks: frames.longTasks, scrolledPx: Math.round(frames.scrolledPx) });

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const build = extensionDir();
  const { dir } = build;
  console.log(`Extension: ${path.relative(ROOT, dir) || dir}; ${COUNT.toLocaleString('en')} jobs; ${LOAD_RUNS} loads each`);
  const browser = await launchWithExtension(dir);
  try {
    const { context, extensionId } = browser;

    // Baseline 1: the dashboard with no job at all.
    const empty: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run += 1) {
      const load = await openDashboard(context, extensionId, 0, 'empty');
      empty.push(load.emptyMs);
      await load.page.close();
    }

    const seedPage = await openSeedPage(context, extensionId);
    console.log(`Seeding ${COUNT.toLocaleString('en')} jobs through insertJobsInChunks…`);
    const seeded = await seedPage.call('seed', { count: COUNT });
    if (seeded.inserted !== COUNT) throw new Error(`seeded ${seeded.inserted} of ${COUNT}: ${seeded.failures.join('; ')}`);
    console.log(`  stored in ${(seeded.ms / 1000).toFixed(1)} s`);

    // Baseline 2: every stored document in one raw IndexedDB read.
    const raw: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run += 1) {
      const read = await seedPage.call('rawReadAll');
      if (read.count !== COUNT) throw new Error(`raw read found ${read.count} documents`);
      raw.push(read.ms);
    }
    await seedPage.close();

    console.log('Opening the dashboard…');
    const loads: Load[] = [];
    for (let run = 0; run < LOAD_RUNS; run += 1) {
      const load = await openDashboard(context, extensionId, COUNT, 'complete');
      loads.push(load);
      if (run < LOAD_RUNS - 1) await load.page.close();
    }
    const page = loads[loads.length - 1]!.page;

    // Scrolling first, in the steady state after loading: the steps below leave work behind
    // (the live updates' garbage, RxDB's idle tasks) that would be counted as the table's.
    console.log('Scrolling the table…');
    const table = await scrollFrames(page, TABLE_SCROLLER);
    const hasFilters = (await page.getByRole('searchbox', { name: 'Search applications' }).count()) > 0;
    console.log('Filters, searches, live updates, a bulk change…');
    const filters = hasFilters ? await measureFilters(page) : undefined;
    const searches = hasFilters ? await measureSearches(page) : undefined;
    const writer = await openSeedPage(context, extensionId);
    // A hidden tab's timers are throttled to one a second: measure the dashboard as the tab in front.
    await page.bringToFront();
    const jobs = dashboardBenchJobs(COUNT);
    const newest = Math.max(...jobs.map((job) => Date.parse(job.updatedAt)));
    const touched = jobs.slice(-LIVE_UPDATES).map((job) => job.id);
    const live = await measureLiveUpdates(page, writer, touched, newest);
    const syncing = hasFilters ? await measureWhileSyncing(page, writer, touched, newest + LIVE_UPDATES * 60_000) : undefined;
    await writer.close();
    const bulkStatus = hasFilters ? await measureBulkStatus(page) : undefined;

    // The board, if this build has one: open it from the nav, then scroll its fullest column.
    let board: { openMs: number; scroll: Awaited<ReturnType<typeof scrollFrames>> } | { missing: string } = { missing: 'no board in this build' };
    await probe(page, 'scrollTo', { top: 0 });
    const boardLink = page.getByRole('link', { name: 'Board', exact: true });
    if ((await boardLink.count()) > 0) {
      const openMs = await timed(page, () => boardLink.click(), { selector: '.board-card' });
      if (Number.isFinite(openMs)) {
        const column = await page.evaluate(() => {
          const scrollers = [...document.querySelectorAll<HTMLElement>('.board-column')];
          const fullest = scrollers.sort((a, b) => (b.querySelector('.column-scroll')?.scrollHeight ?? 0) - (a.querySelector('.column-scroll')?.scrollHeight ?? 0))[0];
          return fullest?.dataset.status;
        });
        board = column
          ? { openMs, scroll: await scrollFrames(page, `.board-column[data-status="${column}"] .column-scroll`) }
          : { missing: 'board without columns' };
      }
    }

    const firstRender = median(loads.map((load) => load.firstRowMs));
    const complete = median(loads.map((load) => load.completeMs));
    const emptyMs = median(empty);
    const rawMs = median(raw);
    const result = {
      firstRenderMs: round(firstRender),
      filterMs: filters ? round(median(filters.apply)) : null,
      searchMs: searches ? round(median(searches.search)) : null,
      allJobsMs: round(complete),
      keystrokeMs: searches ? round(median(searches.keystrokes)) : null,
      keystrokeMaxMs: searches ? round(Math.max(...searches.keystrokes)) : null,
      liveUpdateMs: round(median(live.ms)),
      liveUpdateMainThreadMs: round(median(live.taskMs)),
      bulkStatus: bulkStatus ? { jobs: bulkStatus.jobs, ms: round(bulkStatus.ms, 0) } : null,
      bulkStatusMsPerJob: bulkStatus ? round(bulkStatus.ms / bulkStatus.jobs, 2) : null,
      whileSyncing: syncing
        ? {
            filterMs: round(median(syncing.filters.apply)),
            searchMs: round(median(syncing.searches.search)),
            keystrokeMs: round(median(syncing.searches.keystrokes)),
            keystrokeMaxMs: round(Math.max(...syncing.searches.keystrokes)),
            liveUpdateMs: round(median(syncing.live.ms)),
            mainThreadBusyShare: round(syncing.busyShare, 2),
          }
        : null,
      droppedFrames: {
        idle: table.idle.dropped,
        tableSteady: table.steady.dropped,
        tableFling: table.fling.dropped,
        ...('scroll' in board ? { boardSteady: board.scroll.steady.dropped, boardFling: board.scroll.fling.dropped } : {}),
        framesPerRun: SCROLL_FRAMES,
      },
      baseline: {
        emptyDashboardMs: round(emptyMs),
        rawIndexedDbReadAllMs: round(rawMs),
      },
      ratios: {
        firstRenderVsEmptyDashboard: ratio(firstRender, emptyMs),
        firstRenderVsRawReadAll: ratio(firstRender, rawMs),
        allJobsVsRawReadAll: ratio(complete, rawMs),
      },
      details: {
        note: 'ms from navigation start (loads) or from the input event (filter, search, keystroke) to the frame that shows the result (mutation seen, then one animation frame and a task). Medians. filterMs: clicking a status filter; searchMs: one input event carrying a whole query; keystrokeMs: typing a word letter by letter. firstRenderMs: first job row painted; allJobsMs: the header shows the full count (every job loaded and live). Dropped frames: animation frames longer than 1/60 s (n intervals count n-1) while scrolling by steady/fling px per frame, the median of 3 runs of 180 frames; idle is the same count with nothing happening.',
        jobs: COUNT,
        seedMs: round(seeded.ms, 0),
        loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
        cpus: cpus().length,
        extension: path.relative(ROOT, dir) || dir,
        build: { builtByThisRun: build.builtNow, commit: build.commit, uncommittedExtensionFiles: build.changedFiles },
        loads: loads.map((load) => ({ firstRowMs: round(load.firstRowMs), allJobsMs: round(load.completeMs), fcpMs: round(load.fcpMs) })),
        emptyDashboardMs: empty.map((value) => round(value)),
        rawReadAllMs: raw.map((value) => round(value)),
        filter: filters ? { applyMs: filters.apply.map((value) => round(value)), clearMs: filters.clear.map((value) => round(value)), statuses: FILTERS } : 'no filters in this build',
        search: searches
          ? { queries: searches.matches, searchMs: searches.search.map((value) => round(value)), clearMs: searches.clear.map((value) => round(value)), typed: TYPED, keystrokeMs: searches.keystrokes.map((value) => round(value)) }
          : 'no search in this build',
        liveUpdate: {
          ms: live.ms.map((value) => round(value)),
          writeMs: live.writeMs.map((value) => round(value)),
          mainThreadMs: live.taskMs.map((value) => round(value)),
          note: 'one job renamed from another extension page through upsertJobWith; ms from the write starting to the row painted with the new title, writeMs the write itself in the other page, mainThreadMs the dashboard renderer main-thread time meanwhile',
        },
        whileSyncing: syncing
          ? {
              note: `the same filters, searches and live updates while the background's bookkeeping classes (PendingChanges, SyncStatusTracker) run in the extension's service worker as during a push: ${SYNC_TRAFFIC.batch} changes waiting leave every ${SYNC_TRAFFIC.everyMs} ms and the sync state turns over each second; no server. mainThreadBusyShare: the dashboard's main-thread time over the wall time of the whole step`,
              waitingAtStart: syncing.waiting,
              removed: syncing.removed,
              wallMs: Math.round(syncing.wallMs),
              filterApplyMs: syncing.filters.apply.map((value) => round(value)),
              searchMs: syncing.searches.search.map((value) => round(value)),
              keystrokeMs: syncing.searches.keystrokes.map((value) => round(value)),
              liveUpdateMs: syncing.live.ms.map((value) => round(value)),
              liveUpdateMainThreadMs: syncing.live.taskMs.map((value) => round(value)),
            }
          : 'no filters in this build',
        scrollPxPerFrame: SCROLL_SPEEDS,
        tableScroll: { idle: summarise(table.idle), steady: summarise(table.steady), fling: summarise(table.fling) },
        board: 'scroll' in board ? { openMs: round(board.openMs), idle: summarise(board.scroll.idle), steady: summarise(board.scroll.steady), fling: summarise(board.scroll.fling) } : board,
      },
    };

    console.log('');
    console.table({
      'first row painted': { ms: result.firstRenderMs, baseline: `empty dashboard ${result.baseline.emptyDashboardMs}`, ratio: result.ratios.firstRenderVsEmptyDashboard },
      'first row vs raw read': { ms: result.firstRenderMs, baseline: `raw getAll ${result.baseline.rawIndexedDbReadAllMs}`, ratio: result.ratios.firstRenderVsRawReadAll },
      'all jobs loaded': { ms: result.allJobsMs, baseline: `raw getAll ${result.baseline.rawIndexedDbReadAllMs}`, ratio: result.ratios.allJobsVsRawReadAll },
      'status filter': { ms: result.filterMs, baseline: '', ratio: '' },
      'search (one input)': { ms: result.searchMs, baseline: '', ratio: '' },
      'search (per keystroke)': { ms: result.keystrokeMs, baseline: `max ${result.keystrokeMaxMs}`, ratio: '' },
      'live update (row repainted)': { ms: result.liveUpdateMs, baseline: `main thread ${result.liveUpdateMainThreadMs}`, ratio: '' },
      ...(syncing
        ? {
            'while syncing: filter': { ms: result.whileSyncing?.filterMs ?? null, baseline: '', ratio: '' },
            'while syncing: search': { ms: result.whileSyncing?.searchMs ?? null, baseline: `max keystroke ${result.whileSyncing?.keystrokeMaxMs ?? ''}`, ratio: '' },
            'while syncing: live update': { ms: result.whileSyncing?.liveUpdateMs ?? null, baseline: `main thread busy ${result.whileSyncing?.mainThreadBusyShare ?? ''}`, ratio: '' },
          }
        : {}),
      ...(bulkStatus ? { [`bulk status (${bulkStatus.jobs} jobs)`]: { ms: round(bulkStatus.ms, 0), baseline: '', ratio: '' } } : {}),
    });
    console.table({
      'idle (baseline)': { dropped: table.idle.dropped, of: SCROLL_FRAMES, longestMs: round(table.idle.longestMs) },
      [`table ${SCROLL_SPEEDS.steady}px/frame`]: { dropped: table.steady.dropped, of: SCROLL_FRAMES, longestMs: round(table.steady.longestMs) },
      [`table ${SCROLL_SPEEDS.fling}px/frame`]: { dropped: table.fling.dropped, of: SCROLL_FRAMES, longestMs: round(table.fling.longestMs) },
      ...('scroll' in board
        ? {
            [`board ${SCROLL_SPEEDS.steady}px/frame`]: { dropped: board.scroll.steady.dropped, of: SCROLL_FRAMES, longestMs: round(board.scroll.steady.longestMs) },
            [`board ${SCROLL_SPEEDS.fling}px/frame`]: { dropped: board.scroll.fling.dropped, of: SCROLL_FRAMES, longestMs: round(board.scroll.fling.longestMs) },
          }
        : {}),
    });
    if (!('scroll' in board)) console.log(`Board: ${board.missing}`);
    else console.log(`Board opened in ${round(board.openMs)} ms`);

    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(ROOT, RESULTS)}`);
  } finally {
    await browser.close();
  }
}

await main();
