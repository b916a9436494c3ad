import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { shippedRules } from '../../../shared/rules/shipped';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { MessageRegistry } from '../messages/registry';
import { addCaptureHandlers, type CaptureMessageDeps } from './capture-messages';
import type { CaptureWithUndoReply } from './content-protocol';
import { UNDO_TTL_MS, UndoStore, type SessionArea } from './undo';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const contentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/4012345678/', tab: {} };
const JOB_ID = 'linkedin:4012345678';

let db: TrackruitDatabase;
let deps: CaptureMessageDeps;
let messages: MessageRegistry;
let clock: number;
let counter = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = await openDatabase({ name: `undo-test-${counter}`, multiInstance: false });
  clock = Date.parse('2025-03-01T10:00:00.000Z');
  deps = {
    jobs: async () => db.jobs,
    runtimeId: RUNTIME_ID,
    now: () => new Date(clock),
    undo: new UndoStore(fakeBrowser.storage.session as unknown as SessionArea, () => clock),
    rules: async () => shippedRules,
    extensionOrigin: `chrome-extension://${RUNTIME_ID}/`,
  };
  messages = new MessageRegistry();
  addCaptureHandlers(messages, deps);
});

afterEach(async () => {
  await db.remove();
});

async function capture(job = acmeCapture): Promise<CaptureWithUndoReply> {
  return (await messages.answer({ type: 'job:captured', job }, contentScript)) as CaptureWithUndoReply;
}

async function undo(token: string | undefined, jobId = JOB_ID) {
  return messages.answer({ type: 'job:undo', jobId, token }, contentScript);
}

async function stored() {
  return (await db.jobs.find().exec()).map((doc) => doc.toJSON());
}

describe('job:undo', () => {
  it('deletes the record a capture created, once', async () => {
    const reply = await capture();
    expect(reply).toMatchObject({ ok: true, jobId: JOB_ID, created: true, undoToken: expect.any(String) });
    const token = reply.ok ? reply.undoToken : undefined;

    expect(await undo(token)).toEqual({ ok: true, undone: 'deleted' });
    expect(await stored()).toEqual([]);
    expect(await undo(token)).toEqual({ ok: false, error: 'invalid undo' });
  });

  it('puts back the record a capture updated, as it was', async () => {
    await capture({ ...acmeCapture, title: 'Frontend Engineer' });
    const before = (await stored())[0];
    clock += 5_000;
    const reply = await capture();
    expect(reply).toMatchObject({ ok: true, created: false });
    expect((await stored())[0]?.title).toBe('Senior Frontend Engineer');

    expect(await undo(reply.ok ? reply.undoToken : undefined)).toEqual({ ok: true, undone: 'restored' });
    const after = await stored();
    expect(after).toHaveLength(1);
    const { updatedAt, fieldTimes, ...restored } = after[0]!;
    const { updatedAt: _u, fieldTimes: _f, ...original } = before!;
    expect(restored).toEqual(original);
    expect(updatedAt).toBe(new Date(clock).toISOString());
    // The put-back title is a new edit, so a sync merge keeps the undo rather than the capture.
    expect(fieldTimes?.title).toBe(updatedAt);
  });

  it('refuses an expired token and leaves the record', async () => {
    const reply = await capture();
    clock += UNDO_TTL_MS + 1;
    expect(await undo(reply.ok ? reply.undoToken : undefined)).toEqual({ ok: false, error: 'expired' });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses unknown tokens, another job’s id, and malformed messages', async () => {
    const reply = await capture();
    const token = reply.ok ? reply.undoToken : undefined;
    expect(await undo(crypto.randomUUID())).toEqual({ ok: false, error: 'invalid undo' });
    expect(await undo('not-a-token')).toEqual({ ok: false, error: 'invalid undo' });
    expect(await undo(token, 'linkedin:999999')).toEqual({ ok: false, error: 'invalid undo' });
    expect(await messages.answer({ type: 'job:undo', jobId: JOB_ID, token, extra: 1 }, contentScript)).toEqual({
      ok: false,
      error: 'invalid undo',
    });
    expect(
      await messages.answer({ type: 'job:undo', jobId: 'x'.repeat(2000), token }, contentScript),
    ).toEqual({ ok: false, error: 'invalid undo' });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses undo from a web page or another extension', async () => {
    const reply = await capture();
    const token = reply.ok ? reply.undoToken : undefined;
    for (const sender of [{ url: contentScript.url }, { id: 'someotherextensionidxxxxxxxxxxxx', url: contentScript.url }]) {
      expect(await messages.answer({ type: 'job:undo', jobId: JOB_ID, token }, sender)).toEqual({
        ok: false,
        error: 'unknown sender',
      });
    }
    expect(await stored()).toHaveLength(1);
  });

  it('refuses to undo over a change made after the capture', async () => {
    const reply = await capture();
    const doc = await db.jobs.findOne(JOB_ID).exec(true);
    await doc.incrementalPatch({ status: 'interview', updatedAt: '2025-03-01T10:00:30.000Z' });

    expect(await undo(reply.ok ? reply.undoToken : undefined)).toEqual({ ok: false, error: 'changed since capture' });
    expect((await stored())[0]?.status).toBe('interview');
  });

  it('keeps undo state in session storage, dropping expired entries as new ones arrive', async () => {
    await capture();
    clock += UNDO_TTL_MS + 1;
    await capture({ ...acmeCapture, siteJobId: '4099999999', url: 'https://www.linkedin.com/jobs/view/4099999999/' });
    const keys = Object.keys(await fakeBrowser.storage.session.get(null));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^undo:/);
  });

  it('gives no token for a refused capture', async () => {
    expect(await capture({ ...acmeCapture, title: '' })).toEqual({ ok: false, error: 'invalid capture' });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('job:lookup', () => {
  const lookup = (message: Record<string, unknown>, sender: object = contentScript) =>
    messages.answer({ type: 'job:lookup', ...message }, sender);

  it('says whether the job is recorded', async () => {
    expect(await lookup({ platform: 'linkedin', siteJobId: '4012345678' })).toEqual({ ok: true, recorded: false });
    await capture();
    expect(await lookup({ platform: 'linkedin', siteJobId: '4012345678' })).toEqual({ ok: true, recorded: true });
    expect(await lookup({ platform: 'internshala', siteJobId: '4012345678' })).toEqual({ ok: true, recorded: false });
  });

  it('refuses malformed lookups and foreign senders', async () => {
    await capture();
    expect(await lookup({ platform: 'linkedin', siteJobId: '../4012345678' })).toEqual({ ok: false, error: 'invalid lookup' });
    expect(await lookup({ platform: 'monster', siteJobId: '4012345678' })).toEqual({ ok: false, error: 'invalid lookup' });
    expect(await lookup({ platform: 'linkedin', siteJobId: '4012345678', jobId: JOB_ID })).toEqual({
      ok: false,
      error: 'invalid lookup',
    });
    expect(await lookup({ platform: 'linkedin', siteJobId: '4012345678' }, { url: contentScript.url })).toEqual({
      ok: false,
      error: 'unknown sender',
    });
  });

  it('leaves other messages to other handlers', () => {
    expect(messages.answer({ type: 'auth:state' }, contentScript)).toBeUndefined();
  });
});

describe('rules:active', () => {
  it('gives our content scripts the active rule set, and nobody else', async () => {
    expect(await messages.answer({ type: 'rules:active' }, contentScript)).toEqual({ ok: true, rules: shippedRules });
    expect(await messages.answer({ type: 'rules:active' }, { url: contentScript.url })).toEqual({
      ok: false,
      error: 'unknown sender',
    });
  });
});
