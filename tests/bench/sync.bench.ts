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
 * within a run so a noisy neighbour hits them alike. Next to wall-clock
 * throughput it records CPU time per 1,000 documents on the client and on the
 * server, which the load of other processes on a shared machine does not
 * stretch the way it stretches wall time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { REPLICATION_BATCH } from '../../extension/background/replication-batch';
import type { Tokens } from '../../extension/background/tokens';
import { openDatabase } from '../../extension/db/database';
import { benchPage, servePage, type BenchPage } from './sync/browser';
import { ownCpuMs } from './sync/cpu';
import { benchCouchDocs } from './sync/jobs';
import { watchServer } from './sync/observer';
import { pouchPull, pouchPush, pouchWithDocs } from './sync/pouch';
import { rawPull, rawPush } from './sync/raw';
import { captureRun, insertRun, pullRun, pushRun, type RxdbEnv, type TransferTiming } from './sync/rxdb-runs';
import { registerUser, serverDocCount, startBenchServer, type BenchServer } from './sync/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/bench/results/sync.json');

const COUNT = Number(process.env.BENCH_SYNC_DOCS ?? 10_000);
const SMALL_IMPORT = Number(process.env.BENCH_SYNC_SMALL_IMPORT ?? 1_000);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const CAPTURES = Number(process.env.BENCH_SYNC_CAPTURES ?? 60);
const CAPTURE_WARMUP = 5;
const CAPTURE_GAP_MS = 100;
/** The contrast run (one bulkInsert of everything, then push) is slow by design; 0 skips it. */
const CONTRAST = process.env.BENCH_SYNC_CONTRAST !== '0';

const CLIENTS = ['raw', 'rxdbChromium', 'rxdbNode', 'pouchdb'] as const;
type Client = (typeof CLIENTS)[number];

/** One measured step: wall time, and CPU time of the client and of the server process. */
interface Step {
  ms: number;
  clientCpuMs: number;
  serverCpuMs: number;
}

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
const perThousand = (ms: number, docs: number) => (ms * 1000) / docs;

function clean(label: string, timing: TransferTiming): number {
  if (timing.errors.length) console.warn(`  ${label}: ${timing.errors.length} replication errors (retried), first: ${timing.errors[0]}`);
  return timing.ms;
}

async function expectOnServer(tokens: Tokens, expected: number, label: string): Promise<void> {
  const count = await serverDocCount(tokens);
  if (count !== expected) throw new Error(`${label}: the server holds ${count} documents, expected ${expected}`);
}

/** Runs a Node-side step, with this process's CPU as the client's. */
async function nodeStep(server: BenchServer, run: () => Promise<number>): Promise<Step> {
  const server0 = server.cpuMs();
  const client0 = ownCpuMs();
  const ms = await run();
  return { ms, clientCpuMs: ownCpuMs() - client0, serverCpuMs: server.cpuMs() - server0 };
}

/** Runs a Chromium step, with the CPU of all the browser's processes as the client's. */
async function chromiumStep(server: BenchServer, run: () => Promise<{ ms: number; cpuMs: number }>): Promise<Step> {
  const server0 = server.cpuMs();
  const { ms, cpuMs } = await run();
  return { ms, clientCpuMs: cpuMs, serverCpuMs: server.cpuMs() - server0 };
}

// ---------------------------------------------------------------- measurements

async function pushOnce(client: Client, server: BenchServer, page: BenchPage): Promise<Step> {
  const tokens = await registerUser(server.url);
  const tag = newTag();
  let step: Step;
  switch (client) {
    case 'raw': {
      const docs = benchCouchDocs(COUNT, tag);
      step = await nodeStep(server, () => rawPush(tokens, docs));
      break;
    }
    case 'pouchdb': {
      const source = await pouchWithDocs(benchCouchDocs(COUNT, tag));
      step = await nodeStep(server, () => pouchPush(tokens, source, COUNT));
      break;
    }
    case 'rxdbNode':
      await insertRun(nodeEnv, { count: COUNT, tag });
      step = await nodeStep(server, async () => clean('push rxdbNode', await pushRun(nodeEnv, { tokens, tag })));
      break;
    case 'rxdbChromium':
      step = await page.session(async (call) => {
        await call('insert', { count: COUNT, tag });
        return chromiumStep(server, async () => {
          const run = await call('push', { tokens, tag });
          return { ms: clean('push rxdbChromium', run.value), cpuMs: run.cpuMs };
        });
      });
      break;
  }
  await expectOnServer(tokens, COUNT, `push ${client}`);
  return step;
}

async function pullOnce(client: Client, tokens: Tokens, server: BenchServer, page: BenchPage): Promise<Step> {
  const tag = newTag();
  switch (client) {
    case 'raw':
      return nodeStep(server, () => rawPull(tokens, COUNT));
    case 'pouchdb':
      return nodeStep(server, () => pouchPull(tokens, COUNT));
    case 'rxdbNode':
      return nodeStep(server, async () => clean('pull rxdbNode', await pullRun(nodeEnv, { tokens, expected: COUNT, tag })));
    case 'rxdbChromium':
      return page.session((call) =>
        chromiumStep(server, async () => {
          const run = await call('pull', { tokens, expected: COUNT, tag });
          return { ms: clean('pull rxdbChromium', run.value), cpuMs: run.cpuMs };
        }),
      );
  }
}

interface ImportRun {
  insert: Step;
  push: Step;
}

/** A bulk import in Chromium: insertJobsInChunks (or one bulkInsert, for contrast), then the push. */
async function importOnce(server: BenchServer, page: BenchPage, count: number, insert: 'chunks' | 'one-write'): Promise<ImportRun> {
  const tokens = await registerUser(server.url);
  const tag = newTag();
  const result = await page.session(async (call) => {
    const inserted = await chromiumStep(server, async () => {
      const run = await call('insert', { count, tag, insert });
      return { ms: run.value.ms, cpuMs: run.cpuMs };
    });
    const pushed = await chromiumStep(server, async () => {
      const run = await call('push', { tokens, tag });
      return { ms: clean(`import ${count} (${insert})`, run.value), cpuMs: run.cpuMs };
    });
    return { insert: inserted, push: pushed };
  });
  await expectOnServer(tokens, count, `import ${count}`);
  return result;
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

function summarise(steps: Step[], docs: number) {
  return {
    docsPerSecond: rate(docs, median(steps.map((s) => s.ms))),
    clientCpuMsPer1k: perThousand(median(steps.map((s) => s.clientCpuMs)), docs),
    serverCpuMsPer1k: perThousand(median(steps.map((s) => s.serverCpuMs)), docs),
  };
}

async function main() {
  const started = performance.now();
  const pageServer = await servePage();
  const server = await startBenchServer({ corsOrigins: [pageServer.origin] });
  const page = benchPage(pageServer.origin);
  try {
    const pushSteps: Record<Client, Step[]> = { raw: [], rxdbChromium: [], rxdbNode: [], pouchdb: [] };
    const pullSteps: Record<Client, Step[]> = { raw: [], rxdbChromium: [], rxdbNode: [], pouchdb: [] };
    const log = (label: string, step: Step) =>
      console.log(`  ${label}: ${round(step.ms)} ms (CPU ms: client ${round(step.clientCpuMs)}, server ${round(step.serverCpuMs)})`);

    console.log(`Sync bench: ${COUNT} jobs, ${RUNS} runs per cell, replication batch pull ${REPLICATION_BATCH.pull} / push ${REPLICATION_BATCH.push}`);
    for (let run = 1; run <= RUNS; run += 1) {
      for (const client of CLIENTS) {
        pushSteps[client].push(await pushOnce(client, server, page));
        log(`run ${run} push ${client}`, pushSteps[client].at(-1)!);
      }
      const seeded = await registerUser(server.url);
      await rawPush(seeded, benchCouchDocs(COUNT, newTag()));
      for (const client of CLIENTS) {
        pullSteps[client].push(await pullOnce(client, seeded, server, page));
        log(`run ${run} pull ${client}`, pullSteps[client].at(-1)!);
      }
    }

    // The least any pull into the extension's storage must spend, measured in the same run (./sync/storage-floor.ts).
    const floors: { dexieMs: number; rxdbStorageMs: number }[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      floors.push(await page.session(async (call) => (await call('storageFloor', { count: COUNT, tag: newTag() })).value));
      console.log(`  run ${run} storage floor: Dexie bulkPut ${round(floors.at(-1)!.dexieMs)} ms, RxDB storage bulkWrite ${round(floors.at(-1)!.rxdbStorageMs)} ms`);
    }

    const imports = { small: [] as ImportRun[], large: [] as ImportRun[] };
    for (let run = 1; run <= RUNS; run += 1) {
      imports.small.push(await importOnce(server, page, SMALL_IMPORT, 'chunks'));
      log(`run ${run} import ${SMALL_IMPORT}: insert`, imports.small.at(-1)!.insert);
      log(`run ${run} import ${SMALL_IMPORT}: push`, imports.small.at(-1)!.push);
    }
    // One large import: its push is also measured three times as push.rxdbChromium.
    imports.large.push(await importOnce(server, page, COUNT, 'chunks'));
    log(`import ${COUNT}: insert`, imports.large[0]!.insert);
    log(`import ${COUNT}: push`, imports.large[0]!.push);
    const contrast = CONTRAST ? await importOnce(server, page, COUNT, 'one-write') : undefined;
    if (contrast) {
      log(`contrast, one bulkInsert of ${COUNT}: insert`, contrast.insert);
      log(`contrast, one bulkInsert of ${COUNT}: push`, contrast.push);
    }

    const captureSamples = CAPTURE_WARMUP + CAPTURES;
    const chromiumCapture = await captureLatencies(
      (tokens, tag) => page.session(async (call) => (await call('capture', { tokens, samples: captureSamples, tag, gapMs: CAPTURE_GAP_MS })).value),
      server.url,
    );
    const nodeCapture = await captureLatencies((tokens, tag) => captureRun(nodeEnv, { tokens, samples: captureSamples, tag, gapMs: CAPTURE_GAP_MS }), server.url);

    // ------------------------------------------------------------ results
    const push = Object.fromEntries(CLIENTS.map((c) => [c, summarise(pushSteps[c], COUNT)])) as Record<Client, ReturnType<typeof summarise>>;
    const pull = Object.fromEntries(CLIENTS.map((c) => [c, summarise(pullSteps[c], COUNT)])) as Record<Client, ReturnType<typeof summarise>>;
    const importSummary = (runs: ImportRun[], n: number) => ({
      docsPerSecond: rate(n, median(runs.map((r) => r.insert.ms + r.push.ms))),
      insertMs: median(runs.map((r) => r.insert.ms)),
      pushMs: median(runs.map((r) => r.push.ms)),
      pushDocsPerSecond: rate(n, median(runs.map((r) => r.push.ms))),
      insertCpuMsPer1k: perThousand(median(runs.map((r) => r.insert.clientCpuMs)), n),
      pushCpuMsPer1k: perThousand(median(runs.map((r) => r.push.clientCpuMs)), n),
    });
    const small = importSummary(imports.small, SMALL_IMPORT);
    const large = importSummary(imports.large, COUNT);
    const oneWrite = contrast ? importSummary([contrast], COUNT) : undefined;

    const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;
    console.log('');
    const rows: string[][] = [
      ['client', 'push docs/s', 'vs raw', 'vs PouchDB', 'CPU ms/1k client+server', 'pull docs/s', 'vs raw', 'vs PouchDB', 'CPU ms/1k client+server'],
    ];
    for (const client of CLIENTS) {
      const cpu = (s: ReturnType<typeof summarise>) => `${round(s.clientCpuMsPer1k)} + ${round(s.serverCpuMsPer1k)}`;
      rows.push([
        client,
        round(push[client].docsPerSecond).toString(),
        ratio(push[client].docsPerSecond, push.raw.docsPerSecond),
        ratio(push[client].docsPerSecond, push.pouchdb.docsPerSecond),
        cpu(push[client]),
        round(pull[client].docsPerSecond).toString(),
        ratio(pull[client].docsPerSecond, pull.raw.docsPerSecond),
        ratio(pull[client].docsPerSecond, pull.pouchdb.docsPerSecond),
        cpu(pull[client]),
      ]);
    }
    printTable(rows);
    console.log('');
    const importRow = (label: string, s: ReturnType<typeof importSummary>) => [
      label,
      round(s.docsPerSecond).toString(),
      round(s.pushDocsPerSecond).toString(),
      `${round(s.insertMs)} + ${round(s.pushMs)}`,
      `${round(s.insertCpuMsPer1k)} + ${round(s.pushCpuMsPer1k)}`,
    ];
    printTable([
      ['Chromium', 'docs/s', 'push alone docs/s', 'insert + push ms', 'CPU ms/1k insert + push'],
      importRow(`import ${SMALL_IMPORT} in chunks of 100, then push (median of ${RUNS})`, small),
      importRow(`import ${COUNT} in chunks of 100, then push (1 run)`, large),
      ...(oneWrite ? [importRow(`one bulkInsert of ${COUNT}, then push (1 run)`, oneWrite)] : []),
    ]);
    console.log('');
    printTable([
      ['capture → on the server', 'p50 ms', 'p95 ms', 'max ms'],
      [`Chromium (${chromiumCapture.samples} captures)`, round(chromiumCapture.p50, 1).toString(), round(chromiumCapture.p95, 1).toString(), round(chromiumCapture.max, 1).toString()],
      [`Node (${nodeCapture.samples} captures)`, round(nodeCapture.p50, 1).toString(), round(nodeCapture.p95, 1).toString(), round(nodeCapture.max, 1).toString()],
    ]);
    const floor = {
      dexieDocsPerSecond: rate(COUNT, median(floors.map((f) => f.dexieMs))),
      rxdbStorageDocsPerSecond: rate(COUNT, median(floors.map((f) => f.rxdbStorageMs))),
    };
    console.log('');
    printTable([
      ['Chromium storage floor (no network)', 'docs/s', 'vs raw pull'],
      ['Dexie bulkPut (one put per job)', round(floor.dexieDocsPerSecond).toString(), ratio(floor.dexieDocsPerSecond, pull.raw.docsPerSecond)],
      ['RxDB storage bulkWrite (any pull into RxDB)', round(floor.rxdbStorageDocsPerSecond).toString(), ratio(floor.rxdbStorageDocsPerSecond, pull.raw.docsPerSecond)],
    ]);
    const aims = {
      pushHalfOfRaw: { rxdbChromium: push.rxdbChromium.docsPerSecond >= 0.5 * push.raw.docsPerSecond, rxdbNode: push.rxdbNode.docsPerSecond >= 0.5 * push.raw.docsPerSecond },
      pushTwicePouchdb: { rxdbChromium: push.rxdbChromium.docsPerSecond >= 2 * push.pouchdb.docsPerSecond, rxdbNode: push.rxdbNode.docsPerSecond >= 2 * push.pouchdb.docsPerSecond },
      pull80PercentOfRaw: { rxdbChromium: pull.rxdbChromium.docsPerSecond >= 0.8 * pull.raw.docsPerSecond, rxdbNode: pull.rxdbNode.docsPerSecond >= 0.8 * pull.raw.docsPerSecond },
    };
    console.log(`\nAims (push >= 0.5x raw and >= 2x PouchDB, pull >= 0.8x raw): ${JSON.stringify(aims)}`);

    const docBytes = JSON.stringify(benchCouchDocs(100, 'size')).length / 100;
    const rounded = (s: ReturnType<typeof summarise>) => ({ docsPerSecond: round(s.docsPerSecond), clientCpuMsPer1k: round(s.clientCpuMsPer1k), serverCpuMsPer1k: round(s.serverCpuMsPer1k) });
    const roundedImport = (s: ReturnType<typeof importSummary>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));
    const stepsMs = (steps: Step[]) => steps.map((s) => ({ ms: round(s.ms), clientCpuMs: round(s.clientCpuMs), serverCpuMs: round(s.serverCpuMs) }));
    const results = {
      push: Object.fromEntries(CLIENTS.map((c) => [c, round(push[c].docsPerSecond)])),
      pull: Object.fromEntries(CLIENTS.map((c) => [c, round(pull[c].docsPerSecond)])),
      bulkImportPush: { n1000: round(small.docsPerSecond), n10000: round(large.docsPerSecond) },
      captureToServerMs: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1) },
      details: {
        note:
          'Documents per second (median of the runs) and CPU ms per 1,000 documents on the client and on the server process. push/pull: jobs between one device and an empty (push) or full (pull) user database on a LevelDB server in its own process. raw: _bulk_docs and _changes?include_docs, 1,000 documents per request (the most the sync gate accepts). pouchdb: PouchDB.replicate with a memory PouchDB, default options. rxdb*: replicateJobs (extension/background/replication.ts, live as in the extension) with the auth fetch, from openDatabase (Dexie storage) on Chromium IndexedDB (new profile per run; client CPU = all Chromium processes) or fake-indexeddb; push starts once the jobs are stored (insertJobsInChunks) and ends at awaitInitialReplication. bulkImportPush (Chromium): documents over the insertJobsInChunks time plus the push that follows; n1000 is the median of the runs, n10000 one run. captureToServerMs (Chromium): upsertJobWith(jobFromCapture) with the live replication in sync, until an observer longpolling the server sees the job.',
        docs: COUNT,
        runs: RUNS,
        docBytes: round(docBytes),
        replicationBatch: REPLICATION_BATCH,
        push: Object.fromEntries(CLIENTS.map((c) => [c, rounded(push[c])])),
        pull: Object.fromEntries(CLIENTS.map((c) => [c, rounded(pull[c])])),
        ratios: {
          push: {
            rxdbChromiumVsRaw: round(push.rxdbChromium.docsPerSecond / push.raw.docsPerSecond, 2),
            rxdbChromiumVsPouchdb: round(push.rxdbChromium.docsPerSecond / push.pouchdb.docsPerSecond, 2),
            rxdbNodeVsRaw: round(push.rxdbNode.docsPerSecond / push.raw.docsPerSecond, 2),
            rxdbNodeVsPouchdb: round(push.rxdbNode.docsPerSecond / push.pouchdb.docsPerSecond, 2),
          },
          pull: {
            rxdbChromiumVsRaw: round(pull.rxdbChromium.docsPerSecond / pull.raw.docsPerSecond, 2),
            rxdbNodeVsRaw: round(pull.rxdbNode.docsPerSecond / pull.raw.docsPerSecond, 2),
            pouchdbVsRaw: round(pull.pouchdb.docsPerSecond / pull.raw.docsPerSecond, 2),
          },
        },
        aims,
        storageFloor: {
          note: 'Chromium, no network: the bench jobs written in batches of the pull size, by plain Dexie bulkPut and by the RxDB collection storage bulkWrite that any pull into the extension database pays once per job (./sync/storage-floor.ts). A pull cannot run faster than its storage writes, so rxdbStorageVsRawPull bounds pull.rxdbChromium / pull.raw from above.',
          dexieDocsPerSecond: round(floor.dexieDocsPerSecond),
          rxdbStorageDocsPerSecond: round(floor.rxdbStorageDocsPerSecond),
          dexieVsRawPull: round(floor.dexieDocsPerSecond / pull.raw.docsPerSecond, 2),
          rxdbStorageVsRawPull: round(floor.rxdbStorageDocsPerSecond / pull.raw.docsPerSecond, 2),
          runsMs: floors.map((f) => ({ dexie: round(f.dexieMs), rxdbStorage: round(f.rxdbStorageMs) })),
        },
        imports: { n1000: roundedImport(small), n10000: roundedImport(large), oneBulkInsertN10000: oneWrite ? roundedImport(oneWrite) : null },
        captureToServerMs: {
          chromium: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1), max: round(chromiumCapture.max, 1), samples: chromiumCapture.samples },
          node: { p50: round(nodeCapture.p50, 1), p95: round(nodeCapture.p95, 1), max: round(nodeCapture.max, 1), samples: nodeCapture.samples },
        },
        runsMs: {
          push: Object.fromEntries(CLIENTS.map((c) => [c, stepsMs(pushSteps[c])])),
          pull: Object.fromEntries(CLIENTS.map((c) => [c, stepsMs(pullSteps[c])])),
        },
        totalSeconds: round((performance.now() - started) / 1000),
      },
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(ROOT, RESULTS)} (${round((performance.now() - started) / 1000)} s)`);
  } finally {
    await server.stop();
    await pageServer.stop();
  }
}

await main();
