/**
 * What a token holder cannot do through /db, against a real server: forge
 * revisions, name one document many times, create conflict branches, build
 * huge answers, exceed the quotas and limits. Each refusal in the sync error
 * shape with its stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { plainJobFields } from '../fixtures/jobs';

let server: TestServer;
let counter = 0;

interface Session {
  accessToken: string;
  db: string;
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code?: string; message?: string } };
  bytes: number;
}

async function register(on: TestServer = server): Promise<Session> {
  counter += 1;
  const body = await createVerifiedAccount(on, { email: `abuse${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple', name: `Abuse ${counter}` });
  const db = /\/db\/([^/]+)\/$/.exec(body.syncUrl)?.[1];
  if (!db) throw new Error(`unexpected syncUrl ${body.syncUrl}`);
  return { accessToken: body.accessToken, db };
}

async function call(session: Session, method: string, dbPath: string, body?: unknown, on: TestServer = server): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${on.url}/db/${session.db}${dbPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = { unparsed: text };
  }
  return { status: response.status, json, bytes: Buffer.byteLength(text) };
}

function job(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { _id: id, ...plainJobFields(overrides) };
}

function expectRefusal(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.json.error).toMatchObject({ code, message: expect.any(String) });
  expect(answer.json).toMatchObject({ name: expect.any(String), reason: answer.json.error?.message });
}

async function write(session: Session, docs: Record<string, unknown>[], on: TestServer = server): Promise<{ id: string; rev: string }[]> {
  const answer = await call(session, 'POST', '/_bulk_docs', { docs }, on);
  expect(answer.status).toBe(201);
  return answer.json as unknown as { id: string; rev: string }[];
}

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
