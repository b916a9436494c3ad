import { jobDocTooLarge, jobSchema, type Job } from '../../shared/schema';
import { stampFieldTimes } from '../../shared/sync/merge-job';
import type { JobCollection } from './database';

/**
 * Every write of a job goes through the shared zod schema first: RxDB runs
 * without a validator plugin (ajv needs eval, which MV3 forbids), and a
 * document the server refuses stalls replication for every later document.
 */
function valid(job: Job): Job {
  const parsed = jobSchema.parse(job);
  const tooLarge = jobDocTooLarge(parsed);
  if (tooLarge) throw new Error(`This application ${tooLarge}.`);
  return parsed;
}

/** Validated, with the edit time of every changed field stamped for the three-way merge. */
function nextVersion(previous: Job | undefined, next: Job): Job {
  return valid(stampFieldTimes(previous, next));
}

function plain(data: Record<string, unknown>): Job {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...job } = data;
  return job as Job;
}

export async function findJob(jobs: JobCollection, id: string): Promise<Job | undefined> {
  const doc = await jobs.findOne(id).exec();
  return doc ? plain(doc.toMutableJSON() as Record<string, unknown>) : undefined;
}

export interface UpsertResult {
  job: Job;
  created: boolean;
}

/**
 * Creates or updates the job `id` from its current state. Concurrent calls
 * for one id (two quick captures, a pull landing mid-capture) are serialised
 * by RxDB's incremental write queue, so `build` always sees the latest state
 * and exactly one caller reports `created`.
 */
export async function upsertJobWith(
  jobs: JobCollection,
  id: string,
  build: (existing: Job | undefined) => Job,
): Promise<UpsertResult> {
  let doc = await jobs.findOne(id).exec();
  if (!doc) {
    const result = await jobs.bulkInsert([nextVersion(undefined, build(undefined))]);
    const inserted = result.success[0];
    if (inserted) return { job: plain(inserted.toMutableJSON() as Record<string, unknown>), created: true };
    const failure = result.error[0];
    // 409: another write created it since findOne; fall through and update it.
    if (failure?.status !== 409) throw new Error(`could not store job ${id} (status ${failure?.status})`);
    doc = await jobs.findOne(id).exec(true);
  }
  const updated = await doc.incrementalModify((current) => {
    const previous = plain(current as Record<string, unknown>);
    const next = nextVersion(previous, build(previous));
    if (next.id !== id) throw new Error(`job id changed from ${id} to ${next.id}`);
    return next;
  });
  return { job: plain(updated.toMutableJSON() as Record<string, unknown>), created: false };
}

export interface BulkUpdateResult {
  updated: string[];
  failed: { id: string; error: string }[];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Context of bulkUpdateJobsWith's storage writes: local edits, pushed like any other. */
export const BULK_EDIT_CONTEXT = 'trackruit-bulk-edit';

/**
 * upsertJobWith over many existing jobs in one storage write: read together,
 * each built and validated, written with the revision it was built from.
 * One write instead of one per job matters to every open page, whose live
 * lists update once per write. A job another write changed meanwhile is
 * refused by the storage (409) and done again through upsertJobWith, so
 * `build` always sees the state it replaces.
 */
export async function bulkUpdateJobsWith(jobs: JobCollection, ids: readonly string[], build: (existing: Job) => Job): Promise<BulkUpdateResult> {
  const result: BulkUpdateResult = { updated: [], failed: [] };
  const stored = new Map((await jobs.storageInstance.findDocumentsById([...ids], false)).map((doc) => [doc.id, doc]));
  const rows = [];
  for (const id of ids) {
    const current = stored.get(id);
    if (!current) {
      result.failed.push({ id, error: 'This application no longer exists.' });
      continue;
    }
    try {
      const previous = plain(current as unknown as Record<string, unknown>);
      const next = nextVersion(previous, build(previous));
      if (next.id !== id) throw new Error(`job id changed from ${id} to ${next.id}`);
      rows.push({ previous: current, document: { ...next, _deleted: false, _attachments: current._attachments, _meta: current._meta, _rev: current._rev } });
    } catch (error) {
      result.failed.push({ id, error: errorText(error) });
    }
  }
  if (rows.length === 0) return result;
  const written = await jobs.storageInstance.bulkWrite(rows, BULK_EDIT_CONTEXT);
  const refused = new Map(written.error.map((error) => [error.documentId, error]));
  for (const row of rows) {
    const error = refused.get(row.document.id);
    if (!error) {
      result.updated.push(row.document.id);
      continue;
    }
    if (error.status !== 409) {
      result.failed.push({ id: row.document.id, error: `could not store job ${row.document.id} (status ${error.status})` });
      continue;
    }
    try {
      await upsertJobWith(jobs, row.document.id, (existing) => {
        if (!existing) throw new Error('This application no longer exists.');
        return build(existing);
      });
      result.updated.push(row.document.id);
    } catch (retryError) {
      result.failed.push({ id: row.document.id, error: errorText(retryError) });
    }
  }
  return result;
}

/** Newest first by last change; a `limit` keeps the popup's query cheap on big lists. */
export function jobsByRecency(jobs: JobCollection, limit?: number) {
  return jobs.find({
    selector: {},
    sort: [{ updatedAt: 'desc' }],
    ...(limit === undefined ? {} : { limit }),
  });
}
