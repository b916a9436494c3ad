import { jobSchema, type Job } from '../../shared/schema';
import { stampFieldTimes } from '../../shared/sync/merge-job';
import type { JobCollection } from './database';

/** Why one row of an import was not stored. */
export type InsertFailure =
  | { row: number; id: string | undefined; reason: 'invalid'; issues: { path: string; message: string }[] }
  /** The id is already stored on this device, or appears earlier in the same import. */
  | { row: number; id: string; reason: 'exists' }
  | { row: number; id: string; reason: 'write'; status: number };

export interface InsertJobsResult {
  inserted: Job[];
  failures: InsertFailure[];
}

export const DEFAULT_INSERT_CHUNK = 100;

/**
 * Inserts many new jobs (an import), each validated with the shared schema and
 * with its field times stamped, as the single-job writes in ./jobs.ts are.
 *
 * Why chunks: RxDB gives every row of one bulkWrite the same `_meta.lwt`, and
 * the Dexie storage cannot serve "changed since this checkpoint" from its index
 * for a group sharing one lwt, so each push batch after one big insert re-walks
 * the whole group and the initial push grows quadratically. One write per
 * `chunkSize` rows keeps each group no larger than a push batch.
 *
 * A row that fails never stops the others: failures are reported by their
 * position in `docs`, and existing jobs are left untouched (not overwritten).
 */
export async function insertJobsInChunks(jobs: JobCollection, docs: Job[], chunkSize = DEFAULT_INSERT_CHUNK): Promise<InsertJobsResult> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer (got ${chunkSize})`);
  const failures: InsertFailure[] = [];
  const valid: { row: number; job: Job }[] = [];
  const seen = new Set<string>();
  docs.forEach((doc, row) => {
    const parsed = jobSchema.safeParse(stampFieldTimes(undefined, doc));
    if (!parsed.success) {
      const id = typeof (doc as { id?: unknown }).id === 'string' ? doc.id : undefined;
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(document)', message: issue.message }));
      failures.push({ row, id, reason: 'invalid', issues });
      return;
    }
    if (seen.has(parsed.data.id)) {
      failures.push({ row, id: parsed.data.id, reason: 'exists' });
      return;
    }
    seen.add(parsed.data.id);
    valid.push({ row, job: parsed.data });
  });

  const inserted: Job[] = [];
  for (let start = 0; start < valid.length; start += chunkSize) {
    const chunk = valid.slice(start, start + chunkSize);
    const result = await jobs.bulkInsert(chunk.map((entry) => entry.job));
    const byId = new Map(chunk.map((entry) => [entry.job.id, entry]));
    for (const doc of result.success) {
      const entry = byId.get(doc.primary);
      if (entry) inserted.push(entry.job);
    }
    for (const error of result.error) {
      const id = error.documentId;
      const row = byId.get(id)?.row ?? -1;
      failures.push(error.status === 409 ? { row, id, reason: 'exists' } : { row, id, reason: 'write', status: error.status });
    }
  }
  failures.sort((a, b) => a.row - b.row);
  return { inserted, failures };
}
