/**
 * What storing pulled jobs costs at the least in Chromium's IndexedDB, with
 * no network and no replication logic: the floor under any pull built on the
 * extension's storage. Two floors, on the bench's jobs in batches of the
 * replication's pull size:
 * - dexie: plain Dexie bulkPut, one IndexedDB put per job (the browser's own floor);
 * - rxdbStorage: the RxDB collection's storage instance bulkWrite (Dexie
 *   storage), which reads each key before writing it and emits the change
 *   events the dashboard's queries follow. Any replication into an RxDB
 *   collection pays this once per pulled job; RxDB's replication protocol
 *   also writes a state row per job into its meta storage.
 */
import Dexie from 'dexie';
import { createRevision, now, type RxDocumentData } from 'rxdb';
import type { Job } from '../../../shared/schema';
import { REPLICATION_BATCH } from '../../../extension/background/sync/replication-batch';
import type { RxdbEnv } from './rxdb-runs';
import { benchJobs } from './jobs';

export interface StorageFloorTiming {
  dexieMs: number;
  rxdbStorageMs: number;
}

const clock = () => performance.now();

export async function storageFloorRun(env: RxdbEnv, options: { count: number; tag: string }): Promise<StorageFloorTiming> {
  const jobs = benchJobs(options.count, options.tag);
  const batch = REPLICATION_BATCH.pull;

  const dexie = new Dexie(`floor-dexie-${options.tag}`);
  dexie.version(1).stores({ jobs: 'id' });
  await dexie.open();
  let start = clock();
  for (let i = 0; i < jobs.length; i += batch) await dexie.table('jobs').bulkPut(jobs.slice(i, i + batch));
  const dexieMs = clock() - start;
  dexie.close();

  const db = await env.open(`floor-${options.tag}`);
  try {
    const storage = db.jobs.storageInstance;
    start = clock();
    for (let i = 0; i < jobs.length; i += batch) {
      const rows = jobs.slice(i, i + batch).map((job) => {
        const document = { ...job, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: '' } as RxDocumentData<Job>;
        document._rev = createRevision(db.token);
        return { document };
      });
      const result = await storage.bulkWrite(rows, 'bench-floor');
      if (result.error.length) throw new Error(`${result.error.length} storage writes failed`);
    }
    const rxdbStorageMs = clock() - start;
    const stored = await db.jobs.count().exec();
    if (stored !== jobs.length) throw new Error(`stored ${stored} jobs, expected ${jobs.length}`);
    return { dexieMs, rxdbStorageMs };
  } finally {
    await env.dispose(db);
  }
}
