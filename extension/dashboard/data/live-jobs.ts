import type { RxDocument, RxStorageChangeEvent } from 'rxdb';
import type { Job } from '../../../shared/schema';
import type { JobCollection } from '../../db/database';
import { JobList, revisionHeight, type StoredJob } from './job-list';
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

function storedJob(doc: RxDocument<Job>): StoredJob {
  return { id: doc.primary, job: plainJob(doc), height: revisionHeight(doc._data._rev) };
}

function changedJob(event: RxStorageChangeEvent<Job>): StoredJob {
  const data = event.documentData;
  const removed = event.operation === 'DELETE' || data._deleted;
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...fields } = data;
  return { id: event.documentId, job: removed ? undefined : (fields as Job), height: revisionHeight(data._rev) };
}

/**
 * Every job, kept current from the collection's change events (which carry
 * other realms' writes too, through the multi-instance channel): events are
 * followed before the first read, so none falls between the read and the
 * subscription, and JobList drops those the read already included.
 */
function followAllJobs(
  jobs: JobCollection,
  readAll: () => Promise<RxDocument<Job>[]>,
  onJobs: (jobs: readonly Job[]) => void,
  onError: (error: unknown) => void,
): () => void {
  let list: JobList | undefined;
  let early: StoredJob[] = [];
  const subscription = jobs.eventBulks$.subscribe((bulk) => {
    const changes = bulk.events.map(changedJob);
    if (!list) early.push(...changes);
    else if (list.apply(changes)) onJobs(list.list);
  });
  readAll().then(
    (docs) => {
      if (subscription.closed) return;
      list = new JobList(docs.map(storedJob));
      list.apply(early);
      early = [];
      onJobs(list.list);
    },
    (error: unknown) => {
      if (!subscription.closed) onError(error);
    },
  );
  return () => subscription.unsubscribe();
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
 * from IndexedDB (./newest-jobs-idb.ts), then every job kept current from the
 * collection's change events (or, with a `limit`, RxDB's live query), whose
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
      const ready = (jobs: readonly Job[]) => {
        live = true;
        onChange({ state: 'ready', jobs, complete: true });
      };
      const failed = (error: unknown) => onChange({ state: 'error', message: loadErrorMessage(error) });
      const query = jobsByRecency(db.jobs, options.limit);
      if (options.limit === undefined) {
        unsubscribe = followAllJobs(db.jobs, () => query.exec(), ready, failed);
        return;
      }
      // A few jobs (the popup's latest): RxDB's live query re-reads them cheaply.
      const subscription = query.$.subscribe({ next: (docs) => ready(docs.map(plainJob)), error: failed });
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
