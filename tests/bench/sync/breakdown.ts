/**
 * Where a Chromium push and pull of the extension's engine spend their wall
 * time: the page's fetch is wrapped to time every request (by route), so the
 * time with at least one request outstanding (waiting on the server) is told
 * from the time the client spends on its own; CPU is split by Chromium
 * process (renderer, storage = IndexedDB's LevelDB, network, browser) and the
 * server's. The storage floor of the same jobs, and a pull's local steps one
 * by one (./pull-parts.ts), run in the same profile for comparison. Diagnosis only (`npx tsx tests/bench/sync/breakdown.ts`); not
 * part of `npm run bench`. BENCH_BREAKDOWN_COUNT jobs (10,000 by default).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumCpuMs, servePage } from './browser';
import { registerUser, startBenchServer } from './server';

const COUNT = Number(process.env.BENCH_BREAKDOWN_COUNT ?? 10_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface RequestLog {
  route: string;
  start: number;
  end: number;
}

/** Wraps the page's fetch once; every request's route and start/end land in globalThis.requestLog. */
async function recordRequests(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as { requestLog: RequestLog[]; fetch: typeof fetch };
    scope.requestLog = [];
    const original = scope.fetch.bind(globalThis);
    scope.fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const route = `${init?.method ?? 'GET'} ${url.pathname.split('/').slice(3).join('/') || '(db)'}${url.searchParams.get('feed') === 'longpoll' ? ' longpoll' : ''}`;
      const start = performance.now();
      try {
        const response = await original(input, init);
        // Reading the body is part of the request's time.
        const body = await response.clone().arrayBuffer();
        void body;
        return response;
      } finally {
        scope.requestLog.push({ route, start, end: performance.now() });
      }
    };
  });
}

function summarise(log: RequestLog[], wallMs: number) {
  const byRoute: Record<string, { count: number; ms: number }> = {};
  for (const entry of log) {
    const cell = (byRoute[entry.route] ??= { count: 0, ms: 0 });
    cell.count += 1;
    cell.ms = Math.round(cell.ms + entry.end - entry.start);
  }
  // Union of in-flight intervals, longpolls left out (they wait by design once caught up).
  const intervals = log.filter((e) => !e.route.endsWith('longpoll')).map((e) => [e.start, e.end] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let until = -Infinity;
  for (const [start, end] of intervals) {
    if (end <= until) continue;
    busy += end - Math.max(start, until);
    until = end;
  }
  return { wallMs: Math.round(wallMs), requestOutstandingMs: Math.round(busy), clientAloneMs: Math.round(wallMs - busy), byRoute };
}

const pageServer = await servePage();
const server = await startBenchServer({ corsOrigins: [pageServer.origin] });
const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-breakdown-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${pageServer.origin}/`);
  await page.waitForFunction(() => 'syncBench' in globalThis);
  await recordRequests(page);
  const call = (name: string, options: unknown) =>
    page.evaluate(([m, o]) => (globalThis as unknown as Record<string, Record<string, (x: unknown) => Promise<unknown>>>).syncBench![m!]!(o), [name, options] as const);
  const measured = async (label: string, run: () => Promise<unknown>) => {
    await page.evaluate(() => {
      (globalThis as unknown as { requestLog: RequestLog[] }).requestLog = [];
    });
    const cpu0 = chromiumCpuMs(profile);
    const server0 = server.cpuMs();
    const start = performance.now();
    const value = await run();
    const wall = performance.now() - start;
    const cpu1 = chromiumCpuMs(profile);
    const log = await page.evaluate(() => (globalThis as unknown as { requestLog: RequestLog[] }).requestLog);
    const cpu = Object.fromEntries(Object.entries(cpu1).map(([kind, ms]) => [kind, Math.round(ms - (cpu0[kind] ?? 0))]));
    console.log(`${label}: ${JSON.stringify(value).slice(0, 400)}`);
    console.log(JSON.stringify({ ...summarise(log, wall), chromiumCpuMs: cpu, serverCpuMs: Math.round(server.cpuMs() - server0) }, null, 1));
  };

  const tokens = await registerUser(server.url);
  await call('insert', { count: COUNT, tag: 'bd1' });
  await measured(`push ${COUNT}`, () => call('push', { tokens, tag: 'bd1' }));
  await measured(`pull ${COUNT}`, () => call('pull', { tokens, expected: COUNT, tag: 'bd2' }));
  await measured(`storage floor ${COUNT}`, () => call('storageFloor', { count: COUNT, tag: 'bd3' }));
  await measured(`a pull's local steps, ${COUNT} jobs, ms each`, () => call('pullParts', { count: COUNT, tag: 'bd4' }));
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await server.stop();
  await pageServer.stop();
}
