import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../../shared/jobs/capture';
import { withStatus } from '../../../shared/jobs/edit';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { getDatabase } from '../../db/instance';
import { findJob } from '../../db/jobs';
import { createJob, deleteJobs, restoreJobs, updateJob } from './job-writes';

afterAll(async () => {
  await (await getDatabase()).remove();
});

describe('dashboard writes', () => {
  it('edits, deletes and restores a job through the validating write path', async () => {
    const job = await createJob(jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z')));
    const moved = await updateJob(job.id, (current, at) => withStatus(current, 'interview', at));
    expect(moved.status).toBe('interview');
    expect(moved.fieldTimes?.status).toBe(moved.updatedAt);

    const { jobs } = await getDatabase();
    const removed = await deleteJobs([job.id, 'missing:1']);
    expect(removed.map((entry) => entry.id)).toEqual([job.id]);
    expect(await findJob(jobs, job.id)).toBeUndefined();

    await restoreJobs(removed);
    const restored = await findJob(jobs, job.id);
    expect(restored).toMatchObject({ id: job.id, status: 'interview', statusHistory: moved.statusHistory });
    // Restored as a new edit: every field's time is the restore, later than the deletion.
    expect(restored!.updatedAt > moved.updatedAt).toBe(true);
    expect(restored!.fieldTimes?.title).toBe(restored!.updatedAt);
  });

  it('refuses an edit that breaks the schema and keeps the job as it was', async () => {
    const job = await createJob(jobFromCapture({ ...acmeCapture, siteJobId: '4099999999', url: 'https://www.linkedin.com/jobs/view/4099999999/' }, new Date()));
    await expect(updateJob(job.id, (current, at) => ({ ...current, title: '', updatedAt: at }))).rejects.toThrow();
    expect((await findJob((await getDatabase()).jobs, job.id))?.title).toBe(job.title);
  });

  it('refuses an edit that would make the job too large to sync, keeping it as it was', async () => {
    const job = await createJob(jobFromCapture({ ...acmeCapture, siteJobId: '4088888888', url: 'https://www.linkedin.com/jobs/view/4088888888/' }, new Date()));
    const notes = Array.from({ length: 150 }, (_, i) => ({ id: `n${i}`, text: 'x'.repeat(9_000), at: new Date().toISOString() }));
    await expect(updateJob(job.id, (current, at) => ({ ...current, notes, updatedAt: at }))).rejects.toThrow(/at most 1024 KB/);
    expect((await findJob((await getDatabase()).jobs, job.id))?.notes).toBeUndefined();
  });
});
