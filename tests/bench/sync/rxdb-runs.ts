/**
 * The extension's sync stack, measured: `openDatabase` (RxDB, Dexie storage),
 * `insertJobsInChunks`, `upsertJobWith` with `jobFromCapture`, and
 * `replicateJobs` with the auth fetch, its fetch wrappers, conflict handler
 * and push validation. The same code runs in Node (fake-indexeddb) and in
 * Chromium (the bundle of ./browser-entry.ts), each with its own IndexedDB.
 */
import { createAuthFetch } from '../../../extension/background/account/auth-fetch';
import { replicateJobs, type JobReplication } from '../../../extension/background/sync/replication';
import { memoryTokenStore, type Tokens } from '../../../extension/background/account/tokens';
import { insertJobsInChunks } from '../../../extension/db/bulk-insert';
import type { TrackruitDatabase } from '../../../extension/db/database';
import { upsertJobWith } from '../../../extension/db/jobs';
import { jobFromCapture } from '../../../shared/jobs/capture';
import { benchCapture, benchJobs } from './jobs';

export interface RxdbEnv {
  open(name: string): Promise<TrackruitDatabase>;
  /** Closes the database and frees its storage. */
  dispose(db: TrackruitDatabase): Promise<void>;
}

export interface TransferTiming {
  ms: number;
  /** Replication errors seen (each is retried by RxDB; a clean run has none). */
  errors: string[];
}

const clock = () => performance.timeOrigin + performance.now();

function startReplication(db: TrackruitDatabase, tokens: Tokens, errors: string[]): JobReplication {
  const replication = replicateJobs({
    jobs: db.jobs,
    syncUrl: tokens.syncUrl,
    fetch: createAuthFetch({ store: memoryTokenStore(tokens) }),
    retryTime: 1_000,
  });
  replication.error$.subscribe((error) => errors.push(String((error as { message?: unknown }).message ?? error)));
  return replication;
}

async function insertAll(db: TrackruitDatabase, count: number, tag: string, mode: 'chunks' | 'one-write'): Promise<void> {
  const docs = benchJobs(count, tag);
  if (mode === 'one-write') {
    const result = await db.jobs.bulkInsert(docs);
    if (result.error.length) throw new Error(`${result.error.length} inserts failed`);
    return;
  }
  const result = await insertJobsInChunks(db.jobs, docs);
  if (result.failures.length) throw new Error(`${result.failures.length} inserts failed: ${JSON.stringify(result.failures[0])}`);
}

/**
 * A device's databases between the steps of a run, by tag: the insert and the
 * push that follows are separate steps, so the bench can tell their costs apart.
 */
const prepared = new Map<string, TrackruitDatabase>();

/** Stores `count` new jobs on a new device (insertJobsInChunks, or one bulkInsert for contrast). */
export async function insertRun(env: RxdbEnv, options: { count: number; tag: string; insert?: 'chunks' | 'one-write' }): Promise<{ ms: number }> {
  const db = await env.open(`push-${options.tag}`);
  try {
    const start = clock();
    await insertAll(db, options.count, options.tag, options.insert ?? 'chunks');
    prepared.set(options.tag, db);
    return { ms: clock() - start };
  } catch (error) {
    await env.dispose(db);
    throw error;
  }
}

/**
 * Initial push of the device `insertRun` prepared: the replication starts and
 * runs until its initial sweep is done, when the server holds every job.
 */
export async function pushRun(env: RxdbEnv, options: { tokens: Tokens; tag: string }): Promise<TransferTiming> {
  const db = prepared.get(options.tag);
  if (!db) throw new Error(`no device prepared for ${options.tag}`);
  prepared.delete(options.tag);
  const errors: string[] = [];
  try {
    const start = clock();
    const replication = startReplication(db, options.tokens, errors);
    await replication.awaitInitialReplication();
    const ms = clock() - start;
    await replication.cancel();
    return { ms, errors };
  } finally {
    await env.dispose(db);
  }
}

/** Initial pull into an empty device of everything on the server; `expected` is checked afterwards. */
export async function pullRun(env: RxdbEnv, options: { tokens: Tokens; expected: number; tag: string }): Promise<TransferTiming> {
  const db = await env.open(`pull-${options.tag}`);
  const errors: string[] = [];
  try {
    const start = clock();
    const replication = startReplication(db, options.tokens, errors);
    await replication.awaitInitialReplication();
    const ms = clock() - start;
    await replication.cancel();
    const stored = await db.jobs.count().exec();
    if (stored !== options.expected) throw new Error(`pulled ${stored} jobs, expected ${options.expected}`);
    return { ms, errors };
  } finally {
    await env.dispose(db);
  }
}

/**
 * Capture while online: each write goes through `upsertJobWith` and
 * `jobFromCapture` as the background's capture does, with the live
 * replication already in sync. Returns when each write started (ms since the
 * epoch, comparable across processes on this machine); an observer outside
 * the client sees when each job reached the server.
 */
export async function captureRun(
  env: RxdbEnv,
  options: { tokens: Tokens; samples: number; tag: string; gapMs: number },
): Promise<{ writes: { id: string; at: number }[]; errors: string[] }> {
  const db = await env.open(`capture-${options.tag}`);
  const errors: string[] = [];
  try {
    const replication = startReplication(db, options.tokens, errors);
    await replication.awaitInitialReplication();
    const writes: { id: string; at: number }[] = [];
    for (let n = 0; n < options.samples; n += 1) {
      const captured = benchCapture(options.tag, n);
      const id = `${captured.platform}:${captured.siteJobId}`;
      const at = clock();
      await upsertJobWith(db.jobs, id, (existing) => jobFromCapture(captured, new Date(), existing));
      writes.push({ id, at });
      await replication.awaitInSync();
      await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
    await replication.cancel();
    return { writes, errors };
  } finally {
    await env.dispose(db);
  }
}
