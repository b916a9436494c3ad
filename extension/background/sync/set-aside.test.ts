import { describe, expect, it, vi } from 'vitest';
import { jobFromCapture } from '../../../shared/jobs/capture';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import type { FetchLike } from '../api';
import { setAsideRefusedDocs, validateBeforePush, type SetAsideDoc } from './set-aside';
import { MAX_SYNC_ISSUES, trackSyncIssues, type SyncIssue } from './sync-issues';

const URL_BULK = 'http://localhost:5000/db/userdb-61/_bulk_docs';
const docs = [{ _id: 'linkedin:1' }, { _id: 'linkedin:2' }, { _id: 'linkedin:3' }];
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (ids: string[]) =>
  json(400, {
    error: { code: 'invalid_document', message: 'invalid' },
    docs: ids.map((id) => ({ id, issues: [{ path: 'title', message: 'Too big' }] })),
  });

function handlers() {
  const setAside: SetAsideDoc[] = [];
  const pushed: string[] = [];
  return { setAside, pushed, onSetAside: (d: SetAsideDoc[]) => setAside.push(...d), onPushed: (ids: string[]) => pushed.push(...ids) };
}

describe('setAsideRefusedDocs', () => {
  it('sets aside the refused document and sends the rest of the batch again', async () => {
    const calls: unknown[] = [];
    const fetchFn = vi.fn<FetchLike>(async (_input, init) => {
      const body = JSON.parse(init!.body as string) as { docs: { _id: string }[] };
      calls.push(body.docs.map((doc) => doc._id));
      return calls.length === 1 ? refusal(['linkedin:2']) : json(201, body.docs.map((doc) => ({ ok: true, id: doc._id, rev: '1-a' })));
    });
    const h = handlers();
    const response = await setAsideRefusedDocs(fetchFn, h)(URL_BULK, post({ docs, new_edits: true }));

    expect(calls).toEqual([['linkedin:1', 'linkedin:2', 'linkedin:3'], ['linkedin:1', 'linkedin:3']]);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { id: string; ok: boolean }[]).map((row) => [row.id, row.ok])).toEqual([
      ['linkedin:1', true],
      ['linkedin:3', true],
      ['linkedin:2', true],
    ]);
    expect(h.setAside).toEqual([{ id: 'linkedin:2', issues: [{ path: 'title', message: 'Too big' }] }]);
  });

  it('sends nothing again when every document was refused', async () => {
    const fetchFn = vi.fn<FetchLike>(async () => refusal(['linkedin:1']));
    const h = handlers();
    const response = await setAsideRefusedDocs(fetchFn, h)(URL_BULK, post({ docs: [{ _id: 'linkedin:1' }] }));
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(await response.json()).toEqual([{ ok: true, id: 'linkedin:1', rev: 'set-aside' }]);
    expect(h.setAside.map((doc) => doc.id)).toEqual(['linkedin:1']);
  });

  it('passes through refusals it cannot work around, and every other request', async () => {
    const h = handlers();
    const unrelated = await setAsideRefusedDocs(async () => refusal(['other:9']), h)(URL_BULK, post({ docs }));
    expect(unrelated.status).toBe(400);
    const forbidden = await setAsideRefusedDocs(async () => json(403, { error: { code: 'forbidden_route' } }), h)(URL_BULK, post({ docs }));
    expect(forbidden.status).toBe(403);
    const changes = await setAsideRefusedDocs(async () => json(400, {}), h)('http://localhost:5000/db/userdb-61/_changes', { method: 'GET' });
    expect(changes.status).toBe(400);
    expect(h.setAside).toEqual([]);
  });
});

describe('validateBeforePush', () => {
  const job = { ...jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z')), _deleted: false };

  it('lets a valid document through unchanged', () => {
    const h = handlers();
    expect(validateBeforePush(h)(job)).toBe(job);
    expect(h.setAside).toEqual([]);
  });

  it('holds back an invalid document and says which field is wrong', () => {
    const h = handlers();
    expect(validateBeforePush(h)({ ...job, title: 'x'.repeat(301) })).toBeNull();
    expect(h.setAside).toEqual([{ id: job.id, issues: [expect.objectContaining({ path: 'title' })] }]);
  });

  it('lets a deletion through', () => {
    expect(validateBeforePush(handlers())({ ...job, _deleted: true })).not.toBeNull();
  });
});

describe('trackSyncIssues', () => {
  function memoryStore() {
    let issues: SyncIssue[] = [];
    return { syncIssues: async () => issues, setSyncIssues: async (next: SyncIssue[]) => void (issues = next), read: () => issues };
  }

  it('records set-aside documents once each and clears them when pushed', async () => {
    const store = memoryStore();
    const track = trackSyncIssues(store, () => new Date('2026-11-20T10:00:00.000Z'));
    track.onSetAside([{ id: 'a', issues: [] }, { id: 'b', issues: [] }]);
    track.onSetAside([{ id: 'a', issues: [{ path: 'title', message: 'Required' }] }]);
    track.onPushed(['b']);
    await vi.waitFor(() => expect(store.read().map((issue) => issue.id)).toEqual(['a']));
    expect(store.read()[0]).toEqual({ id: 'a', issues: [{ path: 'title', message: 'Required' }], at: '2026-11-20T10:00:00.000Z' });
  });

  it('keeps the list bounded', async () => {
    const store = memoryStore();
    const track = trackSyncIssues(store);
    track.onSetAside(Array.from({ length: MAX_SYNC_ISSUES + 50 }, (_, i) => ({ id: `job-${i}`, issues: [] })));
    await vi.waitFor(() => expect(store.read()).toHaveLength(MAX_SYNC_ISSUES));
  });
});
