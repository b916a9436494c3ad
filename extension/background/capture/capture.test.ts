import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CAPTURE_MESSAGE_BYTES, type CapturedJob } from '../../../shared/jobs/capture';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { handleCapture, type CaptureDeps } from './capture';
import { acmeCapture } from '../../../tests/fixtures/jobs';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ownContentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/4012345678/', tab: {} };

const captured: CapturedJob = acmeCapture;

let db: TrackruitDatabase;
let deps: CaptureDeps;
let clock: Date;
let dbCounter = 0;

beforeEach(async () => {
  dbCounter += 1;
  db = await openDatabase({ name: `capture-test-${dbCounter}`, multiInstance: false });
  clock = new Date('2025-03-01T10:00:00.000Z');
  deps = { jobs: async () => db.jobs, runtimeId: RUNTIME_ID, now: () => clock };
});

afterEach(async () => {
  await db.remove();
});

async function allJobs() {
  return (await db.jobs.find().exec()).map((doc) => doc.toJSON());
}

describe('handleCapture', () => {
  it('stores a valid capture once, as an applied LinkedIn job', async () => {
    const reply = await handleCapture({ type: 'job:captured', job: captured }, ownContentScript, deps);

    expect(reply).toEqual({ ok: true, jobId: 'linkedin:4012345678', created: true });
    const jobs = await allJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: 'linkedin:4012345678',
      title: 'Senior Frontend Engineer',
      company: 'Acme Robotics',
      location: 'Berlin, Germany',
      platform: 'linkedin',
      status: 'applied',
      source: 'auto_detect',
      appliedAt: '2025-03-01T10:00:00.000Z',
      createdAt: '2025-03-01T10:00:00.000Z',
      statusHistory: [{ status: 'applied', at: '2025-03-01T10:00:00.000Z' }],
    });
  });

  it('updates the same record when the same LinkedIn job is captured again', async () => {
    await handleCapture({ type: 'job:captured', job: captured }, ownContentScript, deps);
    clock = new Date('2025-03-02T08:30:00.000Z');

    const reply = await handleCapture(
      { type: 'job:captured', job: { ...captured, title: 'Senior Frontend Engineer (m/f/d)' } },
      ownContentScript,
      deps,
    );

    expect(reply).toEqual({ ok: true, jobId: 'linkedin:4012345678', created: false });
    const jobs = await allJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      title: 'Senior Frontend Engineer (m/f/d)',
      createdAt: '2025-03-01T10:00:00.000Z',
      appliedAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-02T08:30:00.000Z',
    });
    expect(jobs[0]?.statusHistory).toHaveLength(1);
  });

  it('reports exactly one creation for concurrent captures of one job', async () => {
    const message = { type: 'job:captured', job: captured };
    const replies = await Promise.all([1, 2, 3].map(() => handleCapture(message, ownContentScript, deps)));

    expect(replies.filter((reply) => reply.ok && reply.created)).toHaveLength(1);
    expect(replies.every((reply) => reply.ok)).toBe(true);
    expect(await allJobs()).toHaveLength(1);
  });

  it('drops a message from another extension or a web page', async () => {
    const message = { type: 'job:captured', job: captured };

    expect(await handleCapture(message, { id: 'someotherextensionidxxxxxxxxxxxx', url: captured.url }, deps)).toEqual({
      ok: false,
      error: 'unknown sender',
    });
    expect(await handleCapture(message, { url: captured.url }, deps)).toEqual({ ok: false, error: 'unknown sender' });
    expect(await allJobs()).toHaveLength(0);
  });

  it('drops a message over the size cap before parsing it', async () => {
    const description = 'x'.repeat(MAX_CAPTURE_MESSAGE_BYTES);
    const reply = await handleCapture({ type: 'job:captured', job: { ...captured, description } }, ownContentScript, deps);

    expect(reply).toEqual({ ok: false, error: 'message too large' });
    expect(await allJobs()).toHaveLength(0);
  });

  it.each([
    ['a missing job', { type: 'job:captured' }],
    ['an unknown type', { type: 'job:deleted', job: captured }],
    ['an extra field', { type: 'job:captured', job: { ...captured, status: 'offer' } }],
    ['an empty title', { type: 'job:captured', job: { ...captured, title: '   ' } }],
    ['a javascript: url', { type: 'job:captured', job: { ...captured, url: 'javascript:alert(1)' } }],
    ['a job id with a slash', { type: 'job:captured', job: { ...captured, siteJobId: '../4012' } }],
    ['a string', 'job:captured'],
    ['null', null],
  ])('drops a malformed message: %s', async (_name, message) => {
    expect(await handleCapture(message, ownContentScript, deps)).toEqual({ ok: false, error: 'invalid capture' });
    expect(await allJobs()).toHaveLength(0);
  });

  it('drops a message that cannot be serialised', async () => {
    const cyclic: Record<string, unknown> = { type: 'job:captured' };
    cyclic.self = cyclic;
    expect(await handleCapture(cyclic, ownContentScript, deps)).toEqual({ ok: false, error: 'message too large' });
    expect(await allJobs()).toHaveLength(0);
  });
});
