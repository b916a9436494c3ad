/**
 * What a token holder cannot do through /db, against a real server: forge
 * revisions, name one document many times, create conflict branches, build
 * huge answers, exceed the quotas and limits. Each refusal in the sync error
 * shape with its stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectRefusal, job, syncCallsTo, type Answer, type Session } from '../helpers/sync-calls';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/limits';

let server: TestServer;
const { register, call, write } = syncCallsTo(() => server);

async function docCount(session: Session): Promise<number> {
  const info = await call(session, 'GET', '/');
  expect(info.status).toBe(200);
  return info.json.doc_count as number;
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('forged revisions', () => {
  it('refuses new_edits:false and _revisions, storing nothing', async () => {
    const a = await register();
    const [first] = await write(a, [job('forge:1')]);
    const forged = { ...job('forge:1', { title: 'Forged' }), _rev: '99-ffffffffffffffffffffffffffffffff' };
    expectRefusal(await call(a, 'POST', '/_bulk_docs', { new_edits: false, docs: [forged] }), 403, 'new_edits_not_allowed');
    const withHistory = { ...job('forge:1', { title: 'Forged' }), _rev: first!.rev, _revisions: { start: 99, ids: ['f'.repeat(32)] } };
    expectRefusal(await call(a, 'POST', '/_bulk_docs', { docs: [withHistory] }), 403, 'revisions_not_allowed');
    const read = await call(a, 'POST', '/_all_docs', { keys: ['forge:1'], include_docs: true });
    expect((read.json.rows as { doc: { title: string; _rev: string } }[])[0]!.doc).toMatchObject({ title: 'Backend Engineer', _rev: first!.rev });
  });
});

describe('one document named twice in a request', () => {
  it('is refused in _bulk_docs, _all_docs (GET and POST) and _bulk_get', async () => {
    const a = await register();
    expectRefusal(await call(a, 'POST', '/_bulk_docs', { docs: [job('dup:1'), job('dup:1', { title: 'Other' })] }), 400, 'duplicate_id');
    expect(await docCount(a)).toBe(0);
    await write(a, [job('dup:1')]);
    expectRefusal(await call(a, 'POST', '/_all_docs', { keys: ['dup:1', 'dup:1'], include_docs: true }), 400, 'duplicate_id');
    expectRefusal(await call(a, 'GET', `/_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify(['dup:1', 'x', 'dup:1']))}`), 400, 'duplicate_id');
    expectRefusal(await call(a, 'POST', '/_bulk_get', { docs: [{ id: 'dup:1' }, { id: 'dup:1' }] }), 400, 'duplicate_id');
    // Each once is fine.
    expect((await call(a, 'POST', '/_bulk_get', { docs: [{ id: 'dup:1' }, { id: 'x' }] })).status).toBe(200);
  });
});

describe('CouchDB-length since values', () => {
  it('accepts a since of hundreds of characters and refuses one over the limit', async () => {
    const a = await register();
    await write(a, [job('since:1')]);
    const couchSeq = `274-g1AAAAJjeJzLYWBgYMlgTmGQTUlKzi9KdUhJMtRLytVNTtZNSU3LTUlOSy9KTU${'x_-'.repeat(100)}`;
    const answer = await call(a, 'GET', `/_changes?since=${encodeURIComponent(couchSeq)}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveProperty('last_seq');
    expectRefusal(await call(a, 'GET', `/_changes?since=${'1'.repeat(4097)}`), 400, 'unsupported_parameter');
  });
});

describe('with tight limits', () => {
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer({
      syncLimits: { ...DEFAULT_SYNC_LIMITS, maxResponseBytes: 20_000, maxDocuments: 3, maxLocalDocuments: 2, maxLongpolls: 1, maxStoredBytes: 50 * 1024 * 1024 },
      rateLimits: { ...DEFAULT_RATE_LIMITS, syncPerWindow: 40 },
    });
  });
  afterAll(async () => {
    await tight?.stop();
  });

  it('refuses new documents over the document quota row by row, and still takes edits and deletions', async () => {
    const a = await register(tight);
    const rows = await write(a, [job('q:1'), job('q:2')], tight);
    const answer = await call(a, 'POST', '/_bulk_docs', { docs: [job('q:3'), job('q:4'), { ...job('q:1', { title: 'Edited' }), _rev: rows[0]!.rev }] }, tight);
    expect(answer.status).toBe(201);
    const result = answer.json as unknown as Record<string, unknown>[];
    expect(result[0]).toMatchObject({ id: 'q:3', ok: true });
    expect(result[1]).toMatchObject({ id: 'q:4', error: 'forbidden', code: 'quota_documents', reason: expect.stringContaining('limit of 3') });
    expect(result[2]).toMatchObject({ id: 'q:1', ok: true });
    const deleted = await call(a, 'POST', '/_bulk_docs', { docs: [{ _id: 'q:2', _rev: rows[1]!.rev, _deleted: true }] }, tight);
    expect((deleted.json as unknown as { ok?: boolean }[])[0]).toMatchObject({ ok: true });
    const again = await call(a, 'POST', '/_bulk_docs', { docs: [job('q:4')] }, tight);
    expect((again.json as unknown as { ok?: boolean }[])[0]).toMatchObject({ id: 'q:4', ok: true });
  });

  it('caps _local documents per database with 413 quota_local_documents, and keeps the server its own', async () => {
    const a = await register(tight);
    expect((await call(a, 'PUT', '/_local/cp1', { last_seq: 1 }, tight)).status).toBe(201);
    const second = await call(a, 'PUT', '/_local/cp2', { last_seq: 1 }, tight);
    expect(second.status).toBe(201);
    // Updating an existing one is always fine.
    expect((await call(a, 'PUT', '/_local/cp2', { last_seq: 2, _rev: second.json.rev }, tight)).status).toBe(201);
    expectRefusal(await call(a, 'PUT', '/_local/cp3', { last_seq: 1 }, tight), 413, 'quota_local_documents');
    expect((await call(a, 'GET', '/_local/cp2', undefined, tight)).json).toMatchObject({ last_seq: 2 });
    expectRefusal(await call(a, 'GET', '/_local/trackruit-local-ids', undefined, tight), 403, 'forbidden_route');
    expectRefusal(await call(a, 'PUT', '/_local/trackruit-local-ids', { ids: [] }, tight), 403, 'forbidden_route');
  });

  it('refuses a second open longpoll with 429 too_many_longpolls, answers the first on timeout', async () => {
    const a = await register(tight);
    const info = await call(a, 'GET', '/', undefined, tight);
    const since = String(info.json.update_seq);
    const first = call(a, 'GET', `/_changes?feed=longpoll&since=${since}&timeout=1500`, undefined, tight);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expectRefusal(await call(a, 'GET', `/_changes?feed=longpoll&since=${since}&timeout=1500`, undefined, tight), 429, 'too_many_longpolls');
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ results: [], last_seq: Number(since) });
    // Closed, its place is free again.
    expect((await call(a, 'GET', `/_changes?feed=longpoll&since=${since}&timeout=1000`, undefined, tight)).status).toBe(200);
  });

  it('rate-limits /db per user with 429 rate_limited', async () => {
    const a = await register(tight);
    let last: Answer | undefined;
    for (let i = 0; i < 45; i += 1) {
      last = await call(a, 'GET', '/', undefined, tight);
      if (last.status === 429) break;
    }
    expectRefusal(last!, 429, 'rate_limited');
  });
});

describe('conflict branches', () => {
  it('cannot be created: a stale or missing _rev is a conflict row, and the document keeps one leaf', async () => {
    const a = await register();
    const [first] = await write(a, [job('branch:1')]);
    const [second] = await write(a, [{ ...job('branch:1', { title: 'Second' }), _rev: first!.rev }]);
    const stale = await call(a, 'POST', '/_bulk_docs', { docs: [{ ...job('branch:1', { title: 'From the stale rev' }), _rev: first!.rev }] });
    expect((stale.json as unknown as Record<string, unknown>[])[0]).toMatchObject({ id: 'branch:1', error: 'conflict' });
    const blind = await call(a, 'POST', '/_bulk_docs', { docs: [job('branch:1', { title: 'No rev' })] });
    expect((blind.json as unknown as Record<string, unknown>[])[0]).toMatchObject({ id: 'branch:1', error: 'conflict' });
    const changes = await call(a, 'GET', '/_changes?style=all_docs');
    const row = (changes.json.results as { id: string; changes: { rev: string }[] }[]).find((r) => r.id === 'branch:1');
    expect(row?.changes).toEqual([{ rev: second!.rev }]);
  });
});
