import { JOB_SCHEMA_VERSION } from '../../../shared/schema/job-rx';
import type { Job } from '../../../shared/schema';

/**
 * The newest jobs, read straight from the IndexedDB that RxDB's Dexie storage
 * keeps, for the first paint only: RxDB cannot serve "newest first, N rows"
 * from an index (its query planner re-sorts every descending query, so the
 * query reads all 20,000 documents before it returns five), while a reverse
 * cursor on the same `[_deleted+updatedAt+id]` index stops after N.
 *
 * It knows RxDB's storage layout (database and index names, `_deleted` as
 * '0'/'1', meta fields beside the job's); ./newest-jobs-idb.test.ts checks it
 * against RxDB itself. Anything unexpected answers `undefined`, and the caller
 * waits for RxDB's own query instead: never wrong, at worst slower.
 */

/**
 * DEFAULT_DATABASE_NAME of extension/db/database.ts, spelled out: importing it
 * would pull RxDB into the first paint's code. The test reads a database that
 * openDatabase() made under its default name, so the two cannot drift apart.
 */
const DATABASE_NAME = 'trackruit';
export const JOBS_IDB_NAME = `rxdb-dexie-${DATABASE_NAME}--${JOB_SCHEMA_VERSION}--jobs`;
const DOCS_STORE = 'docs';
const RECENCY_INDEX = '[_deleted+updatedAt+id]';
const NOT_DELETED = '0';

function plainJob(stored: Record<string, unknown>): Job {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...job } = stored;
  return job as Job;
}

/** RxDB's order for `updatedAt: 'desc'`: ties by primary key, ascending. */
export function byRecency(a: Job, b: Job): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    // Opening a database that does not exist creates it: refuse, so RxDB creates it its own way.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(undefined) : reject(request.error));
  });
}

export interface NewestJobsOptions {
  /** Tests pass fake-indexeddb's; pages use their own. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  name?: string;
}

/** Up to `count` jobs, most recently changed first; undefined when the store is not there (yet) or not as expected. */
export async function readNewestJobs(count: number, options: NewestJobsOptions = {}): Promise<Job[] | undefined> {
  const factory = options.indexedDB ?? indexedDB;
  const KeyRange = options.IDBKeyRange ?? IDBKeyRange;
  const name = options.name ?? JOBS_IDB_NAME;
  try {
    const known = await factory.databases();
    if (!known.some((database) => database.name === name)) return undefined;
    const db = await openExisting(factory, name);
    if (!db) return undefined;
    try {
      const index = db.transaction(DOCS_STORE, 'readonly').objectStore(DOCS_STORE).index(RECENCY_INDEX);
      // Every key [NOT_DELETED, updatedAt, id]: arrays sort after strings, so [NOT_DELETED, []] bounds them all.
      const range = KeyRange.bound([NOT_DELETED], [NOT_DELETED, []]);
      const rows = await new Promise<Job[]>((resolve, reject) => {
        const read: Job[] = [];
        const request = index.openCursor(range, 'prev');
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(read);
          const job = plainJob(cursor.value as Record<string, unknown>);
          // Past `count`, read on only while the change time ties with the last kept job:
          // RxDB orders ties by id ascending, this cursor by id descending.
          if (read.length >= count && job.updatedAt !== read[count - 1]!.updatedAt) return resolve(read);
          read.push(job);
          cursor.continue();
        };
        request.onerror = () => reject(request.error);
      });
      return rows.sort(byRecency).slice(0, count);
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}
