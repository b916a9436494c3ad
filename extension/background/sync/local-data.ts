import type { JobCollection } from '../../db/database';
import { purgeDeletedDocs } from '../../db/purge-deleted';

/**
 * Removes every job from this device for good. Deleted documents are purged,
 * not kept as tombstones: a tombstone would be pushed to whichever account
 * signs in next, telling it the ids of another account's jobs.
 */
export async function wipeLocalJobs(jobs: JobCollection): Promise<void> {
  await jobs.find().remove();
  await purgeDeletedDocs(jobs);
}

export function countLocalJobs(jobs: JobCollection): Promise<number> {
  return jobs.count().exec();
}
