import fs from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { storedUserDatabases } from '../helpers/couch-mode';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createVerifiedAccount } from '../helpers/accounts';
import { plainJobFields } from '../fixtures/jobs';

let server: TestServer;
let clientDir: string;
let a: Session;
let b: Session;
let counter = 0;

interface Session {
  user: { id: string };
  accessToken: string;
  refreshToken: string;
  syncUrl: string;
  /** The database name, from the syncUrl. */
  db: string;
}

async function register(): Promise<Session> {
  counter += 1;
  const body: Omit<Session, 'db'> = await createVerifiedAccount(server, { email: `gate${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple', name: `User ${counter}` });
  const db = /\/db\/([^/]+)\/$/.exec(body.syncUrl)?.[1];
  if (!db) throw new Error(`unexpected syncUrl ${body.syncUrl}`);
  return { ...body, db };
}

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code?: string; message?: string } };
}

/** A request below /db with a bearer token (or none). `path` is appended to `${url}/db`. */
async function call(method: string, dbPath: string, token: string | null, body?: unknown, rawBody?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}/db${dbPath}`, {
    method,
    headers,
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = { unparsed: text };
  }
  return { status: response.status, json };
}

function job(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { _id: id, ...plainJobFields(overrides) };
}

async function docIds(session: Session): Promise<string[]> {
  const response = await call('GET', `/${session.db}/_changes?style=all_docs`, session.accessToken);
  expect(response.status).toBe(200);
  return (response.json.results as { id: string }[]).map((row) => row.id).sort();
}

async function docCount(session: Session): Promise<number> {
  const response = await call('GET', `/${session.db}/`, session.accessToken);
  expect(response.status).toBe(200);
  return response.json.doc_count as number;
}

function expectRefusal(answer: Answer, status: number, code?: string) {
  expect(answer.status).toBe(status);
  expect(answer.json.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  // CouchDB-style string fields as well, which PouchDB's replicator needs.
  expect(answer.json).toMatchObject({ name: expect.any(String), reason: answer.json.error?.message });
}

beforeAll(async () => {
  server = await startTestServer();
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-pouch-client-'));
  a = await register();
  b = await register();
  // B has data A must never see.
  const seeded = await call('POST', `/${b.db}/_bulk_docs`, b.accessToken, { docs: [job('secret:1', { title: 'B only' })] });
  expect(seeded.status).toBe(201);
});

afterAll(async () => {
  await server?.stop();
  if (clientDir) await fs.rm(clientDir, { recursive: true, force: true });
});

describe("A cannot reach B's database or anything server-wide", () => {
  it("refuses every route on B's database", async () => {
    expectRefusal(await call('GET', `/${b.db}/`, a.accessToken), 403, 'forbidden_database');
    expectRefusal(await call('GET', `/${b.db}/_changes?include_docs=true`, a.accessToken), 403, 'forbidden_database');
    expectRefusal(await call('POST', `/${b.db}/_all_docs`, a.accessToken, { keys: ['secret:1'] }), 403, 'forbidden_database');
    expectRefusal(await call('GET', `/${b.db}/_all_docs?include_docs=true`, a.accessToken), 403, 'forbidden_database');
    expectRefusal(await call('POST', `/${b.db}/_bulk_docs`, a.accessToken, { docs: [job('planted:1')] }), 403, 'forbidden_database');
    expectRefusal(await call('GET', `/${b.db}/_local/x`, a.accessToken), 403, 'forbidden_database');
    expect(await docIds(b)).toEqual(['secret:1']);
  });

  it('refuses _all_dbs and the server root', async () => {
    expectRefusal(await call('GET', '/_all_dbs', a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('GET', '/', a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('GET', '', a.accessToken), 403, 'forbidden_route');
  });

  it('refuses creating and deleting databases, own or not, and they survive', async () => {
    expectRefusal(await call('PUT', `/${a.db}`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('PUT', `/${a.db}/`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('PUT', '/userdb-new', a.accessToken), 403, 'forbidden_database');
    expectRefusal(await call('PUT', `/${b.db}`, a.accessToken), 403, 'forbidden_database');
    expectRefusal(await call('DELETE', `/${a.db}`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('DELETE', `/${a.db}/`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('DELETE', `/${b.db}`, a.accessToken), 403, 'forbidden_database');
    expect((await call('GET', `/${a.db}/`, a.accessToken)).status).toBe(200);
    expect(await docCount(b)).toBe(1);
    expect(await storedUserDatabases(server)).not.toContain('userdb-new');
  });

  it('refuses CouchDB server endpoints', async () => {
    for (const [method, route] of [
      ['GET', '/_config'],
      ['PUT', '/_config/admins/evil'],
      ['GET', '/_users'],
      ['GET', '/_users/_all_docs'],
      ['GET', '/_session'],
      ['POST', '/_session'],
      ['GET', '/_utils'],
      ['GET', '/_utils/'],
      ['GET', '/_active_tasks'],
      ['GET', '/_uuids'],
    ] as const) {
      expectRefusal(await call(method, route, a.accessToken), 403, 'forbidden_route');
    }
    const replicate = await call('POST', '/_replicate', a.accessToken, { source: `${server.url}/db/${b.db}`, target: `${server.url}/db/${a.db}` });
    expectRefusal(replicate, 403, 'forbidden_route');
    expect(await docIds(a)).not.toContain('secret:1');
  });
});

describe('no server-side code: design documents, views, filters', () => {
  const viewDoc = { views: { y: { map: 'function (doc) { emit(doc._id, null); }' } }, validate_doc_update: 'function () {}' };

  it('refuses design documents by PUT, encoded PUT, and inside _bulk_docs, storing nothing', async () => {
    expectRefusal(await call('PUT', `/${a.db}/_design/x`, a.accessToken, viewDoc), 403, 'forbidden_route');
    expectRefusal(await call('PUT', `/${a.db}/_design%2Fx`, a.accessToken, viewDoc), 400, 'bad_path');
    expectRefusal(await call('PUT', `/${a.db}/%5Fdesign/x`, a.accessToken, viewDoc), 400, 'bad_path');
    expectRefusal(await call('POST', `/${a.db}/`, a.accessToken, { _id: '_design/x', ...viewDoc }), 403, 'forbidden_route');

    const bulk = await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, { docs: [job('fine:1'), { _id: '_design/x', ...viewDoc }] });
    expectRefusal(bulk, 400, 'invalid_document');
    expect(bulk.json.docs).toEqual([{ id: '_design/x', issues: [{ path: '_id', message: expect.any(String) }] }]);

    // A checkpoint PUT whose body names a design document.
    expectRefusal(await call('PUT', `/${a.db}/_local/cp`, a.accessToken, { _id: '_design/x', ...viewDoc }), 400, 'invalid_body');

    const stored = await call('POST', `/${a.db}/_all_docs`, a.accessToken, { keys: ['_design/x', 'fine:1'] });
    expect(stored.status).toBe(200);
    expect((stored.json.rows as { error?: string }[]).map((row) => row.error)).toEqual(['not_found', 'not_found']);
  });

  it('refuses temp views, views, and filtered changes', async () => {
    expectRefusal(await call('POST', `/${a.db}/_temp_view`, a.accessToken, { map: 'function (doc) { emit(null); }' }), 403, 'forbidden_route');
    expectRefusal(await call('GET', `/${a.db}/_design/x/_view/y`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('GET', `/${a.db}/_changes?filter=_view&view=x/y`, a.accessToken), 403, 'forbidden_parameter');
    expectRefusal(await call('GET', `/${a.db}/_changes?filter=x/y`, a.accessToken), 403, 'forbidden_parameter');
    expectRefusal(await call('POST', `/${a.db}/_changes?filter=_doc_ids`, a.accessToken, { doc_ids: ['a'] }), 403, 'forbidden_route');
    expectRefusal(await call('POST', `/${a.db}/_find`, a.accessToken, { selector: {} }), 403, 'forbidden_route');
    expectRefusal(await call('POST', `/${a.db}/_compact`, a.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('GET', `/${a.db}/_security`, a.accessToken), 403, 'forbidden_route');
  });

  it('refuses single documents and attachments', async () => {
    expectRefusal(await call('GET', `/${b.db}/secret:1`, b.accessToken), 403, 'forbidden_route');
    expectRefusal(await call('PUT', `/${a.db}/doc:1`, a.accessToken, job('doc:1')), 403, 'forbidden_route');
    expectRefusal(await call('GET', `/${b.db}/secret:1/file.txt`, b.accessToken), 403, 'forbidden_route');
  });
});

describe('tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: object, secret: string, options: jwt.SignOptions = {}) =>
    jwt.sign(claims, secret, { algorithm: 'HS256', issuer: 'trackruit', audience: 'trackruit-sync', subject: a.user.id, ...options });

  it('refuses a missing token', async () => {
    expectRefusal(await call('GET', `/${a.db}/`, null), 401, 'missing_token');
  });

  it('refuses expired, tampered, wrong-secret, wrong-audience, refresh and alg:none tokens', async () => {
    const [header, payload, signature] = a.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    const tokens: Record<string, string> = {
      expired: sign({ typ: 'access', exp: now() - 5 }, server.config.jwtAccessSecret),
      // A's signature over B's id.
      tampered: `${header}.${encode({ ...claims, sub: b.user.id })}.${signature}`,
      wrongSecret: sign({ typ: 'access' }, 'x'.repeat(48)),
      wrongAudience: sign({ typ: 'access' }, server.config.jwtAccessSecret, { audience: 'someone-else' }),
      wrongType: sign({ typ: 'refresh' }, server.config.jwtAccessSecret),
      refreshAsAccess: a.refreshToken,
      algNone: `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: now() + 600 })}.`,
      garbage: 'not.a.token',
    };
    for (const [name, token] of Object.entries(tokens)) {
      const answer = await call('GET', `/${a.db}/_changes`, token);
      expect(answer.status, name).toBe(401);
      expect(answer.json.error?.code, name).toBe('invalid_token');
    }
    // Control: the same helper with valid claims is accepted.
    expect((await call('GET', `/${a.db}/_changes`, sign({ typ: 'access' }, server.config.jwtAccessSecret))).status).toBe(200);
  });
});

describe('writing and reading jobs through the gate', () => {
  it('stores a valid job from _bulk_docs and returns it from _changes and _all_docs', async () => {
    const write = await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, { docs: [job('manual:1')] });
    expect(write.status).toBe(201);
    expect(write.json).toEqual([{ ok: true, id: 'manual:1', rev: expect.stringMatching(/^1-/) }]);

    const changes = await call('GET', `/${a.db}/_changes?include_docs=true&style=all_docs&since=0`, a.accessToken);
    expect(changes.status).toBe(200);
    const results = changes.json.results as { id: string; doc: Record<string, unknown> }[];
    expect(results.find((row) => row.id === 'manual:1')?.doc).toMatchObject({ _id: 'manual:1', title: 'Backend Engineer', company: 'Acme' });

    const post = await call('POST', `/${a.db}/_all_docs`, a.accessToken, { keys: ['manual:1'], include_docs: true, deleted: 'ok' });
    expect(post.status).toBe(200);
    expect((post.json.rows as { doc: Record<string, unknown> }[])[0]?.doc).toMatchObject({ _id: 'manual:1', status: 'applied' });

    const get = await call('GET', `/${a.db}/_all_docs?include_docs=true&keys=${encodeURIComponent('["manual:1"]')}`, a.accessToken);
    expect(get.status).toBe(200);
    expect((get.json.rows as { id: string; doc: { title: string } }[])[0]).toMatchObject({ id: 'manual:1', doc: { title: 'Backend Engineer' } });
  });

  it('refuses a batch with an invalid job, naming the fields, and stores none of it', async () => {
    const { title: _title, ...noTitle } = job('bad:1');
    const answer = await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, {
      docs: [job('good:2'), noTitle, job('bad:2', { salaryBand: 'secret' })],
    });
    expectRefusal(answer, 400, 'invalid_document');
    const docs = answer.json.docs as { id: string; issues: { path: string; message: string }[] }[];
    expect(docs.map((doc) => doc.id)).toEqual(['bad:1', 'bad:2']);
    expect(docs[0]?.issues).toContainEqual({ path: 'title', message: expect.any(String) });
    expect(JSON.stringify(docs[1]?.issues)).toContain('salaryBand');
    const ids = await docIds(a);
    expect(ids).not.toContain('good:2');
    expect(ids).not.toContain('bad:1');
    expect(ids).not.toContain('bad:2');
  });

  it('answers malformed and oversized replication bodies with JSON errors', async () => {
    expectRefusal(await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, undefined, '{"docs": ['), 400, 'malformed_json');
    // express-pouchdb would merge a GET body into the checked query options (fetch cannot send one).
    const getWithBody = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ startkey: 'a', limit: 1e9 });
      const req = http.request(`${server.url}/db/${a.db}/_all_docs`, {
        method: 'GET',
        headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expectRefusal({ status: getWithBody.status, json: JSON.parse(getWithBody.body) as Answer['json'] }, 400, 'unexpected_body');
    const many = Array.from({ length: 1001 }, (_, i) => job(`many:${i}`));
    expectRefusal(await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, { docs: many }), 413, 'too_many_documents');

    const small = await startTestServer({ syncBodyLimitBytes: 4096 });
    try {
      const session = await createVerifiedAccount(small, { email: 'limit@example.com', password: 'correct horse battery staple', name: 'Limit' });
      const response = await fetch(`${session.syncUrl}_bulk_docs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ docs: [job('big:1', { description: 'x'.repeat(5000) })] }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    } finally {
      await small.stop();
    }
  });

  it('caps _changes at 1000 rows per request; the client pages on with since', async () => {
    const c = await register();
    const docs = Array.from({ length: 1000 }, (_, i) => job(`bulk:${String(i).padStart(4, '0')}`));
    expect((await call('POST', `/${c.db}/_bulk_docs`, c.accessToken, { docs })).status).toBe(201);
    expect((await call('POST', `/${c.db}/_bulk_docs`, c.accessToken, { docs: [job('bulk:1000'), job('bulk:1001')] })).status).toBe(201);

    const first = await call('GET', `/${c.db}/_changes?limit=5000`, c.accessToken);
    expect((first.json.results as unknown[]).length).toBe(1000);
    const rest = await call('GET', `/${c.db}/_changes?since=${encodeURIComponent(JSON.stringify(first.json.last_seq))}`, c.accessToken);
    expect((rest.json.results as { id: string }[]).map((row) => row.id).sort()).toEqual(['bulk:1000', 'bulk:1001']);
  });

  it('answers a longpoll _changes when a write arrives', async () => {
    const info = await call('GET', `/${a.db}/`, a.accessToken);
    const since = encodeURIComponent(JSON.stringify(info.json.update_seq));
    const longpoll = call('GET', `/${a.db}/_changes?feed=longpoll&include_docs=true&heartbeat=10000&since=${since}`, a.accessToken);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await call('POST', `/${a.db}/_bulk_docs`, a.accessToken, { docs: [job('live:1')] })).status).toBe(201);
    const answer = await longpoll;
    expect(answer.status).toBe(200);
    expect((answer.json.results as { id: string }[]).map((row) => row.id)).toEqual(['live:1']);
  });
});

describe('a PouchDB client replicating through the gate', () => {
  function remote(session: Session): PouchDB.Database {
    return new PouchDB(session.syncUrl, {
      fetch: (url, opts) => {
        const headers = new Headers(opts?.headers);
        headers.set('Authorization', `Bearer ${session.accessToken}`);
        return PouchDB.fetch(url, { ...opts, headers });
      },
    });
  }

  it('pulls from its own database, checkpointing in _local', async () => {
    const d = await register();
    const LocalPouch = PouchDB.defaults({ prefix: `${clientDir}/` }) as unknown as PouchDB.Static;
    const target = new LocalPouch('device-two');
    const server2 = remote(d);
    try {
      const written = await call('POST', `/${d.db}/_bulk_docs`, d.accessToken, { docs: [job('pouch:1'), job('pouch:2', { title: 'Data Engineer' })] });
      expect(written.status).toBe(201);
      const revs = written.json as unknown as { id: string; rev: string }[];
      const update = await call('POST', `/${d.db}/_bulk_docs`, d.accessToken, {
        docs: [
          { ...job('pouch:1', { status: 'interview', updatedAt: '2025-03-05T09:00:00.000Z' }), _rev: revs[0]!.rev },
          { _id: 'pouch:2', _rev: revs[1]!.rev, _deleted: true },
        ],
      });
      expect(update.status).toBe(201);

      const pull = await target.replicate.from(server2);
      expect(pull.ok).toBe(true);
      expect(await target.get('pouch:1')).toMatchObject({ status: 'interview', title: 'Backend Engineer' });
      await expect(target.get('pouch:2')).rejects.toMatchObject({ status: 404 });

      // Nothing new: the pull resumes from its checkpoint and reads nothing.
      const again = await target.replicate.from(server2);
      expect(again.docs_read).toBe(0);
      expect(await fs.readdir(clientDir)).toContain('device-two');
    } finally {
      await Promise.all([target.close(), server2.close()]);
    }
  });

  it("has its native push (new_edits:false) refused with CouchDB's forbidden, and nothing stored", async () => {
    const e = await register();
    const LocalPouch = PouchDB.defaults({ prefix: `${clientDir}/` }) as unknown as PouchDB.Static;
    const source = new LocalPouch('device-push');
    const server1 = remote(e);
    try {
      await source.bulkDocs([job('pouch:1')] as PouchDB.Core.PutDocument<object>[]);
      // A rejected replication (not a crash or an endless retry): the refusal carries CouchDB's string name.
      const result = await source.replicate.to(server1).then((value) => value, (error: unknown) => error);
      expect(result).toMatchObject({ status: 403, name: 'forbidden' });
      expect(await docIds(e)).toEqual([]);
    } finally {
      await Promise.all([source.close(), server1.close()]);
    }
  });
});

// The LevelDB binding PouchDB itself uses. Opening a directory with it fails while any
// handle in this process still holds the directory's lock, which PouchDB's own
// per-path handle cache would hide.
const requireFromPouch = createRequire(createRequire(import.meta.url).resolve('pouchdb'));
const leveldown = requireFromPouch('leveldown') as (location: string) => {
  open(callback: (error?: Error) => void): void;
  close(callback: (error?: Error) => void): void;
};

async function openAndCloseLevelDb(location: string): Promise<void> {
  const db = leveldown(location);
  await new Promise<void>((resolve, reject) => db.open((error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

describe('restart on the same data directory', () => {
  it('releases every LevelDB lock on stop, and keeps accounts, tokens and documents', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-restart-'));
    try {
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir });
      const first = await startServer(config);
      const session = await createVerifiedAccount({ url: first.url, dataDir }, { email: 'restart@example.com', password: 'correct horse battery staple', name: 'Restart' });
      const dbPath = new URL(session.syncUrl).pathname;
      const write = await fetch(`${first.url}${dbPath}_bulk_docs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ docs: [job('kept:1')] }),
      });
      expect(write.status).toBe(201);
      await first.stop();

      const userDbs = await fs.readdir(path.join(dataDir, 'userdbs'));
      expect(userDbs).toHaveLength(1);
      for (const location of [path.join(dataDir, 'system', 'users'), path.join(dataDir, 'system', 'refresh_tokens'),
        ...userDbs.map((name) => path.join(dataDir, 'userdbs', name))]) {
        await openAndCloseLevelDb(location);
      }

      // Would fail with a LevelDB "lock held" error if any handle were left open.
      const second = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir }));
      try {
        // Same generated secrets, so the access token from before the restart still verifies.
        const changes = await fetch(`${second.url}${dbPath}_changes`, { headers: { authorization: `Bearer ${session.accessToken}` } });
        expect(changes.status).toBe(200);
        expect(((await changes.json()) as { results: { id: string }[] }).results.map((row) => row.id)).toEqual(['kept:1']);
        const refreshed = await fetch(`${second.url}/api/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
        expect(refreshed.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  it('answers every request while the app is still being built: 503 "starting", then the real answer', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-starting-'));
    // A free port, known before the server binds it, so requests can race its start-up.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const starting = startServer(loadConfig({ NODE_ENV: 'test', PORT: String(port), DATA_DIR: dataDir }));
    const statuses: number[] = [];
    try {
      for (;;) {
        // A request stuck between bind and app would hit this timeout and fail the test.
        const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) }).catch((error: Error) =>
          error.name === 'TimeoutError' ? Promise.reject(error) : undefined,
        );
        if (response) {
          statuses.push(response.status);
          if (response.status === 503) expect(((await response.json()) as { error: { code: string } }).error.code).toBe('starting');
          if (response.status === 200) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(statuses.every((status) => status === 503 || status === 200)).toBe(true);
    } finally {
      await (await starting).stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
