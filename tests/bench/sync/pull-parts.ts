/**
 * The local IndexedDB steps a pull of the sync engine takes per page, timed
 * one by one on the bench jobs with no network: the bookkeeping read of what
 * is known, the local read of the documents, RxDB's storage bulkWrite (the
 * storage floor) and the bookkeeping write of each document's synced state (a
 * full copy) and of the checkpoint. Diagnosis for ./breakdown.ts: which of
 * them keeps a pull from its storage floor.
 */
import { createRevision, now, type RxDocumentData } from 'rxdb';
import { REPLICATION_BATCH } from '../../../extension/background/sync/replication-batch';
import { SyncBookkeeping } from '../../../extension/background/sync/bookkeeping';
import type { Job } from '../../../shared/schema';
import { benchJobs } from './jobs';
import type { RxdbEnv } from './rxdb-runs';

export type PullPartsTiming = Record<'statesRead' | 'localRead' | 'storageWrite' | 'statesWrite' | 'checkpoint', number>;

const clock = () => performance.now();

export async function pullPartsRun(env: RxdbEnv, options: { count: number; tag: string }): Promise<PullPartsTiming> {
  const jobs = benchJobs(options.count, options.tag);
  const batch = REPLICATION_BATCH.pull;
  const db = await env.open(`parts-${options.tag}`);
  const book = await SyncBookkeeping.open(indexedDB, `parts-book-${options.tag}`);
  const scope = 'bench';
  const ms: PullPartsTiming = { statesRead: 0, localRead: 0, storageWrite: 0, statesWrite: 0, checkpoint: 0 };
  const timed = async <R>(part: keyof PullPartsTiming, work: () => Promise<R>): Promise<R> => {
    const start = clock();
    try {
      return await work();
    } finally {
      ms[part] += clock() - start;
    }
  };
  try {
    const storage = db.jobs.storageInstance;
    for (let i = 0; i < jobs.length; i += batch) {
      const page = jobs.slice(i, i + batch);
      const ids = page.map((job) => job.id);
      await timed('statesRead', () => book.states(scope, ids));
      await timed('localRead', () => storage.findDocumentsById(ids, true));
      const rows = page.map((job) => {
        const document = { ...job, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: '' } as RxDocumentData<Job>;
        document._rev = createRevision(db.token);
        return { document };
      });
      const result = await timed('storageWrite', () => storage.bulkWrite(rows, 'bench-parts'));
      if (result.error.length) throw new Error(`${result.error.length} storage writes failed`);
      await timed('statesWrite', () => book.putStates(page.map((job) => ({ scope, id: job.id, rev: `1-${job.id.length}`, base: { ...job, _deleted: false } }))));
      await timed('checkpoint', () => book.setCheckpoint(scope, { pull: `${i + batch}-seq` }));
    }
    return ms;
  } finally {
    book.close();
    await env.dispose(db);
  }
}
