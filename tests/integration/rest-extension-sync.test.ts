import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import type { Job } from '../../shared/schema/job';
import { eventually } from '../helpers/eventually';
import { signInForTest } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The REST API and the extension's own replication (RxDB, its conflict
 * handler, an IndexedDB per device) on the same jobs: what one writes the
 * other sees, and an edit made offline on the device merges with one made
 * through the API instead of replacing it, whichever reaches the server first.
 */

let server: TestServer;
let counter = 0;
const open: { db: TrackruitDatabase; replications: JobReplication[] }[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const device of open.splice(0)) {
    for (const replication of device.replications) await replication.cancel();
    await device.db.close();
  }
});

afterAll(async () => {
  await server?.stop();
});

type StoredJob = Job & { _rev: string };

interface Device {
  db: TrackruitDatabase;
  tokens: Tokens;
  connect(): JobReplication;
}

async function signIn(label: string): Promise<{ tokens: Tokens; api: (method: string, path: string, body?: unknown) => Promise<Response> }> {
  const session = await signInForTest(server, label);
  const tokens: Tokens = { serverUrl: server.url, syncUrl: syncUrlOnServer(server.url, session.syncUrl), accessToken: session.accessToken, refreshToken: session.refreshToken };
  const api = (method: string, path: string, body?: unknown) => fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${session.accessToken}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { tokens, api };
}

async function startDevice(tokens: Tokens): Promise<Device> {
  counter += 1;
  const db = await openDatabase({ name: `rest-device-${counter}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  const entry = { db, replications: [] as JobReplication[] };
  open.push(entry);
  const store = memoryTokenStore(tokens);
  return {
    db,
    tokens,
    connect() {
      const replication = replicateJobs({ jobs: db.jobs, syncUrl: tokens.syncUrl, fetch: createAuthFetch({ store, fetch }), retryTime: 300 });
      entry.replications.push(replication);
      return replication;
    },
  };
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe('the REST API and the extension on the same jobs', () => {
  it('a job made through the API reaches the device, and the device\'s edit reaches the API', async () => {
    const { tokens, api } = await signIn('rest-sync-a');
    const job = (await json<{ job: StoredJob }>(await api('POST', '/api/jobs', { title: 'Data Engineer', company: 'Acme', url: 'https://example.com/jobs/7', status: 'applied' }), 201)).job;
    const device = await startDevice(tokens);
    const live = device.connect();
    await live.awaitInitialReplication();
    expect(await findJob(device.db.jobs, job.id)).toMatchObject({ title: 'Data Engineer', status: 'applied' });

    await upsertJobWith(device.db.jobs, job.id, (existing) => ({ ...existing!, tags: ['from-device'], updatedAt: new Date().toISOString() }));
    await live.awaitInSync();
    const after = await eventually(async () => (await json<{ job: StoredJob }>(await api('GET', `/api/jobs/${job.id}`), 200)).job, (found) => found.tags !== undefined);
    expect(after.tags).toEqual(['from-device']);
  });

  it('an offline device edit and an API edit of the same job both survive, the API edit reaching the server first', async () => {
    const { tokens, api } = await signIn('rest-sync-b');
    const job = (await json<{ job: StoredJob }>(await api('POST', '/api/jobs', { title: 'Backend Engineer', company: 'Acme', url: 'https://example.com/jobs/8', status: 'applied' }), 201)).job;
    const device = await startDevice(tokens);
    const first = device.connect();
    await first.awaitInitialReplication();
    await first.cancel();

    // Offline on the device: a follow-up date. Meanwhile the phone app, holding the same revision, sets the salary.
    await upsertJobWith(device.db.jobs, job.id, (existing) => ({ ...existing!, followUpAt: '2026-12-24T09:00:00.000Z', updatedAt: new Date().toISOString() }));
    const fromApi = await json<{ job: StoredJob; merged: boolean }>(await api('PUT', `/api/jobs/${job.id}`, { salary: '85k', _rev: job._rev }), 200);
    expect(fromApi.merged).toBe(false);

    // Back online, the device pushes second: its conflict handler merges with the API's version.
    const again = device.connect();
    await again.awaitInSync();
    const expected = { salary: '85k', followUpAt: '2026-12-24T09:00:00.000Z', status: 'applied' };
    expect((await json<{ job: StoredJob }>(await api('GET', `/api/jobs/${job.id}`), 200)).job).toMatchObject(expected);
    expect(await findJob(device.db.jobs, job.id)).toMatchObject(expected);
  });

  it('an offline device edit and an API edit of the same job both survive, the device reaching the server first', async () => {
    const { tokens, api } = await signIn('rest-sync-c');
    const job = (await json<{ job: StoredJob }>(await api('POST', '/api/jobs', { title: 'Platform Engineer', company: 'Acme', url: 'https://example.com/jobs/9', status: 'applied' }), 201)).job;
    const device = await startDevice(tokens);
    const live = device.connect();
    await live.awaitInitialReplication();
    await upsertJobWith(device.db.jobs, job.id, (existing) => ({ ...existing!, location: 'Lisbon', updatedAt: new Date().toISOString() }));
    await live.awaitInSync();

    // The app still holds the first revision: its edit is merged with the device's, not written over it.
    const fromApi = await json<{ job: StoredJob; merged: boolean }>(await api('PUT', `/api/jobs/${job.id}`, { status: 'interview', _rev: job._rev }), 200);
    expect(fromApi.merged).toBe(true);
    expect(fromApi.job).toMatchObject({ location: 'Lisbon', status: 'interview' });
    live.reSync();
    expect(await eventually(() => findJob(device.db.jobs, job.id), (found) => found?.status === 'interview')).toMatchObject({ location: 'Lisbon', status: 'interview' });
  });

  it('a job deleted through the API leaves the device', async () => {
    const { tokens, api } = await signIn('rest-sync-d');
    const job = (await json<{ job: StoredJob }>(await api('POST', '/api/jobs', { title: 'SRE', company: 'Acme', url: 'https://example.com/jobs/10' }), 201)).job;
    const device = await startDevice(tokens);
    const live = device.connect();
    await live.awaitInitialReplication();
    expect(await findJob(device.db.jobs, job.id)).toBeDefined();
    expect((await api('DELETE', `/api/jobs/${job.id}`)).status).toBe(204);
    live.reSync();
    expect(await eventually(() => findJob(device.db.jobs, job.id), (found) => found === undefined)).toBeUndefined();
  });
});
