import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapturedJob } from '../../../shared/jobs/capture';
import type { Job } from '../../../shared/schema';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { handleCapture, type CaptureDeps } from './capture';
import { handleResolveDuplicate, type DuplicateDeps } from './duplicates';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const contentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/4012345678/', tab: {} };
const dashboard = { id: RUNTIME_ID, url: `${ORIGIN}dashboard.html` };

/** The same posting, reposted under a new LinkedIn id and URL. */
const repost: CapturedJob = {
  ...acmeCapture,
  siteJobId: '4099999999',
  url: 'https://www.linkedin.com/jobs/view/4099999999/',
  title: 'Senior Frontend Engineer ',
  company: 'ACME Robotics',
  salary: '€70k–€85k',
};

let db: TrackruitDatabase;
let clock: Date;
let capture: CaptureDeps;
let deps: DuplicateDeps;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  db = await openDatabase({ name: `duplicates-test-${counter}`, multiInstance: false });
  clock = new Date('2026-11-01T10:00:00.000Z');
  capture = { jobs: async () => db.jobs, runtimeId: RUNTIME_ID, now: () => clock };
  deps = { ...capture, extensionOrigin: ORIGIN };
});

afterEach(async () => {
  await db.remove();
});

async function job(id: string): Promise<Job | undefined> {
  return (await db.jobs.findOne(id).exec())?.toJSON() as Job | undefined;
}

async function captureAt(iso: string, captured: CapturedJob) {
  clock = new Date(iso);
  return handleCapture({ type: 'job:captured', job: captured }, contentScript, capture);
}

describe('flagging possible duplicates at capture', () => {
  it('marks a new record with the same company and title within 30 days, and only the new one', async () => {
    await captureAt('2026-11-01T10:00:00.000Z', acmeCapture);
    expect(await captureAt('2026-11-20T10:00:00.000Z', repost)).toMatchObject({ ok: true, created: true });

    expect((await job('linkedin:4099999999'))?.possibleDuplicateOf).toBe('linkedin:4012345678');
    expect(await job('linkedin:4012345678')).not.toHaveProperty('possibleDuplicateOf');
  });

  it('leaves different jobs, jobs older than 30 days, and updates of one record alone', async () => {
    await captureAt('2026-11-01T10:00:00.000Z', acmeCapture);
    await captureAt('2026-11-02T10:00:00.000Z', { ...repost, siteJobId: '4011111111', title: 'Backend Engineer' });
    await captureAt('2026-12-05T10:00:00.000Z', { ...repost, siteJobId: '4022222222' });
    await captureAt('2026-11-03T10:00:00.000Z', acmeCapture);

    for (const doc of await db.jobs.find().exec()) expect(doc.toJSON()).not.toHaveProperty('possibleDuplicateOf');
    expect(await db.jobs.count().exec()).toBe(3);
  });

  it('points a third posting at the first one, not at another duplicate', async () => {
    await captureAt('2026-11-01T10:00:00.000Z', acmeCapture);
    await captureAt('2026-11-05T10:00:00.000Z', repost);
    await captureAt('2026-11-09T10:00:00.000Z', { ...repost, siteJobId: '4033333333' });
    expect((await job('linkedin:4033333333'))?.possibleDuplicateOf).toBe('linkedin:4012345678');
  });
});

describe('handleResolveDuplicate', () => {
  beforeEach(async () => {
    await captureAt('2026-11-01T10:00:00.000Z', acmeCapture);
    await captureAt('2026-11-20T10:00:00.000Z', repost);
    clock = new Date('2026-11-21T09:00:00.000Z');
  });

  it('keeps both: clears the flag and changes nothing else', async () => {
    const before = await job('linkedin:4099999999');
    const reply = await handleResolveDuplicate({ type: 'job:resolveDuplicate', jobId: 'linkedin:4099999999', action: 'keep' }, dashboard, deps);
    expect(reply).toEqual({ ok: true, jobId: 'linkedin:4099999999' });
    const after = await job('linkedin:4099999999');
    expect(after).not.toHaveProperty('possibleDuplicateOf');
    expect(after).toMatchObject({ title: before?.title, company: before?.company, updatedAt: '2026-11-21T09:00:00.000Z' });
    expect(await db.jobs.count().exec()).toBe(2);
  });

  it('merges into the older record and deletes the newer one', async () => {
    const reply = await handleResolveDuplicate({ type: 'job:resolveDuplicate', jobId: 'linkedin:4099999999', action: 'merge' }, dashboard, deps);
    expect(reply).toEqual({ ok: true, jobId: 'linkedin:4012345678' });
    const remaining = (await db.jobs.find().exec()).map((doc) => doc.toJSON());
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toMatchObject({
      id: 'linkedin:4012345678',
      title: 'Senior Frontend Engineer',
      salary: '€70k–€85k',
      appliedAt: '2026-11-01T10:00:00.000Z',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-21T09:00:00.000Z',
    });
    expect(remaining[0]?.statusHistory.map((change) => change.at)).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-20T10:00:00.000Z']);
  });

  it('keeps both when the record it duplicates is gone, and says so', async () => {
    await (await db.jobs.findOne('linkedin:4012345678').exec())?.remove();
    const reply = await handleResolveDuplicate({ type: 'job:resolveDuplicate', jobId: 'linkedin:4099999999', action: 'merge' }, dashboard, deps);
    expect(reply).toEqual({ ok: false, error: { message: 'The other application no longer exists; both are kept.' } });
    expect(await job('linkedin:4099999999')).not.toHaveProperty('possibleDuplicateOf');
  });

  it('refuses content scripts, other extensions and malformed or stale requests', async () => {
    const merge = { type: 'job:resolveDuplicate', jobId: 'linkedin:4099999999', action: 'merge' };
    for (const sender of [contentScript, { id: 'otherextension', url: 'chrome-extension://otherextension/dashboard.html' }]) {
      expect(await handleResolveDuplicate(merge, sender, deps)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    }
    expect(await handleResolveDuplicate({ ...merge, action: 'delete' }, dashboard, deps)).toEqual({
      ok: false,
      error: { message: 'Invalid request.' },
    });
    expect(await handleResolveDuplicate({ ...merge, jobId: 'linkedin:4012345678' }, dashboard, deps)).toEqual({
      ok: false,
      error: { message: 'This application is no longer marked as a possible duplicate.' },
    });
    expect(await db.jobs.count().exec()).toBe(2);
    expect((await job('linkedin:4099999999'))?.possibleDuplicateOf).toBe('linkedin:4012345678');
  });
});
