/**
 * One measured push or pull per client of `npm run bench:sync`, each from a
 * new device (and for a push a new, empty user database), with wall time and
 * the CPU time of the client and of the server process.
 *
 * The raw floor has four cells: through the gate as in production and past
 * it (./server-entry.ts), each asking for identity or gzip answers. PouchDB's
 * pushes go past the gate, which refuses `new_edits: false`; its pulls and
 * everything else go through it.
 */
import { loadavg } from 'node:os';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { REPLICATION_BATCH } from '../../../extension/background/sync/replication-batch';
import type { Tokens } from '../../../extension/background/account/tokens';
import { openDatabase } from '../../../extension/db/database';
import type { BenchPage } from './browser';
import { ownCpuMs } from './cpu';
import { benchCouchDocs } from './jobs';
import type { PouchAdapter } from './pouch-entry';
import { pouchPull, pouchPush, pouchWithDocs } from './pouch';
import { rawPull, rawPush, type RawTarget } from './raw';
import { pullRun, pushRun, insertRun, type RxdbEnv, type TransferTiming } from './rxdb-runs';
import { registerUser, serverDocCount, syncUrlAt, type BenchServer } from './server';

export const PUSH_CLIENTS = ['raw', 'rawGzip', 'ungated', 'ungatedGzip', 'rxdbChromium', 'rxdbNode', 'pouchdb', 'pouchdbChromium'] as const;
export const PULL_CLIENTS = [...PUSH_CLIENTS, 'storageFloor'] as const;
export type PushClient = (typeof PUSH_CLIENTS)[number];
export type PullClient = (typeof PULL_CLIENTS)[number];

/** One measured step: wall time, CPU time of the client and of the server process, and the machine's load then. */
export interface Step {
  ms: number;
  clientCpuMs: number;
  serverCpuMs: number;
  /** 1-minute load average when the step ended. */
  load1: number;
  /** The storage floor's run also times plain Dexie bulkPut. */
  dexieMs?: number;
}

export interface BenchContext {
  server: BenchServer;
  page: BenchPage;
  count: number;
  pouchAdapter: PouchAdapter;
  newTag(): string;
}

export const nodeEnv: RxdbEnv = {
  open: (name) => openDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false }),
  // Dropping the IDBFactory frees fake-indexeddb's memory.
  dispose: (db) => db.close().then(() => undefined),
};

const load1 = () => loadavg()[0]!;

export function clean(label: string, timing: TransferTiming): number {
  if (timing.errors.length) console.warn(`  ${label}: ${timing.errors.length} replication errors (retried), first: ${timing.errors[0]}`);
  return timing.ms;
}

export async function expectOnServer(tokens: Tokens, expected: number, label: string): Promise<void> {
  const count = await serverDocCount(tokens);
  if (count !== expected) throw new Error(`${label}: the server holds ${count} documents, expected ${expected}`);
}

/** Runs a Node-side step, with this process's CPU as the client's. */
export async function nodeStep(server: BenchServer, run: () => Promise<number>): Promise<Step> {
  const server0 = server.cpuMs();
  const client0 = ownCpuMs();
  const ms = await run();
  return { ms, clientCpuMs: ownCpuMs() - client0, serverCpuMs: server.cpuMs() - server0, load1: load1() };
}

/** Runs a Chromium step, with the CPU of all the browser's processes as the client's. */
export async function chromiumStep(server: BenchServer, run: () => Promise<{ ms: number; cpuMs: number }>): Promise<Step> {
  const server0 = server.cpuMs();
  const { ms, cpuMs } = await run();
  return { ms, clientCpuMs: cpuMs, serverCpuMs: server.cpuMs() - server0, load1: load1() };
}

function rawTarget(client: 'raw' | 'rawGzip' | 'ungated' | 'ungatedGzip', tokens: Tokens, server: BenchServer): RawTarget {
  const gated = client === 'raw' || client === 'rawGzip';
  const base = gated ? (client === 'rawGzip' ? server.endpoints.gatedGzip : server.endpoints.gated) : server.endpoints.ungated;
  return { syncUrl: syncUrlAt(tokens, base), encoding: client.endsWith('Gzip') ? 'gzip' : 'identity' };
}

export async function pushOnce(client: PushClient, ctx: BenchContext): Promise<Step> {
  const { server, page, count } = ctx;
  const tokens = await registerUser(server.url);
  const tag = ctx.newTag();
  let step: Step;
  switch (client) {
    case 'raw':
    case 'rawGzip':
    case 'ungated':
    case 'ungatedGzip': {
      const docs = benchCouchDocs(count, tag);
      step = await nodeStep(server, () => rawPush(tokens, docs, rawTarget(client, tokens, server)));
      break;
    }
    case 'pouchdb': {
      const source = await pouchWithDocs(benchCouchDocs(count, tag));
      step = await nodeStep(server, () => pouchPush(tokens, source, count, syncUrlAt(tokens, server.endpoints.ungated)));
      break;
    }
    case 'pouchdbChromium':
      step = await page.pouchSession(async (call) => {
        await call('insert', { count, tag, adapter: ctx.pouchAdapter });
        return chromiumStep(server, async () => {
          const run = await call('push', {
            syncUrl: syncUrlAt(tokens, server.endpoints.ungated),
            accessToken: tokens.accessToken,
            expected: count,
            tag,
            batchSize: REPLICATION_BATCH.push,
            adapter: ctx.pouchAdapter,
          });
          return { ms: run.value.ms, cpuMs: run.cpuMs };
        });
      });
      break;
    case 'rxdbNode':
      await insertRun(nodeEnv, { count, tag });
      step = await nodeStep(server, async () => clean('push rxdbNode', await pushRun(nodeEnv, { tokens, tag })));
      break;
    case 'rxdbChromium':
      step = await page.session(async (call) => {
        await call('insert', { count, tag });
        return chromiumStep(server, async () => {
          const run = await call('push', { tokens, tag });
          return { ms: clean('push rxdbChromium', run.value), cpuMs: run.cpuMs };
        });
      });
      break;
  }
  await expectOnServer(tokens, count, `push ${client}`);
  return step;
}

/** A pull of everything in `seeded` (a full user database) into a new device; the storage floor writes the same jobs with no network. */
export async function pullOnce(client: PullClient, seeded: Tokens, ctx: BenchContext): Promise<Step> {
  const { server, page, count } = ctx;
  const tag = ctx.newTag();
  switch (client) {
    case 'raw':
    case 'rawGzip':
    case 'ungated':
    case 'ungatedGzip':
      return nodeStep(server, () => rawPull(seeded, count, rawTarget(client, seeded, server)));
    case 'pouchdb':
      return nodeStep(server, () => pouchPull(seeded, count));
    case 'pouchdbChromium':
      return page.pouchSession((call) =>
        chromiumStep(server, async () => {
          const run = await call('pull', {
            syncUrl: seeded.syncUrl,
            accessToken: seeded.accessToken,
            expected: count,
            tag,
            batchSize: REPLICATION_BATCH.pull,
            adapter: ctx.pouchAdapter,
          });
          return { ms: run.value.ms, cpuMs: run.cpuMs };
        }),
      );
    case 'rxdbNode':
      return nodeStep(server, async () => clean('pull rxdbNode', await pullRun(nodeEnv, { tokens: seeded, expected: count, tag })));
    case 'rxdbChromium':
      return page.session((call) =>
        chromiumStep(server, async () => {
          const run = await call('pull', { tokens: seeded, expected: count, tag });
          return { ms: clean('pull rxdbChromium', run.value), cpuMs: run.cpuMs };
        }),
      );
    case 'storageFloor': {
      // Its own fresh profile, like every Chromium cell; the CPU covers both floors of the call.
      let dexieMs = 0;
      const step = await page.session((call) =>
        chromiumStep(server, async () => {
          const run = await call('storageFloor', { count, tag });
          dexieMs = run.value.dexieMs;
          return { ms: run.value.rxdbStorageMs, cpuMs: run.cpuMs };
        }),
      );
      return { ...step, dexieMs };
    }
  }
}
