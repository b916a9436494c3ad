import type { RxDocument } from 'rxdb';
import type { Job } from '../../../shared/schema';
import { readNewestJobs } from './newest-jobs-idb';

/** RxDB loads beside the first page rather than before it: its code is most of what the page would otherwise parse before painting. */
async function openJobs() {
  const [{ getDatabase }, { jobsByRecency }] = await Promise.all([import('../../db/instance'), import('../../db/jobs')]);
  const db = await getDatabase();
  return { db, jobsByRecency };
}

export type LiveJobs =
  | { state: 'loading' }
  /**
   * `complete` is false while `jobs` is only the newest page (painted first);
   * true once it is every job (or every job up to the limit), kept live.
   */
  | { state: 'ready'; jobs: readonly Job[]; complete: boolean }
  | { state: 'error'; message: string };

export interface WatchJobsOptions {
  /** At most this many jobs (the popup's latest few); all when absent. */
  limit?: number;
  /** Show the newest this many first, before the live query answers. */
  firstPage?: number;
  /** That first page, when it was already being read (see prefetchNewestJobs). */
  prefetched?: Promise<Job[] | undefined>;
}

// RxDB hands out the same RxDocument for a document until it changes, so a
// live update converts only the documents it touched; the other jobs keep
// their objects, and with them every cache keyed on them (search text, sort keys).
const plainByDoc = new WeakMap<RxDocument<Job>, Job>();

function plainJob(doc: RxDocument<Job>): Job {
  let job = plainByDoc.get(doc);
  if (!job) {
    // Not doc.toJSON(): it copies and then deletes the meta fields, which leaves
    // V8 slow dictionary objects; over 20,000 jobs it cost three times this.
    const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...fields } = doc._data;
    job = fields as Job;
    plainByDoc.set(doc, job);
  }
  return job;
}

export function loadErrorMessage(error: unknown): string {
  return `Could not open your local applications: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Starts reading the newest `count` jobs at once, for a page to hand to
 * watchJobs: called when the page's script loads, the read overlaps React's
 * first render instead of following it. One use per call.
 */
export function prefetchNewestJobs(count: number): Promise<Job[] | undefined> {
  return readNewestJobs(count);
}

/**
 * Follows the jobs, newest change first: optionally the newest page straight
 * from IndexedDB (./newest-jobs-idb.ts), then RxDB's live query, whose
 * updates arrive from the background (captures, pulls) through the database's
 * multi-instance channel. Returns the unsubscribe function.
 */
export function watchJobs(options: WatchJobsOptions, onChange: (jobs: LiveJobs) => void): () => void {
  let stopped = false;
  let live = false;
  let unsubscribe: (() => void) | undefined;

  const firstPage = options.prefetched ?? (options.firstPage ? readNewestJobs(Math.min(options.firstPage, options.limit ?? Infinity)) : undefined);
  void firstPage?.then((jobs) => {
    if (jobs && !stopped && !live) onChange({ state: 'ready', jobs, complete: false });
  });

  openJobs().then(
    ({ db, jobsByRecency }) => {
      if (stopped) return;
      const subscription = jobsByRecency(db.jobs, options.limit).$.subscribe({
        next: (docs) => {
          live = true;
          onChange({ state: 'ready', jobs: docs.map(plainJob), complete: true });
        },
        error: (error: unknown) => onChange({ state: 'error', message: loadErrorMessage(error) }),
      });
      unsubscribe = () => subscription.unsubscribe();
    },
    (error: unknown) => {
      if (!stopped) onChange({ state: 'error', message: loadErrorMessage(error) });
    },
  );

  return () => {
    stopped = true;
    unsubscribe?.();
  };
}
