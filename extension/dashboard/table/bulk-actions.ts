import type { Job } from '../../../shared/schema';

/** The write path (and with it RxDB) loads on the first bulk action, not with the table. */
export const jobWrites = () => import('../data/job-writes');

export interface BulkProgress {
  done: number;
  total: number;
}

export interface BulkResult {
  changed: number;
  /** Jobs that could not be changed (deleted meanwhile, or refused by the schema), with the first reason. */
  failed: number;
  firstError?: string;
}

/** A few writes in flight at once: RxDB serialises each document's writes, so distinct jobs overlap safely. */
const IN_FLIGHT = 4;

/**
 * Applies `edit` to every job through the validating write path, one job at a
 * time per lane, reporting progress: a bulk change of thousands of jobs shows
 * how far it got, and one job failing does not stop the others.
 */
export async function editJobs(ids: readonly string[], edit: (job: Job, at: string) => Job, onProgress?: (progress: BulkProgress) => void): Promise<BulkResult> {
  const { updateJob } = await jobWrites();
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next]!;
      next += 1;
      try {
        await updateJob(id, edit);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      done += 1;
      onProgress?.({ done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, ids.length) }, lane));
  return { changed: done - failed, failed, ...(firstError ? { firstError } : {}) };
}
