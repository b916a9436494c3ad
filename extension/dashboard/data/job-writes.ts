import type { Job } from '../../../shared/schema';
import { getDatabase } from '../../db/instance';
import { findJob, upsertJobWith } from '../../db/jobs';

/**
 * The dashboard's writes to the local database. Every one goes through
 * upsertJobWith (schema validation and per-field edit times), so the
 * background pushes it like any capture.
 */

export const nowIso = () => new Date().toISOString();

/** Applies `edit` to the current state of job `id`; fails if the job is gone. */
export async function updateJob(id: string, edit: (job: Job, at: string) => Job): Promise<Job> {
  const { jobs } = await getDatabase();
  const at = nowIso();
  const { job } = await upsertJobWith(jobs, id, (existing) => {
    if (!existing) throw new Error('This application no longer exists.');
    return edit(existing, at);
  });
  return job;
}

export async function updateJobs(ids: readonly string[], edit: (job: Job, at: string) => Job): Promise<void> {
  for (const id of ids) await updateJob(id, edit);
}

export async function createJob(job: Job): Promise<Job> {
  const { jobs } = await getDatabase();
  return (await upsertJobWith(jobs, job.id, () => job)).job;
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
  return removed;
}

/** Undo of a delete: the jobs come back as new edits, so they win over the deletion on every device. */
export async function restoreJobs(removed: readonly Job[]): Promise<void> {
  const { jobs } = await getDatabase();
  const at = nowIso();
  for (const job of removed) {
    await upsertJobWith(jobs, job.id, () => ({ ...job, fieldTimes: {}, updatedAt: at }));
  }
}
