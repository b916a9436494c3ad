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

/**
 * Jobs per write of a bulk edit: each write updates every open page's list
 * once, so a few large writes; small enough that progress moves.
 */
const EDIT_CHUNK = 250;
const DELETE_CHUNK = 200;
const RESTORE_CHUNK = 50;
const CHUNK_LANES = 8;

/** Runs `work` over `items` with at most `lanes` at a time, in order of start. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Applies `edit` to every job through the validating write path
 * (updateJobs: a chunk per storage write), reporting progress: one job
 * failing does not stop the others.
 */
export async function editJobs(ids: readonly string[], edit: (job: Job, at: string) => Job, onProgress?: (progress: BulkProgress) => void): Promise<BulkResult> {
  const { updateJobs } = await jobWrites();
  let done = 0;
  let failed = 0;
  let firstError: string | undefined;
  for (const chunk of chunks(ids, EDIT_CHUNK)) {
    try {
      const result = await updateJobs(chunk, edit);
      failed += result.failed.length;
      firstError ??= result.failed[0]?.error;
    } catch (error) {
      failed += chunk.length;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    done += chunk.length;
    onProgress?.({ done, total: ids.length });
  }
  return { changed: done - failed, failed, ...(firstError ? { firstError } : {}) };
}

/**
 * deleteJobs over chunks of the selection at once. Returns the removed jobs
 * (for restoreAll) even when a chunk failed, so what was deleted can still
 * be undone.
 */
export async function deleteAll(ids: readonly string[], onProgress?: (progress: BulkProgress) => void): Promise<{ removed: Job[]; firstError?: string }> {
  const { deleteJobs } = await jobWrites();
  const removed: Job[] = [];
  let firstError: string | undefined;
  let done = 0;
  await inLanes(chunks(ids, DELETE_CHUNK), CHUNK_LANES, async (chunk) => {
    try {
      removed.push(...(await deleteJobs(chunk)));
    } catch (error) {
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    done += chunk.length;
    onProgress?.({ done, total: ids.length });
  });
  return { removed, ...(firstError ? { firstError } : {}) };
}

/** Undo of deleteAll: restoreJobs over chunks at once. */
export async function restoreAll(removed: readonly Job[]): Promise<void> {
  const { restoreJobs } = await jobWrites();
  await inLanes(chunks(removed, RESTORE_CHUNK), CHUNK_LANES, (chunk) => restoreJobs(chunk));
}
