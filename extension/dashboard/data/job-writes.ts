import type { Job } from '../../../shared/schema';
import { getDatabase } from '../../db/instance';
import { bulkUpdateJobsWith, findJob, upsertJobWith, type BulkUpdateResult } from '../../db/jobs';
import { ask } from '../../ui/background-client';

/**
 * The dashboard's writes to the local database. Every one goes through
 * upsertJobWith (schema validation and per-field edit times), so the
 * background pushes it like any capture.
 */

export const nowIso = () => new Date().toISOString();

/**
 * Wakes the background so the change is counted and pushed now: the service
 * worker may be stopped while this page writes. Not awaited: the write is
 * already safe locally, and the alarm pushes it anyway if this fails.
 */
export function reportLocalWrites(ids: readonly string[]): void {
  if (ids.length > 0) void ask({ type: 'sync:localWrites', ids: [...ids] });
}

async function editOne(id: string, edit: (job: Job, at: string) => Job, at: string): Promise<Job> {
  const { jobs } = await getDatabase();
  const { job } = await upsertJobWith(jobs, id, (existing) => {
    if (!existing) throw new Error('This application no longer exists.');
    return edit(existing, at);
  });
  return job;
}

/** Applies `edit` to the current state of job `id`; fails if the job is gone. */
export async function updateJob(id: string, edit: (job: Job, at: string) => Job): Promise<Job> {
  const job = await editOne(id, edit, nowIso());
  reportLocalWrites([id]);
  return job;
}

/**
 * One edit over many jobs (bulk actions), written together and reported to
 * the background once; jobs that cannot be changed are listed, the others changed.
 */
export async function updateJobs(ids: readonly string[], edit: (job: Job, at: string) => Job): Promise<BulkUpdateResult> {
  const { jobs } = await getDatabase();
  const at = nowIso();
  const result = await bulkUpdateJobsWith(jobs, ids, (existing) => edit(existing, at));
  reportLocalWrites(result.updated);
  return result;
}

export async function createJob(job: Job): Promise<Job> {
  const { jobs } = await getDatabase();
  const created = (await upsertJobWith(jobs, job.id, () => job)).job;
  reportLocalWrites([created.id]);
  return created;
}

/** Deletes jobs and returns their last states, which `restoreJobs` puts back (undo). */
export async function deleteJobs(ids: readonly string[]): Promise<Job[]> {
  const { jobs } = await getDatabase();
  const removed: Job[] = [];
  for (const id of ids) {
    const job = await findJob(jobs, id);
    if (!job) continue;
    removed.push(job);
  }
  await jobs.bulkRemove(removed.map((job) => job.id));
  reportLocalWrites(removed.map((job) => job.id));
  return removed;
}

/** Undo of a delete: the jobs come back as new edits, so they win over the deletion on every device. */
export async function restoreJobs(removed: readonly Job[]): Promise<void> {
  const { jobs } = await getDatabase();
  const at = nowIso();
  for (const job of removed) {
    await upsertJobWith(jobs, job.id, () => ({ ...job, fieldTimes: {}, updatedAt: at }));
  }
  reportLocalWrites(removed.map((job) => job.id));
}
