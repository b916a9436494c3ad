import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { userDbName } from '../../server/sync/db-name';
import { createVerifiedAccount, type VerifiedSession } from '../helpers/accounts';
import { couchEnvFor, testCouchUrl } from '../helpers/couch-mode';
import { plainJobFields } from '../fixtures/jobs';

/**
 * The server with COUCHDB_URL against a CouchDB-compatible server in its own
 * process (the stand-in tests/setup/couchdb.global.ts starts, or the CouchDB
 * TRACKRUIT_TEST_COUCHDB_URL names): where its databases end up, and that
 * replication through the gate reaches them and nothing else.
 */

PouchDB.plugin(memoryAdapter);

const PASSWORD = 'correct horse battery staple';
let dataDir: string;
let running: Awaited<ReturnType<typeof startServer>>;
let couch: NonNullable<ServerConfig['couchdb']>;
let counter = 0;

function configFor(dir: string): ServerConfig {
  return { ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...couchEnvFor(dir) }), port: 0 };
}

/** A request straight to CouchDB with the server's own credential: what is really stored there. */
async function couchGet(pathAndQuery: string, credential: 'server' | 'none' = 'server'): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = credential === 'server'
    ? { authorization: `Basic ${Buffer.from(`${couch.username}:${couch.password}`).toString('base64')}` }
    : {};
  const response = await fetch(`${couch.url}${pathAndQuery}`, { headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function register(server: { url: string; dataDir: string }): Promise<VerifiedSession> {
  counter += 1;
  return createVerifiedAccount(server, { email: `couch-${counter}-${Date.now()}@example.com`, password: PASSWORD, name: `Couch ${counter}` });
}

async function syncCall(baseUrl: string, session: { accessToken: string }, method: string, dbPath: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/db${dbPath}`, {
    method,
    headers: { authorization: `Bearer ${session.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  expect(testCouchUrl(), 'the integration-couchdb project sets TRACKRUIT_TEST_COUCHDB_URL').toBeTruthy();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-couch-storage-'));
  const config = configFor(dataDir);
  couch = config.couchdb!;
  running = await startServer(config);
});

afterAll(async () => {
  await running?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('storage in CouchDB (COUCHDB_URL)', () => {
  it('keeps users, tokens and the server\'s own data there, and no database on the local disk', async () => {
    const all = await fetch(`${couch.url}/_all_dbs`, { headers: { authorization: `Basic ${Buffer.from(`${couch.username}:${couch.password}`).toString('base64')}` } });
    const names = ((await all.json()) as string[]).filter((name) => name.startsWith(couch.prefix)).map((name) => name.slice(couch.prefix.length));
    expect(names).toEqual(expect.arrayContaining(['users', 'refresh_tokens', 'one_time_codes', 'devices', 'second_factors', 'oidc_links']));
    await expect(fs.access(path.join(dataDir, 'system'))).rejects.toThrow();
    await expect(fs.access(path.join(dataDir, 'userdbs'))).rejects.toThrow();
  });

  it('creates the user\'s database at sign-up, secured to the server\'s own credential only', async () => {
    const session = await register({ url: running.url, dataDir });
    const remote = `${couch.prefix}${userDbName(session.user.id)}`;
    const security = await couchGet(`/${remote}/_security`);
    expect(security.status).toBe(200);
    expect(security.json).toEqual({ admins: { names: [couch.username], roles: [] }, members: { names: [couch.username], roles: [] } });
    // Nobody else reaches it directly; the user holds no CouchDB credential at all, only the server's bearer token.
    expect((await couchGet(`/${remote}`, 'none')).status).toBe(401);
    expect(JSON.stringify(session)).not.toContain(couch.password);
  });

  it('replicates through the gate both ways: writes land in CouchDB, and a PouchDB client pulls them back', async () => {
    const session = await register({ url: running.url, dataDir });
    const db = `/${userDbName(session.user.id)}`;
    const pushed = await syncCall(running.url, session, 'POST', `${db}/_bulk_docs`, { docs: [{ _id: 'couch:1', ...plainJobFields({ title: 'Pushed' }) }] });
    expect(pushed.status).toBe(201);
    const stored = await couchGet(`/${couch.prefix}${db.slice(1)}/couch:1`);
    expect(stored.json).toMatchObject({ _id: 'couch:1', title: 'Pushed' });

    const client = new PouchDB(`couch-client-${Date.now()}`, { adapter: 'memory' });
    const remote = new PouchDB(`${running.url}/db${db}/`, {
      skip_setup: true,
      fetch: (url, options) => {
        const headers = new Headers(options?.headers);
        headers.set('authorization', `Bearer ${session.accessToken}`);
        return PouchDB.fetch(url, { ...options, headers });
      },
    });
    try {
      const pull = await client.replicate.from(remote);
      expect(pull.ok).toBe(true);
      expect(await client.get('couch:1')).toMatchObject({ title: 'Pushed' });
      // A later change on the server side comes down on the next pull, from the checkpoint.
      const current = await client.get('couch:1');
      const edited = await syncCall(running.url, session, 'POST', `${db}/_bulk_docs`, { docs: [{ ...plainJobFields({ title: 'Edited' }), _id: 'couch:1', _rev: current._rev }] });
      expect(edited.status).toBe(201);
      const again = await client.replicate.from(remote);
      expect(again.docs_written).toBe(1);
      expect(await client.get('couch:1')).toMatchObject({ title: 'Edited' });
    } finally {
      await client.destroy();
    }
  });

  it('refuses another user\'s database, and stores nothing there', async () => {
    const alice = await register({ url: running.url, dataDir });
    const mallory = await register({ url: running.url, dataDir });
    const aliceDb = `/${userDbName(alice.user.id)}`;
    for (const [method, route, body] of [
      ['GET', '', undefined],
      ['GET', '/_changes', undefined],
      ['POST', '/_bulk_get', { docs: [{ id: 'couch:1' }] }],
      ['POST', '/_bulk_docs', { docs: [{ _id: 'evil:1', ...plainJobFields() }] }],
    ] as const) {
      const answer = await syncCall(running.url, mallory, method, `${aliceDb}${route}`, body);
      expect(answer.status, `${method} ${route}`).toBe(403);
      expect(answer.json).toMatchObject({ error: { code: 'forbidden_database' } });
    }
    expect((await couchGet(`/${couch.prefix}${aliceDb.slice(1)}`)).json).toMatchObject({ doc_count: 0 });
  });

  it('keeps users and their data across a restart, even on a new empty data directory', async () => {
    const session = await register({ url: running.url, dataDir });
    const db = `/${userDbName(session.user.id)}`;
    expect((await syncCall(running.url, session, 'POST', `${db}/_bulk_docs`, { docs: [{ _id: 'kept:1', ...plainJobFields({ title: 'Kept' }) }] })).status).toBe(201);

    // Same COUCHDB_URL and prefix, nothing of the first data directory: whatever the server finds comes from CouchDB.
    const secondDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-couch-restart-'));
    const second = await startServer({ ...configFor(secondDir), couchdb: couch, jwtAccessSecret: running.config.jwtAccessSecret, jwtRefreshSecret: running.config.jwtRefreshSecret, otpHmacSecret: running.config.otpHmacSecret });
    try {
      const login = await fetch(`${second.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: session.user.email, password: PASSWORD }) });
      expect(login.status).toBe(200);
      const fresh = (await login.json()) as { accessToken: string };
      const read = await syncCall(second.url, fresh, 'POST', `${db}/_all_docs`, { keys: ['kept:1'], include_docs: true });
      expect(read.status).toBe(200);
      expect((read.json.rows as { doc?: { title?: string } }[])[0]?.doc?.title).toBe('Kept');
      // The refresh token the first instance issued is known to the second.
      const refreshed = await fetch(`${second.url}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
      expect(refreshed.status).toBe(200);
    } finally {
      await second.stop();
      await fs.rm(secondDir, { recursive: true, force: true });
    }
  });
});

describe('COUCHDB_URL start-up', () => {
  it('refuses to start with credentials CouchDB does not accept, saying so without echoing them', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-couch-bad-'));
    try {
      const config = configFor(dir);
      const wrong = { ...config.couchdb!, password: 'not-the-password-xyz' };
      const failure = await startServer({ ...config, couchdb: wrong }).then(
        (server) => server.stop().then(() => null),
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toMatch(/COUCHDB_URL: .* refused the credentials \(401\)/);
      expect(failure?.message).not.toContain('not-the-password-xyz');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
