/**
 * `npm run bench:sync`: how fast jobs move between a device and the sync
 * server. Not a test: it prints a table and writes
 * tests/bench/results/sync.json (throughput in documents per second,
 * latencies in ms); nothing here asserts a timing.
 *
 * One real server (child process, LevelDB in a temp dir, ./sync/server-entry.ts),
 * a new account per measured push so each starts from an empty database.
 * Clients (./sync/clients.ts):
 * - raw: the floor, plain `_bulk_docs` / `_changes?include_docs` requests
 *   (./sync/raw.ts) through the gate; ungated: the same requests past it, to
 *   express-pouchdb on the same databases; each also asking for gzip;
 * - pouchdb / pouchdbChromium: PouchDB's native replication from a memory
 *   PouchDB in Node and from an IndexedDB PouchDB in Chromium (pushes past
 *   the gate, which refuses `new_edits: false`);
 * - rxdbNode / rxdbChromium: the extension's stack (./sync/rxdb-runs.ts) on
 *   fake-indexeddb in this process, and on Chromium's IndexedDB in a page;
 * - storageFloor (pull only): RxDB's storage bulkWrite of the same jobs in
 *   Chromium with no network (./sync/storage-floor.ts).
 * Each cell is the median of BENCH_SYNC_RUNS runs, every run counted. The
 * clients are interleaved within a run, in the opposite order every other
 * run, so a noisy neighbour hits them alike. Next to wall-clock throughput it
 * records CPU time per 1,000 documents on the client and on the server, which
 * the load of other processes on a shared machine does not stretch the way
 * it stretches wall time, and the load average.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { REPLICATION_BATCH } from '../../extension/background/sync/replication-batch';
import type { Tokens } from '../../extension/background/account/tokens';
import { benchPage, servePage, type BenchPage } from './sync/browser';
import {
  PULL_CLIENTS,
  PUSH_CLIENTS,
  chromiumStep,
  clean,
  expectOnServer,
  nodeEnv,
  pullOnce,
  pushOnce,
  type BenchContext,
  type PullClient,
  type PushClient,
  type Step,
} from './sync/clients';
import { probeEncoding, type EncodingProbe } from './sync/encoding-probe';
import { benchCouchDocs } from './sync/jobs';
import { watchServer } from './sync/observer';
import type { PouchAdapter } from './sync/pouch-entry';
import { rawPush } from './sync/raw';
import { captureRun } from './sync/rxdb-runs';
import { registerUser, startBenchServer, syncUrlAt, type BenchServer } from './sync/server';
import { MAX_CHANGES_LIMIT } from '../../server/sync/gate';

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
/** PouchDB's IndexedDB adapter in Chromium: `idb` (its browser build's default) or `indexeddb`. */
const POUCH_ADAPTER: PouchAdapter = process.env.BENCH_SYNC_POUCH_ADAPTER === 'indexeddb' ? 'indexeddb' : 'idb';

/** "Stays linear": the 10,000-job import then push keeps at least this share of the 1,000-job rate. */
const LINEAR_SHARE = 0.8;

let tagCount = 0;
/** Letters and digits only: tags become part of site job ids. */
const newTag = () => `b${Date.now().toString(36)}${(tagCount += 1)}x`;

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
const loads = () => loadavg().map((value) => round(value, 2));

/** Other work on the machine that the figures should be read against (the chaos soak runs CPU burners). */
function otherLoad(): string[] {
  const found = spawnSync('pgrep', ['-af', 'chaos-soak'], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line.trim() && !line.includes('pgrep'));
}

/**
 * The code measured: the bundle and the server are built from the working
 * tree at start, so files changed but not committed are named beside the commit.
 */
function measuredSource(): { commit: string; uncommittedFiles: string[] } {
  // Not trimmed at the start: a porcelain line begins with its two status columns, often a space.
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trimEnd();
  const changed = git(['status', '--porcelain', '--', 'extension', 'shared', 'server', 'tests/bench/sync', 'tests/bench/sync.bench.ts', 'package-lock.json']);
  return { commit: git(['rev-parse', '--short', 'HEAD']).trim(), uncommittedFiles: changed ? changed.split('\n').map((line) => line.slice(3)) : [] };
}

/** Run n's order: the list, reversed every other run, so no client always runs first or after a given one. */
const orderFor = <T>(clients: readonly T[], run: number): T[] => (run % 2 ? [...clients] : [...clients].reverse());

// ---------------------------------------------------------------- imports and captures

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

type Summary = ReturnType<typeof summarise>;
function summarise(steps: Step[], docs: number) {
  return {
    docsPerSecond: rate(docs, median(steps.map((s) => s.ms))),
    clientCpuMsPer1k: perThousand(median(steps.map((s) => s.clientCpuMs)), docs),
    serverCpuMsPer1k: perThousand(median(steps.map((s) => s.serverCpuMs)), docs),
  };
}

/** A ratio the issue sets an aim for: value / base, and whether it reaches the aim. */
function aimed(value: number, base: number, aim: number) {
  const ratio = value / base;
  return { ratio: round(ratio, 2), aim, met: ratio >= aim };
}

async function main() {
  const started = performance.now();
  const loadAtStart = loads();
  const soakAtStart = otherLoad();
  const source = measuredSource();
  const pageServer = await servePage();
  const server = await startBenchServer({ corsOrigins: [pageServer.origin] });
  const page = benchPage(pageServer.origin);
  const ctx: BenchContext = { server, page, count: COUNT, pouchAdapter: POUCH_ADAPTER, newTag };
  try {
    const pushSteps = Object.fromEntries(PUSH_CLIENTS.map((c) => [c, [] as Step[]])) as Record<PushClient, Step[]>;
    const pullSteps = Object.fromEntries(PULL_CLIENTS.map((c) => [c, [] as Step[]])) as Record<PullClient, Step[]>;
    const log = (label: string, step: Step) =>
      console.log(`  ${label}: ${round(step.ms)} ms (CPU ms: client ${round(step.clientCpuMs)}, server ${round(step.serverCpuMs)}; load ${round(step.load1, 1)})`);

    console.log(`Sync bench: ${COUNT} jobs, ${RUNS} runs per cell, replication batch pull ${REPLICATION_BATCH.pull} / push ${REPLICATION_BATCH.push}, PouchDB in Chromium on ${POUCH_ADAPTER}`);
    console.log(`Code: ${source.commit}${source.uncommittedFiles.length ? ` with uncommitted ${source.uncommittedFiles.join(', ')}` : ''}`);
    console.log(`Load average at start: ${loadAtStart.join(' ')}${soakAtStart.length ? `; chaos soak running (${soakAtStart.length} processes)` : ''}`);

    // Does each endpoint compress when asked? Measured on a database of one page of jobs.
    const probed = await registerUser(server.url);
    await rawPush(probed, benchCouchDocs(MAX_CHANGES_LIMIT, newTag()));
    const encodings: Record<string, EncodingProbe> = {};
    for (const [name, base] of Object.entries(server.endpoints)) encodings[name] = await probeEncoding(probed, syncUrlAt(probed, base), MAX_CHANGES_LIMIT);
    console.log(`Answers to Accept-Encoding: gzip (_changes?include_docs, ${MAX_CHANGES_LIMIT} jobs): ${JSON.stringify(encodings)}`);

    for (let run = 1; run <= RUNS; run += 1) {
      for (const client of orderFor(PUSH_CLIENTS, run)) {
        pushSteps[client].push(await pushOnce(client, ctx));
        log(`run ${run} push ${client}`, pushSteps[client].at(-1)!);
      }
      const seeded = await registerUser(server.url);
      await rawPush(seeded, benchCouchDocs(COUNT, newTag()));
      for (const client of orderFor(PULL_CLIENTS, run)) {
        pullSteps[client].push(await pullOnce(client, seeded, ctx));
        log(`run ${run} pull ${client}`, pullSteps[client].at(-1)!);
      }
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
    const push = Object.fromEntries(PUSH_CLIENTS.map((c) => [c, summarise(pushSteps[c], COUNT)])) as Record<PushClient, Summary>;
    const pull = Object.fromEntries(PULL_CLIENTS.map((c) => [c, summarise(pullSteps[c], COUNT)])) as Record<PullClient, Summary>;
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
    const dexieFloor = rate(COUNT, median(pullSteps.storageFloor.map((s) => s.dexieMs ?? Number.NaN)));

    const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;
    const cpu = (s: Summary) => `${round(s.clientCpuMsPer1k)} + ${round(s.serverCpuMsPer1k)}`;
    console.log('');
    const rows: string[][] = [['client', 'push docs/s', 'vs raw', 'CPU ms/1k client+server', 'pull docs/s', 'vs raw', 'CPU ms/1k client+server']];
    for (const client of PULL_CLIENTS) {
      const pushed = client === 'storageFloor' ? undefined : push[client];
      rows.push([
        client,
        pushed ? round(pushed.docsPerSecond).toString() : '-',
        pushed ? ratio(pushed.docsPerSecond, push.raw.docsPerSecond) : '-',
        pushed ? cpu(pushed) : '-',
        round(pull[client].docsPerSecond).toString(),
        ratio(pull[client].docsPerSecond, pull.raw.docsPerSecond),
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

    const ratios = {
      pushVsRaw: aimed(push.rxdbChromium.docsPerSecond, push.raw.docsPerSecond, 0.7),
      pushVsPouchdbChromium: aimed(push.rxdbChromium.docsPerSecond, push.pouchdbChromium.docsPerSecond, 2),
      pullVsStorageFloor: aimed(pull.rxdbChromium.docsPerSecond, pull.storageFloor.docsPerSecond, 0.75),
      pullVsPouchdbChromium: aimed(pull.rxdbChromium.docsPerSecond, pull.pouchdbChromium.docsPerSecond, 1.5),
      rawPushGatedVsUngated: aimed(push.raw.docsPerSecond, push.ungated.docsPerSecond, 0.7),
      rawPullGatedVsUngated: aimed(pull.raw.docsPerSecond, pull.ungated.docsPerSecond, 0.7),
      bulkImportPushN10000VsN1000: aimed(large.docsPerSecond, small.docsPerSecond, LINEAR_SHARE),
    };
    console.log('');
    printTable([
      ['aim (Chromium unless named)', 'ratio', 'aim', 'met'],
      ['push vs raw floor through the gate', `${ratios.pushVsRaw.ratio}x`, `>= ${ratios.pushVsRaw.aim}x`, String(ratios.pushVsRaw.met)],
      ['push vs PouchDB in Chromium', `${ratios.pushVsPouchdbChromium.ratio}x`, `>= ${ratios.pushVsPouchdbChromium.aim}x`, String(ratios.pushVsPouchdbChromium.met)],
      ['pull vs RxDB storage floor', `${ratios.pullVsStorageFloor.ratio}x`, `>= ${ratios.pullVsStorageFloor.aim}x`, String(ratios.pullVsStorageFloor.met)],
      ['pull vs PouchDB in Chromium', `${ratios.pullVsPouchdbChromium.ratio}x`, `>= ${ratios.pullVsPouchdbChromium.aim}x`, String(ratios.pullVsPouchdbChromium.met)],
      ['raw push through the gate vs ungated', `${ratios.rawPushGatedVsUngated.ratio}x`, `>= ${ratios.rawPushGatedVsUngated.aim}x`, String(ratios.rawPushGatedVsUngated.met)],
      ['raw pull through the gate vs ungated', `${ratios.rawPullGatedVsUngated.ratio}x`, `>= ${ratios.rawPullGatedVsUngated.aim}x`, String(ratios.rawPullGatedVsUngated.met)],
      [`import + push: ${COUNT} vs ${SMALL_IMPORT} docs/s (linear)`, `${ratios.bulkImportPushN10000VsN1000.ratio}x`, `>= ${LINEAR_SHARE}x`, String(ratios.bulkImportPushN10000VsN1000.met)],
    ]);
    console.log('');
    printTable([
      ['compression (docs/s)', 'push identity', 'push gzip', 'pull identity', 'pull gzip'],
      ['through the gate', round(push.raw.docsPerSecond).toString(), round(push.rawGzip.docsPerSecond).toString(), round(pull.raw.docsPerSecond).toString(), round(pull.rawGzip.docsPerSecond).toString()],
      ['ungated', round(push.ungated.docsPerSecond).toString(), round(push.ungatedGzip.docsPerSecond).toString(), round(pull.ungated.docsPerSecond).toString(), round(pull.ungatedGzip.docsPerSecond).toString()],
    ]);
    const loadAtEnd = loads();
    console.log(`\nLoad average at end: ${loadAtEnd.join(' ')}`);

    const aims = {
      pushHalfOfRaw: { rxdbChromium: push.rxdbChromium.docsPerSecond >= 0.5 * push.raw.docsPerSecond, rxdbNode: push.rxdbNode.docsPerSecond >= 0.5 * push.raw.docsPerSecond },
      pushTwicePouchdb: { rxdbChromium: push.rxdbChromium.docsPerSecond >= 2 * push.pouchdb.docsPerSecond, rxdbNode: push.rxdbNode.docsPerSecond >= 2 * push.pouchdb.docsPerSecond },
      pull80PercentOfRaw: { rxdbChromium: pull.rxdbChromium.docsPerSecond >= 0.8 * pull.raw.docsPerSecond, rxdbNode: pull.rxdbNode.docsPerSecond >= 0.8 * pull.raw.docsPerSecond },
      ...Object.fromEntries(Object.entries(ratios).map(([name, r]) => [name, r.met])),
    };

    const docBytes = JSON.stringify(benchCouchDocs(100, 'size')).length / 100;
    const rounded = (s: Summary) => ({ docsPerSecond: round(s.docsPerSecond), clientCpuMsPer1k: round(s.clientCpuMsPer1k), serverCpuMsPer1k: round(s.serverCpuMsPer1k) });
    const roundedImport = (s: ReturnType<typeof importSummary>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));
    const stepsMs = (steps: Step[]) => steps.map((s) => ({ ms: round(s.ms), clientCpuMs: round(s.clientCpuMs), serverCpuMs: round(s.serverCpuMs), load1: round(s.load1, 2) }));
    const headline = ['raw', 'rxdbChromium', 'rxdbNode', 'pouchdb', 'pouchdbChromium', 'ungated'] as const;
    const results = {
      push: Object.fromEntries(headline.map((c) => [c, round(push[c].docsPerSecond)])),
      pull: { ...Object.fromEntries(headline.map((c) => [c, round(pull[c].docsPerSecond)])), storageFloor: round(pull.storageFloor.docsPerSecond) },
      bulkImportPush: { n1000: round(small.docsPerSecond), n10000: round(large.docsPerSecond) },
      captureToServerMs: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1) },
      ratios,
      load: { start: loadAtStart, end: loadAtEnd, chaosSoakAtStart: soakAtStart.length > 0, chaosSoakAtEnd: otherLoad().length > 0 },
      details: {
        note:
          'Documents per second (median of the runs, every run counted) and CPU ms per 1,000 documents on the client and on the server process. push/pull: jobs between one device and an empty (push) or full (pull) user database on a LevelDB server in its own process (tests/bench/sync/server-entry.ts: the production server plus bench-only listeners on the same databases). Clients run interleaved, in reversed order every other run. raw: _bulk_docs and _changes?include_docs, 1,000 documents per request (the most the sync gate accepts), through the gate; ungated: the same requests to express-pouchdb on the same databases with no gate; *Gzip: the same asking for gzip answers (the gated endpoint compressed by the bench). pouchdb: PouchDB.replicate with a memory PouchDB in Node, default options (batch_size 100). pouchdbChromium: PouchDB.replicate in Chromium on its IndexedDB adapter (pouchdb/dist/pouchdb.js, the browser build), batch_size as the extension (replicationBatch). Both PouchDB pushes go to the ungated endpoint (the gate refuses new_edits:false); their pulls go through the gate. rxdb*: replicateJobs (extension/background/sync/replication.ts, the SyncEngine, live as in the extension) with the auth fetch, from openDatabase (Dexie storage) on Chromium IndexedDB (new profile per run; client CPU = all Chromium processes) or fake-indexeddb; push starts once the jobs are stored (insertJobsInChunks) and ends at awaitInitialReplication. storageFloor (pull): RxDB collection storage bulkWrite of the same jobs in batches of the pull size, Chromium, no network, a fresh profile, interleaved with the pulls. bulkImportPush (Chromium): documents over the insertJobsInChunks time plus the push that follows; n1000 is the median of the runs, n10000 one run. captureToServerMs (Chromium): upsertJobWith(jobFromCapture) with the live replication in sync, until an observer longpolling the server sees the job. load: os.loadavg() (1, 5, 15 min) on a 2-core machine.',
        source,
        docs: COUNT,
        runs: RUNS,
        docBytes: round(docBytes),
        replicationBatch: REPLICATION_BATCH,
        pouchdbChromiumAdapter: POUCH_ADAPTER,
        push: Object.fromEntries(PUSH_CLIENTS.map((c) => [c, rounded(push[c])])),
        pull: Object.fromEntries(PULL_CLIENTS.map((c) => [c, rounded(pull[c])])),
        ratios: {
          push: {
            rxdbChromiumVsRaw: round(push.rxdbChromium.docsPerSecond / push.raw.docsPerSecond, 2),
            rxdbChromiumVsPouchdb: round(push.rxdbChromium.docsPerSecond / push.pouchdb.docsPerSecond, 2),
            rxdbNodeVsRaw: round(push.rxdbNode.docsPerSecond / push.raw.docsPerSecond, 2),
            rxdbNodeVsPouchdb: round(push.rxdbNode.docsPerSecond / push.pouchdb.docsPerSecond, 2),
            rxdbChromiumVsPouchdbChromium: round(push.rxdbChromium.docsPerSecond / push.pouchdbChromium.docsPerSecond, 2),
            pouchdbChromiumVsPouchdb: round(push.pouchdbChromium.docsPerSecond / push.pouchdb.docsPerSecond, 2),
            rawVsUngated: round(push.raw.docsPerSecond / push.ungated.docsPerSecond, 2),
          },
          pull: {
            rxdbChromiumVsRaw: round(pull.rxdbChromium.docsPerSecond / pull.raw.docsPerSecond, 2),
            rxdbNodeVsRaw: round(pull.rxdbNode.docsPerSecond / pull.raw.docsPerSecond, 2),
            pouchdbVsRaw: round(pull.pouchdb.docsPerSecond / pull.raw.docsPerSecond, 2),
            rxdbChromiumVsStorageFloor: round(pull.rxdbChromium.docsPerSecond / pull.storageFloor.docsPerSecond, 2),
            rxdbChromiumVsPouchdbChromium: round(pull.rxdbChromium.docsPerSecond / pull.pouchdbChromium.docsPerSecond, 2),
            pouchdbChromiumVsPouchdb: round(pull.pouchdbChromium.docsPerSecond / pull.pouchdb.docsPerSecond, 2),
            rawVsUngated: round(pull.raw.docsPerSecond / pull.ungated.docsPerSecond, 2),
          },
        },
        aims,
        gateServerCpu: {
          note: "The gate's cost in server CPU ms per 1,000 jobs of the raw floor (less stretched by other load than wall time): through the gate, ungated, and their ratio (ungated / gated; 1 = the gate costs nothing).",
          push: { gated: round(push.raw.serverCpuMsPer1k), ungated: round(push.ungated.serverCpuMsPer1k), ratio: round(push.ungated.serverCpuMsPer1k / push.raw.serverCpuMsPer1k, 2) },
          pull: { gated: round(pull.raw.serverCpuMsPer1k), ungated: round(pull.ungated.serverCpuMsPer1k), ratio: round(pull.ungated.serverCpuMsPer1k / pull.raw.serverCpuMsPer1k, 2) },
        },
        compression: {
          note: 'Raw floor docs/s asking for identity or gzip answers. answersToGzip: what each endpoint answered to Accept-Encoding: gzip on one _changes?include_docs page (gated: the production server; ungated: express-pouchdb, whose compression part is on; gatedGzip: the production app behind compression, bench only).',
          answersToGzip: encodings,
          push: { gated: { identity: round(push.raw.docsPerSecond), gzip: round(push.rawGzip.docsPerSecond) }, ungated: { identity: round(push.ungated.docsPerSecond), gzip: round(push.ungatedGzip.docsPerSecond) } },
          pull: { gated: { identity: round(pull.raw.docsPerSecond), gzip: round(pull.rawGzip.docsPerSecond) }, ungated: { identity: round(pull.ungated.docsPerSecond), gzip: round(pull.ungatedGzip.docsPerSecond) } },
        },
        storageFloor: {
          note: 'Chromium, no network, a fresh profile per run, interleaved with the pulls: the bench jobs written in batches of the pull size, by plain Dexie bulkPut and by the RxDB collection storage bulkWrite that any pull into the extension database pays once per job (./sync/storage-floor.ts). A pull cannot run faster than its storage writes, so rxdbStorageVsRawPull bounds pull.rxdbChromium / pull.raw from above. pull.storageFloor is the RxDB figure; its client CPU in details.pull covers the Dexie bulkPut of the same call too.',
          dexieDocsPerSecond: round(dexieFloor),
          rxdbStorageDocsPerSecond: round(pull.storageFloor.docsPerSecond),
          dexieVsRawPull: round(dexieFloor / pull.raw.docsPerSecond, 2),
          rxdbStorageVsRawPull: round(pull.storageFloor.docsPerSecond / pull.raw.docsPerSecond, 2),
          runsMs: pullSteps.storageFloor.map((s) => ({ dexie: round(s.dexieMs ?? Number.NaN), rxdbStorage: round(s.ms) })),
        },
        imports: { n1000: roundedImport(small), n10000: roundedImport(large), oneBulkInsertN10000: oneWrite ? roundedImport(oneWrite) : null },
        captureToServerMs: {
          chromium: { p50: round(chromiumCapture.p50, 1), p95: round(chromiumCapture.p95, 1), max: round(chromiumCapture.max, 1), samples: chromiumCapture.samples },
          node: { p50: round(nodeCapture.p50, 1), p95: round(nodeCapture.p95, 1), max: round(nodeCapture.max, 1), samples: nodeCapture.samples },
        },
        runsMs: {
          push: Object.fromEntries(PUSH_CLIENTS.map((c) => [c, stepsMs(pushSteps[c])])),
          pull: Object.fromEntries(PULL_CLIENTS.map((c) => [c, stepsMs(pullSteps[c])])),
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
