/**
 * `npm run bench:sync`: how fast jobs move between a device and the sync
 * server. Not a test: it prints a table and writes
 * tests/bench/results/sync.json (throughput in documents per second,
 * latencies in ms); nothing here asserts a timing.
 *
 * One real server (child process, LevelDB in a temp dir), a new account per
 * measured run so each starts from an empty database. Clients:
 * - raw: the floor, plain `_bulk_docs` / `_changes?include_docs` requests (./sync/raw.ts);
 * - pouchdb: PouchDB's native replication from a memory PouchDB (./sync/pouch.ts);
 * - rxdbNode / rxdbChromium: the extension's stack (./sync/rxdb-runs.ts) on
 *   fake-indexeddb in this process, and on Chromium's IndexedDB in a page.
 * Each cell is the median of BENCH_SYNC_RUNS runs, the clients interleaved
 * within a run so a noisy neighbour hits them alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { REPLICATION_BATCH } from '../../extension/background/replication-batch';
import type { Tokens } from '../../extension/background/tokens';
import { openDatabase } from '../../extension/db/database';
import { openBenchPage, servePage, type BenchPage } from './sync/browser';
import { benchCouchDocs } from './sync/jobs';
import { watchServer } from './sync/observer';
import { pouchPull, pouchPush } from './sync/pouch';
import { rawPull, rawPush } from './sync/raw';
import { captureRun, pullRun, pushRun, type RxdbEnv, type TransferTiming } from './sync/rxdb-runs';
import { registerUser, serverDocCount, startBenchServer } from './sync/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/bench/results/sync.json');

const COUNT = Number(process.env.BENCH_SYNC_DOCS ?? 10_000);
const SMALL_IMPORT = Number(process.env.BENCH_SYNC_SMALL_IMPORT ?? 1_000);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const CAPTURES = Number(process.env.BENCH_SYNC_CAPTURES ?? 60);
const CAPTURE_WARMUP = 5;
const CAPTURE_GAP_MS = 100;
/** The contrast run (one bulkInsert of everything, then push) takes tens of seconds; 0 skips it. */
const CONTRAST = process.env.BENCH_SYNC_CONTRAST !== '0';

const CLIENTS = ['raw', 'rxdbChromium', 'rxdbNode', 'pouchdb'] as const;
type Client = (typeof CLIENTS)[number];

let tagCount = 0;
/** Letters and digits only: tags become part of site job ids. */
const newTag = () => `b${Date.now().toString(36)}${(tagCount += 1)}x`;

const nodeEnv: RxdbEnv = {
  open: (name) => openDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false }),
  // Dropping the IDBFactory frees fake-indexeddb's memory.
  dispose: (db) => db.close().then(() => undefined),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (value: number, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : Number.NaN);
const rate = (docs: number, ms: number) => (docs * 1000) / ms;

function checkClean(label: string, timing: TransferTiming): number {
  if (timing.errors.length) console.warn(`  ${label}: ${timing.errors.length} replication errors (retried), first: ${timing.errors[0]}`);
  return timing.ms;
}

async function expectOnServer(tokens: Tokens, expected: number, label: string): Promise<void> {
  const count = await serverDocCount(tokens);
  if (count !== expected) throw new Error(`${label}: the server holds ${count} documents, expected ${expected}`);
}

// ---------------------------------------------------------------- measurements

async function pushOnce(client: Client, serverUrl: string, page: BenchPage): Promise<number> {
  const tokens = await registerUser(serverUrl);
  const tag = newTag();
  let ms: number;
  switch (client) {
    case 'raw':
      ms = await rawPush(tokens, benchCouchDocs(COUNT, tag));
      break;
    case 'pouchdb':
      ms = await pouchPush(tokens, benchCouchDocs(COUNT, tag));
      break;
    case 'rxdbNode':
      ms = checkClean('push rxdbNode', await pushRun(nodeEnv, { tokens, count: COUNT, tag }));
      break;
    case 'rxdbChromium':
      ms = checkClean('push rxdbChromium', await page.call('push', { tokens, count: COUNT, tag }));
      break;
  }
  await expectOnServer(tokens, COUNT, `push ${client}`);
  return ms;
}

async function pullOnce(client: Client, tokens: Tokens, page: BenchPage): Promise<number> {
  const tag = newTag();
  switch (client) {
    case 'raw':
      return rawPull(tokens, COUNT);
    case 'pouchdb':
      return pouchPull(tokens, COUNT);
    case 'rxdbNode':
      return checkClean('pull rxdbNode', await pullRun(nodeEnv, { tokens, expected: COUNT, tag }));
    case 'rxdbChromium':
      return checkClean('pull rxdbChromium', await page.call('pull', { tokens, expected: COUNT, tag }));
  }
}

/** A bulk import in Chromium: insertJobsInChunks (or one bulkInsert, for contrast), then the push. */
async function importOnce(serverUrl: string, page: BenchPage, count: number, insert: 'chunks' | 'one-write') {
  const tokens = await registerUser(serverUrl);
  const timing = await page.call('push', { tokens, count, tag: newTag(), insert });
  checkClean(`import ${count} (${insert})`, timing);
  await expectOnServer(tokens, count, `import ${count}`);
  return { insertMs: timing.insertMs!, pushMs: timing.ms };
}

/** Write-to-server latencies of captures made while online, seen by an observer outside the client. */
async function captureLatencies(run: (tokens: Tokens, tag: string) => Promise<{ writes: { id: string; at: number }[] }>, serverUrl: string) {
  const tokens = await registerUser(serverUrl);
  const watch = watchServer(tokens);
  const { writes } = await run(tokens, newTag());
  // The last write's longpoll answer may still be on its way.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await watch.stop();
  const latencies = writes.slice(CAPTURE_WARMUP).map(({ id, at }) => {
    const arrived = watch.seen.get(id);
    if (arrived === undefined) throw new Error(`capture ${id} never reached the server`);
    return arrived - at;
  });
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), samples: latencies.length };
}

// ---------------------------------------------------------------- report

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function main() {
  const started = performance.now();
  const pageServer = await servePage();
  const server = await startBenchServer({ corsOrigins: [pageServer.origin] });
  let page: BenchPage | undefined;
  try {
    page = await openBenchPage(pageServer.origin);
    const pushMs: Record<Client, number[]> = { raw: [], rxdbChromium: [], rxdbNode: [], pouchdb: [] };
    const pullMs: Record<Client, number[]> = { raw: [], rxdbChromium: [], rxdbNode: [], pouchdb: [] };

    console.log(`Sync bench: ${COUNT} jobs, ${RUNS} runs per cell, replication batch pull ${REPLICATION_BATCH.pull} / push ${REPLICATION_BATCH.push}`);
    for (let run = 1; run <= RUNS; run += 1) {
      for (const client of CLIENTS) {
        pushMs[client].push(await pushOnce(client, server.url, page));
        console.log(`  run ${run} push ${client}: ${round(pushMs[client].at(-1)!)} ms`);
      }
      const seeded = await registerUser(server.url);
      await rawPush(seeded, benchCouchDocs(COUNT, newTag()));
      for (const client of CLIENTS) {
        pullMs[client].push(await pullOnce(client, seeded, page));
        console.log(`  run ${run} pull ${client}: ${round(pullMs[client].at(-1)!)} ms`);
      }
    }

    const imports = { n1000: [] as { insertMs: number; pushMs: number }[], n10000: [] as { insertMs: number; pushMs: number }[] };
    for (let run = 1; run <= RUNS; run += 1) {
      imports.n1000.push(await importOnce(server.url, page, SMALL_IMPORT, 'chunks'));
      imports.n10000.push(await importOnce(server.url, page, COUNT, 'chunks'));
      console.log(`  run ${run} import: ${JSON.stringify({ n1000: imports.n1000.at(-1), n10000: imports.n10000.at(-1) }, (_, v: unknown) => (typeof v === 'number' ? round(v) : v))}`);
    }
    const contrast = CONTRAST ? await importOnce(server.url, page, COUNT, 'one-write') : undefined;
    if (contrast) console.log(`  contrast, one bulkInsert of ${COUNT} then push: insert ${round(contrast.insertMs)} ms, push ${round(contrast.pushMs)} ms`);

    const captureSamples = CAPTURE_WARMUP + CAPTURES;
    const chromiumCapture = await captureLatencies(
      (tokens, tag) => page!.call('capture', { tokens, samples: captureSamples, tag, gapMs: CAPTURE_GAP_MS }),
      server.url,
    );
    const nodeCapture = await captureLatencies((tokens, tag) => captureRun(nodeEnv, { tokens, samples: captureSamples, tag, gapMs: CAPTURE_GAP_MS }), server.url);

    // ------------------------------------------------------------ results
    const push = Object.fromEntries(CLIENTS.map((c) => [c, rate(COUNT, median(pushMs[c]))])) as Record<Client, number>;
    const pull = Object.fromEntries(CLIENTS.map((c) => [c, rate(COUNT, median(pullMs[c]))])) as Record<Client, number>;
    const importRate = (runs: { insertMs: number; pushMs: number }[], n: number) => rate(n, median(runs.map((r) => r.insertMs + r.pushMs)));
    const importPushRate = (runs: { insertMs: number; pushMs: number }[], n: number) => rate(n, median(runs.map((r) => r.pushMs)));

    const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;
    console.log('');
    const rows: string[][] = [['client', 'push docs/s', 'vs raw', 'vs PouchDB', 'pull docs/s', 'vs raw', 'vs PouchDB']];
    for (const client of CLIENTS) {
      rows.push([
        client,
        round(push[client]).toString(),
        ratio(push[client], push.raw),
        ratio(push[client], push.pouchdb),
        round(pull[client]).toString(),
        ratio(pull[client], pull.raw),
        ratio(pull[client], pull.pouchdb),
      ]);
    }
    printTable(rows);
    console.log('');
    const medianParts = (runs: { insertMs: number; pushMs: number }[]) =>
      `insert ${round(median(runs.map((r) => r.insertMs)))} ms + push ${round(median(runs.map((r) => r.pushMs)))} ms`;
    printTable([
      ['Chromium', 'docs/s', 'push alone docs/s', 'median parts'],
      [`import ${SMALL_IMPORT} (chunks of 100) + push`, round(importRate(imports.n1000, SMALL_IMPORT)).toString(), round(importPushRate(imports.n1000, SMALL_IMPORT)).toString(), medianParts(imports.n1000)],
      [`import ${COUNT} (chunks of 100) + push`, round(importRate(imports.n10000, COUNT)).toString(), round(importPushRate(imports.n10000, COUNT)).toString(), medianParts(imports.n10000)],
      ...(contrast
        ? [[`one bulkInsert of ${COUNT} + push (1 run)`, round(rate(COUNT, contrast.insertMs + contrast.pushMs)).toString(), round(rate(COUNT, contrast.pushMs)).toString(), medianParts([contrast])]]
        : []),
      [`capture → server ms (${CAPTURES} captures)`, `p50 ${round(chromiumCapture.p50, 1)}`, `p95 ${round(chromiumCapture.p95, 1)}`, `max ${round(chromiumCapture.max, 1)}; Node: p50 ${round(nodeCapture.p50, 1)}, p95 ${round(nodeCapture.p95, 1)}`],
    ]);
    const aims = {
      pushHalfOfRaw: { rxdbChromium: push.rxdbChromium >= 0.5 * push.raw, rxdbNode: push.rxdbNode >= 0.5 * push.raw },
      pushTwicePouchdb: { rxdbChromium: push.rxdbChromium >= 2 * push.pouchdb, rxdbNode: push.rxdbNode >= 2 * push.pouchdb },
      pull80PercentOfRaw: { rxdbChromium: pull.rxdbChromium >= 0.8 * pull.raw, rxdbNode: pull.rxdbNode >= 0.8 * pull.raw },
    };
    console.log(`\nAims (push >= 0.5x raw and >= 2x PouchDB, pull >= 0.8x raw): ${JSON.stringify(aims)}`);

    const docBytes = JSON.stringify(benchCouchDocs(100, 'size')).length / 100;
    const results = {
      push: Object.fromEntries(CLIENTS.map((c) => [c, round(push[c])])),
      pull: Object.fromEntries(CLIENTS.map((c) => [c, round(pull[c])])),
      bulkImportPush: { n1000: round(importRate(imports.n1000, SMALL_IMPORT)), n10000: round(importRate(imports.n10000, COUNT)) },
      captureToServerMs: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1) },
      details: {
        note:
          'Documents per second, median of the runs. push/pull: 10,000 jobs between one device and an empty (push) or full (pull) user database on a LevelDB server in its own process. raw: _bulk_docs and _changes?include_docs, 1,000 documents per request (the most the sync gate accepts). pouchdb: PouchDB.replicate with a memory PouchDB, default options. rxdb*: replicateJobs (extension/background/replication.ts) with the auth fetch, from openDatabase (Dexie storage) on Chromium IndexedDB or fake-indexeddb; push starts after the jobs are stored (insertJobsInChunks) and ends at awaitInitialReplication. bulkImportPush (Chromium): documents over insertJobsInChunks time plus the push that follows. captureToServerMs (Chromium): upsertJobWith of a captured job with the live replication in sync, until an observer longpolling the server sees it.',
        docs: COUNT,
        runs: RUNS,
        docBytes: round(docBytes),
        replicationBatch: REPLICATION_BATCH,
        ratios: {
          push: { rxdbChromiumVsRaw: round(push.rxdbChromium / push.raw, 2), rxdbChromiumVsPouchdb: round(push.rxdbChromium / push.pouchdb, 2), rxdbNodeVsRaw: round(push.rxdbNode / push.raw, 2), rxdbNodeVsPouchdb: round(push.rxdbNode / push.pouchdb, 2) },
          pull: { rxdbChromiumVsRaw: round(pull.rxdbChromium / pull.raw, 2), rxdbNodeVsRaw: round(pull.rxdbNode / pull.raw, 2), pouchdbVsRaw: round(pull.pouchdb / pull.raw, 2) },
        },
        aims,
        runsMs: {
          push: Object.fromEntries(CLIENTS.map((c) => [c, pushMs[c].map((v) => round(v))])),
          pull: Object.fromEntries(CLIENTS.map((c) => [c, pullMs[c].map((v) => round(v))])),
          importN1000: imports.n1000.map((r) => ({ insertMs: round(r.insertMs), pushMs: round(r.pushMs) })),
          importN10000: imports.n10000.map((r) => ({ insertMs: round(r.insertMs), pushMs: round(r.pushMs) })),
        },
        importPushOnlyDocsPerSecond: { n1000: round(importPushRate(imports.n1000, SMALL_IMPORT)), n10000: round(importPushRate(imports.n10000, COUNT)) },
        oneBulkInsertThenPush: contrast ? { insertMs: round(contrast.insertMs), pushMs: round(contrast.pushMs), pushDocsPerSecond: round(rate(COUNT, contrast.pushMs)) } : null,
        captureToServerMs: {
          chromium: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1), max: round(chromiumCapture.max, 1), samples: chromiumCapture.samples },
          node: { p50: round(nodeCapture.p50, 1), p95: round(nodeCapture.p95, 1), max: round(nodeCapture.max, 1), samples: nodeCapture.samples },
        },
        totalSeconds: round((performance.now() - started) / 1000),
      },
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(ROOT, RESULTS)} (${round((performance.now() - started) / 1000)} s)`);
  } finally {
    await page?.close();
    await server.stop();
    await pageServer.stop();
  }
}

await main();
