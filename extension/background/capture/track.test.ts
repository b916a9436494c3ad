import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobIdFor, type CapturedJob } from '../../../shared/jobs/capture';
import type { Job } from '../../../shared/schema';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { handleCapture } from './capture';
import { handleTrack, type TrackDeps } from './track';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const popup = { id: RUNTIME_ID, url: `${ORIGIN}popup.html` };
const contentScript = { id: RUNTIME_ID, url: 'https://careers.example.com/jobs/42', tab: {} };

const careerJob: CapturedJob = {
  platform: 'other',
  title: 'Platform Engineer',
  company: 'Example GmbH',
  location: 'Hamburg, Germany',
  url: 'https://careers.example.com/jobs/42',
  salary: '€80,000 per year',
  employmentType: 'Full-time',
  description: 'Run the platform.',
};

let db: TrackruitDatabase;
let deps: TrackDeps;
let clock: Date;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  db = await openDatabase({ name: `track-test-${counter}`, multiInstance: false });
  clock = new Date('2026-11-20T10:00:00.000Z');
  deps = { jobs: async () => db.jobs, runtimeId: RUNTIME_ID, extensionOrigin: ORIGIN, now: () => clock };
});

afterEach(async () => {
  await db.remove();
});

async function allJobs(): Promise<Job[]> {
  return (await db.jobs.find().exec()).map((doc) => doc.toJSON() as Job);
}

describe('handleTrack', () => {
  it('stores the job from the popup as manual, under the id its URL gives it', async () => {
    const reply = await handleTrack({ type: 'job:track', job: careerJob }, popup, deps);
    const id = jobIdFor('other', undefined, careerJob.url);
    expect(id).toMatch(/^other:url\./);
    expect(reply).toEqual({ ok: true, jobId: id, created: true });
    expect(await allJobs()).toEqual([
      expect.objectContaining({
        id,
        ...careerJob,
        source: 'manual',
        status: 'applied',
        appliedAt: '2026-11-20T10:00:00.000Z',
      }),
    ]);
  });

  it('updates the record when the same page is tracked again, keeping its creation time', async () => {
    await handleTrack({ type: 'job:track', job: careerJob }, popup, deps);
    clock = new Date('2026-11-21T10:00:00.000Z');
    const reply = await handleTrack({ type: 'job:track', job: { ...careerJob, company: 'Example SE' } }, popup, deps);
    expect(reply).toMatchObject({ ok: true, created: false });
    const jobs = await allJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ company: 'Example SE', createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-21T10:00:00.000Z' });
  });

  it('flags a manual track of a job already captured under another id', async () => {
    await handleCapture({ type: 'job:captured', job: acmeCapture }, { ...contentScript, url: acmeCapture.url }, deps);
    const reply = await handleTrack(
      { type: 'job:track', job: { ...careerJob, title: acmeCapture.title, company: acmeCapture.company } },
      popup,
      deps,
    );
    expect(reply).toMatchObject({ ok: true, created: true, possibleDuplicateOf: 'linkedin:4012345678' });
  });

  it('refuses content scripts and other extensions, whatever they send', async () => {
    for (const sender of [contentScript, { id: 'otherextension', url: 'chrome-extension://otherextension/popup.html' }, { url: `${ORIGIN}popup.html` }]) {
      expect(await handleTrack({ type: 'job:track', job: careerJob }, sender, deps)).toEqual({
        ok: false,
        error: { message: 'Not allowed from here.' },
      });
    }
    expect(await allJobs()).toEqual([]);
  });

  it('names the invalid fields, and refuses oversized or unknown content', async () => {
    expect(await handleTrack({ type: 'job:track', job: { ...careerJob, title: ' ', url: 'javascript:alert(1)' } }, popup, deps)).toMatchObject({
      ok: false,
      error: { message: 'Some fields are not valid.', fields: { title: expect.any(String), url: expect.any(String) } },
    });
    expect(await handleTrack({ type: 'job:track', job: { ...careerJob, status: 'offer' } }, popup, deps)).toMatchObject({ ok: false });
    expect(await handleTrack({ type: 'job:track', job: { ...careerJob, description: 'x'.repeat(70_000) } }, popup, deps)).toEqual({
      ok: false,
      error: { message: 'This job is too large to save.' },
    });
    expect(await allJobs()).toEqual([]);
  });
});
