import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../../shared/jobs/capture';
import { withStatus } from '../../../shared/jobs/edit';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { getDatabase } from '../../db/instance';
import { findJob } from '../../db/jobs';
import { createJob, deleteJobs, restoreJobs, updateJob, updateJobs } from './job-writes';

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

  it('edits many jobs in one write, lists the ones it cannot change, and redoes one changed meanwhile', async () => {
    const made = await Promise.all(
      ['4077777001', '4077777002', '4077777003'].map((siteJobId) => createJob(jobFromCapture({ ...acmeCapture, siteJobId, url: `https://www.linkedin.com/jobs/view/${siteJobId}/` }, new Date()))),
    );
    const { jobs } = await getDatabase();
    // Another write lands on the second job after the bulk edit read it: the bulk write must not overwrite it.
    const storage = jobs.storageInstance;
    const read = storage.findDocumentsById.bind(storage);
    storage.findDocumentsById = async (ids, deleted) => {
      storage.findDocumentsById = read;
      const docs = await read(ids, deleted);
      await (await jobs.findOne(made[1]!.id).exec(true)).incrementalPatch({ title: 'Changed elsewhere' });
      return docs;
    };
    const result = await updateJobs([...made.map((job) => job.id), 'missing:2'], (current, at) =>
      current.id === made[2]!.id ? { ...current, title: '', updatedAt: at } : withStatus(current, 'interview', at),
    );
    expect(result.updated.sort()).toEqual([made[0]!.id, made[1]!.id].sort());
    expect(result.failed.map((failure) => failure.id).sort()).toEqual([made[2]!.id, 'missing:2'].sort());
    const [first, second, third] = await Promise.all(made.map((job) => findJob(jobs, job.id)));
    expect(first).toMatchObject({ status: 'interview' });
    expect(first!.fieldTimes?.status).toBe(first!.updatedAt);
    expect(second).toMatchObject({ status: 'interview', title: 'Changed elsewhere' });
    expect(third).toMatchObject({ status: made[2]!.status, title: made[2]!.title });
  });
});
