/**
 * The seeding side of `npm run bench:dashboard`, bundled by ./seed.ts and run
 * in a page of the extension's origin, so it writes the very IndexedDB the
 * dashboard reads: the extension's own database module and
 * `insertJobsInChunks`, the import path. Also the baseline: a raw IndexedDB
 * read of the same documents.
 */
import './jitless';
import { insertJobsInChunks } from '../../../extension/db/bulk-insert';
import { DEFAULT_DATABASE_NAME, openDatabase, type TrackruitDatabase } from '../../../extension/db/database';
import { upsertJobWith } from '../../../extension/db/jobs';
import { JOB_SCHEMA_VERSION } from '../../../shared/schema/job-rx';
import type { Job } from '../../../shared/schema';
import { dashboardBenchJobs } from './jobs';

/** `count` generated jobs (./jobs.ts), then `extra` as given. */
async function seed(options: { count: number; seed?: number; extra?: Job[] }): Promise<{ inserted: number; failures: string[]; ms: number }> {
  const docs = [...dashboardBenchJobs(options.count, options.seed), ...(options.extra ?? [])];
  const db = await openDatabase();
  try {
    const started = performance.now();
    const result = await insertJobsInChunks(db.jobs, docs);
    return {
      inserted: result.inserted.length,
      failures: result.failures.slice(0, 5).map((failure) => JSON.stringify(failure)),
      ms: performance.now() - started,
    };
  } finally {
    await db.close();
  }
}

/** The floor: every stored document of the jobs collection, one getAll, no RxDB. */
async function rawReadAll(): Promise<{ count: number; ms: number }> {
  const started = performance.now();
  const name = `rxdb-dexie-${DEFAULT_DATABASE_NAME}--${JOB_SCHEMA_VERSION}--jobs`;
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const docs = await new Promise<unknown[]>((resolve, reject) => {
      const request = idb.transaction('docs', 'readonly').objectStore('docs').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return { count: docs.length, ms: performance.now() - started };
  } finally {
    idb.close();
  }
}

let writer: Promise<TrackruitDatabase> | undefined;

/**
 * Renames one job the way another part of the extension would change it (a
 * capture, a pulled change): through the validating write path, from another
 * page. Returns when the write started, on the clock all pages share.
 */
async function touch(options: { id: string; title: string; updatedAt: string }): Promise<{ startedAt: number; writtenAt: number }> {
  writer ??= openDatabase();
  const db = await writer;
  const startedAt = performance.timeOrigin + performance.now();
  await upsertJobWith(db.jobs, options.id, (existing) => {
    if (!existing) throw new Error(`no job ${options.id}`);
    return { ...existing, title: options.title, updatedAt: options.updatedAt };
  });
  return { startedAt, writtenAt: performance.timeOrigin + performance.now() };
}

/** Deletes jobs from another page, as a pulled deletion would. */
async function remove(options: { ids: string[] }): Promise<void> {
  writer ??= openDatabase();
  const db = await writer;
  await db.jobs.bulkRemove(options.ids);
}

const dashboardSeed = { seed, rawReadAll, touch, remove };
export type DashboardSeedApi = typeof dashboardSeed;
(globalThis as unknown as { dashboardSeed: DashboardSeedApi }).dashboardSeed = dashboardSeed;
