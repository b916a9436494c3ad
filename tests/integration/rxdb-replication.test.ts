import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jobFromCapture, type CapturedJob } from '../../shared/jobs/capture';
import { JOB_DOC_VERSION, type Job } from '../../shared/schema';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import type { FetchLike } from '../../extension/background/api';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { ExtensionStore, type StorageArea } from '../../extension/background/storage';
import { SyncController } from '../../extension/background/sync/controller';
import type { SyncState } from '../../extension/background/sync/sync-state';
import { memoryTokenStore, syncUrlOnServer, type Tokens, type TokenStore } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer } from '../helpers/test-server';
import { eventually } from '../helpers/eventually';
import { acmeCapture } from '../fixtures/jobs';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
const openClients: { db: TrackruitDatabase; replication: JobReplication }[] = [];
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const client of openClients.splice(0)) {
    await client.replication.cancel();
    await client.db.close();
  }
});

afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body: unknown, accessToken?: string): Promise<Response> {
  return fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function registerUser(): Promise<Tokens> {
  counter += 1;
  const body = await createVerifiedAccount(server, {
    email: `sync-${counter}-${Date.now()}@example.com`,
    password: 'correct horse battery staple',
    name: `Sync Tester ${counter}`,
  });
  return {
    serverUrl: server.url,
    syncUrl: syncUrlOnServer(server.url, body.syncUrl),
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
  };
}

/** The server's copy of a document, read over plain HTTP with the user's token. */
async function serverDoc(tokens: Tokens, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await post(`${tokens.syncUrl}_all_docs`, { keys: [id], include_docs: true }, tokens.accessToken);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { rows: { doc?: Record<string, unknown> | null }[] };
  return body.rows[0]?.doc ?? undefined;
}

interface Client {
  db: TrackruitDatabase;
  replication: JobReplication;
  store: TokenStore;
  refreshCalls: () => number;
}

async function startClient(name: string, tokens: Tokens, onSessionExpired?: () => void): Promise<Client> {
  // A separate IndexedDB per client: two devices, not two tabs of one.
  const db = await openDatabase({
    name: `${name}-${counter}`,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    multiInstance: false,
  });
  const store = memoryTokenStore(tokens);
  let refreshes = 0;
  const countingFetch: FetchLike = (input, init) => {
    if (input.endsWith('/api/auth/refresh')) refreshes += 1;
    return fetch(input, init);
  };
  const replication = replicateJobs({
    jobs: db.jobs,
    syncUrl: tokens.syncUrl,
    fetch: createAuthFetch({ store, fetch: countingFetch, ...(onSessionExpired ? { onSessionExpired } : {}) }),
    retryTime: 300,
  });
  openClients.push({ db, replication });
  return { db, replication, store, refreshCalls: () => refreshes };
}

const captured: CapturedJob = acmeCapture;

async function capture(client: Client, job: CapturedJob, at: string): Promise<Job> {
  const id = `${job.platform}:${job.siteJobId}`;
  const { job: stored } = await upsertJobWith(client.db.jobs, id, (existing) =>
    jobFromCapture(job, new Date(at), existing),
  );
  return stored;
}

describe('RxDB replication against the sync server', () => {
  it('pushes from one client, pulls into another, and carries an edit back live', async () => {
    const tokens = await registerUser();
    const first = await startClient('client-one', tokens);
    await capture(first, captured, '2025-03-01T10:00:00.000Z');
    await first.replication.awaitInSync();

    const onServer = await serverDoc(tokens, 'linkedin:4012345678');
    expect(onServer).toMatchObject({
      _id: 'linkedin:4012345678',
      title: 'Senior Frontend Engineer',
      company: 'Acme Robotics',
      location: 'Berlin, Germany',
      status: 'applied',
    });
    expect(onServer?._rev).toMatch(/^1-/);
    // Only schema fields travel: RxDB's own metadata stays on the device.
    expect(Object.keys(onServer ?? {}).filter((key) => key.startsWith('_')).sort()).toEqual(['_id', '_rev']);

    const second = await startClient('client-two', tokens);
    await second.replication.awaitInitialReplication();
    const pulled = await findJob(second.db.jobs, 'linkedin:4012345678');
    expect(pulled).toMatchObject({ title: 'Senior Frontend Engineer', company: 'Acme Robotics', status: 'applied' });

    await upsertJobWith(second.db.jobs, 'linkedin:4012345678', (existing) => ({
      ...existing!,
      status: 'interview',
      statusHistory: [...existing!.statusHistory, { status: 'interview', at: '2025-03-05T09:00:00.000Z' }],
      updatedAt: '2025-03-05T09:00:00.000Z',
    }));
    await second.replication.awaitInSync();

    // No reSync on client one: the change must arrive through the live pull.
    const edited = await eventually(
      () => findJob(first.db.jobs, 'linkedin:4012345678'),
      (job) => job?.status === 'interview',
    );
    expect(edited?.statusHistory.map((change) => change.status)).toEqual(['applied', 'interview']);
    expect((await serverDoc(tokens, 'linkedin:4012345678'))?._rev).toMatch(/^2-/);
    expect(await first.db.jobs.count().exec()).toBe(1);
  });

  it('pulls a version 1 document, as an extension not yet updated pushes it, and stores it upgraded', async () => {
    const tokens = await registerUser();
    const { schemaVersion: _version, id, ...versionOne } = jobFromCapture(captured, new Date('2025-03-01T10:00:00.000Z'));
    const written = await post(`${tokens.syncUrl}_bulk_docs`, { docs: [{ _id: id, ...versionOne }] }, tokens.accessToken);
    expect(written.status).toBe(201);

    const client = await startClient('client-upgrade', tokens);
    await client.replication.awaitInitialReplication();
    expect(await findJob(client.db.jobs, id)).toMatchObject({ id, title: captured.title, schemaVersion: JOB_DOC_VERSION });

    // Editing it pushes the current version; the server accepts both.
    await upsertJobWith(client.db.jobs, id, (existing) => ({ ...existing!, tags: ['remote'], updatedAt: '2025-03-02T10:00:00.000Z' }));
    await client.replication.awaitInSync();
    expect(await eventually(() => serverDoc(tokens, id), (doc) => Array.isArray(doc?.tags))).toMatchObject({ schemaVersion: JOB_DOC_VERSION, tags: ['remote'] });
  });

  it('carries what recognised a job to another device, beside a version 2 document of an extension not yet updated', async () => {
    const tokens = await registerUser();
    const detection = { rulesVersion: 2, signal: 'easy_apply_confirmation', layout: 'top-card-structure' };
    const older = { ...captured, siteJobId: '4000000009', url: 'https://www.linkedin.com/jobs/view/4000000009/' };
    const { id: olderId, ...olderFields } = jobFromCapture(older, new Date('2025-03-01T09:00:00.000Z'));
    const written = await post(`${tokens.syncUrl}_bulk_docs`, { docs: [{ _id: olderId, ...olderFields, schemaVersion: 2 }] }, tokens.accessToken);
    expect(written.status).toBe(201);
    expect(((await written.json()) as { ok?: boolean }[])[0]?.ok).toBe(true);

    const first = await startClient('client-detect-a', tokens);
    await first.replication.awaitInitialReplication();
    const job = await capture(first, { ...captured, detection }, '2025-03-01T10:00:00.000Z');
    await first.replication.awaitInSync();
    expect(await eventually(() => serverDoc(tokens, job.id), (doc) => doc !== undefined)).toMatchObject({ schemaVersion: JOB_DOC_VERSION, detection });

    const second = await startClient('client-detect-b', tokens);
    await second.replication.awaitInitialReplication();
    expect(await findJob(second.db.jobs, job.id)).toMatchObject({ schemaVersion: JOB_DOC_VERSION, detection, fieldTimes: { detection: '2025-03-01T10:00:00.000Z' } });
    const upgraded = await findJob(second.db.jobs, olderId);
    expect(upgraded).toMatchObject({ schemaVersion: JOB_DOC_VERSION, title: captured.title });
    expect(upgraded).not.toHaveProperty('detection');

    // A later capture on the second device (a newer rule set) wins on the first through the merge.
    await capture(second, { ...captured, detection: { rulesVersion: 3, signal: 'applied_badge' } }, '2025-03-02T10:00:00.000Z');
    await second.replication.awaitInSync();
    const merged = await eventually(() => findJob(first.db.jobs, job.id), (found) => found?.detection?.rulesVersion === 3);
    expect(merged?.detection).toEqual({ rulesVersion: 3, signal: 'applied_badge' });
  });

  it('refreshes a refused access token once and keeps replicating', async () => {
    const tokens = await registerUser();
    const client = await startClient('client-refresh', { ...tokens, accessToken: 'not-a-valid-token' });

    await capture(client, captured, '2025-03-01T10:00:00.000Z');
    await client.replication.awaitInSync();

    const refreshed = await client.store.get();
    expect(refreshed?.accessToken).not.toBe('not-a-valid-token');
    expect(refreshed?.refreshToken).not.toBe(tokens.refreshToken);
    // The pull, the live stream and the push all met a 401, but refresh tokens rotate: one refresh only.
    expect(client.refreshCalls()).toBe(1);
    expect(await serverDoc(tokens, 'linkedin:4012345678')).toMatchObject({ title: 'Senior Frontend Engineer' });

    // Expire the token again mid-session: the next write still arrives.
    await client.store.set({ ...refreshed!, accessToken: 'expired-again' });
    await capture(client, { ...captured, siteJobId: '4099999999', title: 'Staff Engineer', url: 'https://www.linkedin.com/jobs/view/4099999999/' }, '2025-03-02T10:00:00.000Z');
    await client.replication.awaitInSync();
    expect(await eventually(() => serverDoc(tokens, 'linkedin:4099999999'), Boolean)).toMatchObject({
      title: 'Staff Engineer',
    });
    expect(client.refreshCalls()).toBe(2);

    // Each refresh rotated the token: the first one is dead. (Done last: presenting a
    // rotated-out token may revoke the whole session on the server, as reuse detection.)
    expect((await post('/api/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('reports an expired session when the refresh token is refused, and keeps the local write', async () => {
    const tokens = await registerUser();
    let expired = 0;
    const client = await startClient(
      'client-expired',
      { ...tokens, accessToken: 'bad-access', refreshToken: 'bad-refresh' },
      () => {
        expired += 1;
      },
    );
    await capture(client, captured, '2025-03-01T10:00:00.000Z');

    await eventually(async () => expired, (count) => count >= 1);
    expect(await findJob(client.db.jobs, 'linkedin:4012345678')).toMatchObject({ title: 'Senior Frontend Engineer' });
    expect(await serverDoc(tokens, 'linkedin:4012345678')).toBeUndefined();
  });
});

describe('SyncController (the background\'s sync owner)', () => {
  async function controllerWith(tokens: Tokens) {
    fakeBrowser.reset();
    const store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
    await store.signIn({ user: { id: 'u', email: 'sync@example.com', name: 'Sync' }, serverUrl: server.url }, tokens);
    const db = await openDatabase({ name: `controller-${(counter += 1)}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
    const controller = new SyncController({ store, jobs: async () => db.jobs, retryTime: 300 });
    const state = async () => (await store.syncState()) as SyncState | undefined;
    return { store, db, controller, state };
  }

  it('publishes syncing, then synced with a time, and the job reaches the server', async () => {
    const tokens = await registerUser();
    const { db, controller, state } = await controllerWith(tokens);
    try {
      await upsertJobWith(db.jobs, 'linkedin:4012345678', (existing) =>
        jobFromCapture(captured, new Date('2025-03-01T10:00:00.000Z'), existing),
      );
      await controller.ensureRunning();
      const synced = await eventually(state, (value) => value?.status === 'idle');
      expect(synced?.lastSyncedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await eventually(() => serverDoc(tokens, 'linkedin:4012345678'), Boolean)).toMatchObject({
        title: 'Senior Frontend Engineer',
      });
    } finally {
      await controller.stop();
      await db.close();
    }
  });

  it('signs out and asks for a new sign-in when the refresh token is refused, keeping local jobs', async () => {
    const tokens = await registerUser();
    const { store, db, controller, state } = await controllerWith({ ...tokens, accessToken: 'stale', refreshToken: 'revoked' });
    try {
      await upsertJobWith(db.jobs, 'linkedin:4012345678', (existing) =>
        jobFromCapture(captured, new Date('2025-03-01T10:00:00.000Z'), existing),
      );
      await controller.ensureRunning();

      const signedOut = await eventually(state, (value) => value?.status === 'signed_out');
      expect(signedOut?.error).toMatch(/session has expired/);
      expect(await store.get()).toBeUndefined();
      expect(await store.account()).toMatchObject({ needsLogin: true, user: { email: 'sync@example.com' } });
      expect(await db.jobs.count().exec()).toBe(1);
    } finally {
      await controller.stop();
      await db.close();
    }
  });
});

describe('concurrent offline edits through the real server', () => {
  /** Goes back online: a new replication over the same local database, as after a service-worker restart. */
  function reconnect(client: Client, tokens: Tokens): JobReplication {
    const replication = replicateJobs({
      jobs: client.db.jobs,
      syncUrl: tokens.syncUrl,
      fetch: createAuthFetch({ store: client.store }),
      retryTime: 300,
    });
    openClients.push({ db: client.db, replication });
    return replication;
  }

  async function editJob(client: Client, at: string, patch: Partial<Job>): Promise<void> {
    await upsertJobWith(client.db.jobs, 'linkedin:4012345678', (existing) => ({ ...existing!, ...patch, updatedAt: at }));
  }

  it('merges both devices edits field by field instead of dropping the second one', async () => {
    const tokens = await registerUser();
    const laptop = await startClient('laptop', tokens);
    await capture(laptop, captured, '2025-03-01T10:00:00.000Z');
    await laptop.replication.awaitInSync();
    const phone = await startClient('phone', tokens);
    await phone.replication.awaitInitialReplication();
    expect(await findJob(phone.db.jobs, 'linkedin:4012345678')).toBeDefined();

    // Both go offline and edit the same job.
    await laptop.replication.cancel();
    await phone.replication.cancel();
    await editJob(laptop, '2025-03-02T10:00:00.000Z', { location: 'Remote (EU)', title: 'Frontend Lead' });
    await editJob(phone, '2025-03-03T10:00:00.000Z', { salary: '€95,000', title: 'Staff Frontend Engineer' });

    const laptopOnline = reconnect(laptop, tokens);
    await laptopOnline.awaitInSync();
    // The phone pushes second: RxDB hands the conflict to the three-way merge.
    const phoneOnline = reconnect(phone, tokens);
    await phoneOnline.awaitInSync();

    const expected = { location: 'Remote (EU)', salary: '€95,000', title: 'Staff Frontend Engineer' };
    expect(await serverDoc(tokens, 'linkedin:4012345678')).toMatchObject(expected);
    expect(await findJob(phone.db.jobs, 'linkedin:4012345678')).toMatchObject(expected);
    laptopOnline.reSync();
    expect(
      await eventually(
        () => findJob(laptop.db.jobs, 'linkedin:4012345678'),
        (job) => job?.salary === '€95,000',
      ),
    ).toMatchObject(expected);
  });
});

describe('a document the server would refuse', () => {
  it('is set aside with its field named and never blocks the documents after it', async () => {
    const tokens = await registerUser();
    const setAside: { id: string; issues: { path: string }[] }[] = [];
    const db = await openDatabase({ name: `set-aside-${counter}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
    // Written past the extension's validation (as by an older version): RxDB itself does not validate.
    const broken = { ...jobFromCapture(captured, new Date('2025-03-01T10:00:00.000Z')), title: 'x'.repeat(400) };
    await db.jobs.insert(broken);
    const next = jobFromCapture({ ...captured, siteJobId: '4055555555', url: 'https://www.linkedin.com/jobs/view/4055555555/' }, new Date('2025-03-01T10:01:00.000Z'));
    await db.jobs.insert(next);

    const replication = replicateJobs({
      jobs: db.jobs,
      syncUrl: tokens.syncUrl,
      fetch: createAuthFetch({ store: memoryTokenStore(tokens) }),
      retryTime: 300,
      setAside: { onSetAside: (docs) => setAside.push(...docs), onPushed: () => {} },
    });
    openClients.push({ db, replication });
    await replication.awaitInSync();

    expect(await serverDoc(tokens, 'linkedin:4055555555')).toMatchObject({ title: 'Senior Frontend Engineer' });
    expect(await serverDoc(tokens, broken.id)).toBeUndefined();
    expect(setAside).toEqual([{ id: broken.id, issues: [expect.objectContaining({ path: 'title' })] }]);
    // Kept on the device, untouched, for the user to fix.
    expect((await findJob(db.jobs, broken.id))?.title).toHaveLength(400);
  });
});
