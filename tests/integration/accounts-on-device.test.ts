import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jobFromCapture } from '../../shared/jobs/capture';
import { AccountService } from '../../extension/background/account/account';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from '../../extension/background/storage';
import { SyncController } from '../../extension/background/sync/controller';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { insertResume } from '../../extension/db/resumes';
import { testResume } from '../../shared/resume/doc/test-resume';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { eventually } from '../helpers/eventually';
import { acmeCapture } from '../fixtures/jobs';

/**
 * One device (one store, one database, the background's sync and account
 * services) against a real server, through sign-ins and sign-outs of
 * different accounts.
 */

let server: TestServer;
let counter = 0;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await server?.stop();
});

interface Device {
  db: TrackruitDatabase;
  store: ExtensionStore;
  sync: SyncController;
  account: AccountService;
}

/** The device's network: tests cut it to see what waits. */
const network = { up: true };
/** The Settings switch. */
const switchedOn = { sync: true };

async function device(): Promise<Device> {
  network.up = true;
  switchedOn.sync = true;
  fakeBrowser.reset();
  const store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  await store.setServerUrl(server.url);
  const db = await openDatabase({ name: `device-${(counter += 1)}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  const fetchFn = (input: string, init?: RequestInit) => (network.up ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
  const sync = new SyncController({ store, jobs: async () => db.jobs, retryTime: 200, fetch: fetchFn, syncEnabled: async () => switchedOn.sync });
  const account = new AccountService({ store, sync });
  cleanups.push(async () => {
    await sync.stop();
    await db.close();
  });
  return { db, store, sync, account };
}

function person(label: string) {
  counter += 1;
  return { name: label, email: `${label}-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' };
}

/** Registers straight on the server, as if from another device. */
async function registerElsewhere(user: ReturnType<typeof person>): Promise<void> {
  await createVerifiedAccount(server, user);
}

/** Sign-up on this device: register, then the code from the mail. */
async function signUp(account: AccountService, user: ReturnType<typeof person>) {
  const registered = await account.register(user);
  if (!registered.ok) return registered;
  return account.verifyOtp({ email: user.email, password: user.password, code: await readLatestCode(server.dataDir, user.email) });
}

/** Every document in the signed-in user's server database, deleted ones included. */
async function serverDocs(store: ExtensionStore): Promise<{ id: string; deleted?: boolean }[]> {
  const tokens = await store.get();
  const response = await fetch(`${tokens!.syncUrl}_changes?include_docs=true`, { headers: { authorization: `Bearer ${tokens!.accessToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { id: string; deleted?: boolean }[] }).results.map(({ id, deleted }) => ({ id, ...(deleted ? { deleted } : {}) }));
}

async function capture(db: TrackruitDatabase, siteJobId = '4012345678') {
  const captured = { ...acmeCapture, siteJobId, url: `https://www.linkedin.com/jobs/view/${siteJobId}/` };
  return (await upsertJobWith(db.jobs, `linkedin:${siteJobId}`, (existing) => jobFromCapture(captured, new Date(), existing))).job;
}

const storedPending = async (store: ExtensionStore) => (await store.pendingChanges()).length;

describe('pending changes', () => {
  it('counts a local write until the server has it, across a network outage', async () => {
    const { db, store, sync, account } = await device();
    expect(await signUp(account, person('pending'))).toMatchObject({ ok: true });
    await sync.ensureRunning();
    await eventually(() => store.syncState(), (state) => state?.status === 'idle');

    network.up = false;
    await capture(db);
    await capture(db, '4099999999');
    expect(await eventually(() => storedPending(store), (count) => count === 2)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await sync.pendingCount()).toBe(2);

    network.up = true;
    await sync.reSync();
    await eventually(() => storedPending(store), (count) => count === 0);
    expect((await serverDocs(store)).map((doc) => doc.id).sort()).toEqual(['linkedin:4012345678', 'linkedin:4099999999']);
  });

  it('counts writes that pages report when they wake the background', async () => {
    const { store, sync, account } = await device();
    expect(await signUp(account, person('waking'))).toMatchObject({ ok: true });
    network.up = false;
    await sync.localWrites(['linkedin:4012345678', 'linkedin:4099999999']);
    expect(await sync.pendingCount()).toBe(2);
    expect(await eventually(() => storedPending(store), (count) => count === 2)).toBe(2);
  });
});

describe('the sync switch', () => {
  it('pauses sync with a visible reason, keeps changes waiting, and resumes', async () => {
    const { db, store, sync, account } = await device();
    expect(await signUp(account, person('switch'))).toMatchObject({ ok: true });
    await eventually(() => store.syncState(), (state) => state?.status === 'idle');

    switchedOn.sync = false;
    await sync.restart();
    expect(await store.syncState()).toMatchObject({ status: 'signed_out', error: 'Sync is paused in Settings.' });
    await capture(db);
    expect(await eventually(() => storedPending(store), (count) => count === 1)).toBe(1);
    expect(await serverDocs(store)).toEqual([]);

    switchedOn.sync = true;
    await sync.restart();
    await eventually(() => storedPending(store), (count) => count === 0);
    expect(await serverDocs(store)).toEqual([{ id: 'linkedin:4012345678' }]);
  });
});

describe('accounts on one device', () => {
  it('never pushes one account\'s jobs into another: sign-in as another account asks, and wiping leaves no trace', async () => {
    const { db, store, sync, account } = await device();
    const ada = person('ada');
    const bob = person('bob');
    await registerElsewhere(bob);

    expect(await signUp(account, ada)).toMatchObject({ ok: true });
    await capture(db);
    await sync.ensureRunning();
    await eventually(() => serverDocs(store), (docs) => docs.length === 1);

    await insertResume(db.resumes, testResume({ id: 'ada-resume', name: 'Ada CV' }));
    expect(await account.logout('keep')).toMatchObject({ ok: true, account: null });
    expect(await db.jobs.count().exec()).toBe(1);

    const refused = await account.login({ email: bob.email, password: bob.password });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'local-data-other-account', localData: { count: 2, ownerEmail: ada.email } },
    });
    // The question names everything a wipe would remove.
    expect(refused.ok ? '' : refused.error.message).toContain(`This device holds 1 application and 1 resume of ${ada.email}`);
    expect(await store.get()).toBeUndefined();
    expect(await db.jobs.count().exec()).toBe(1);

    expect(await account.login({ email: bob.email, password: bob.password, localData: 'wipe' })).toMatchObject({ ok: true });
    expect(await db.jobs.count().exec()).toBe(0);
    expect(await db.resumes.count().exec()).toBe(0);
    await sync.ensureRunning();
    await eventually(() => store.syncState(), (state) => state?.status === 'idle');
    await capture(db, '4099999999');
    await eventually(() => serverDocs(store), (docs) => docs.length === 1);
    // Bob's database holds his job only: not Ada's, not even as a deletion.
    expect(await serverDocs(store)).toEqual([{ id: 'linkedin:4099999999' }]);
    expect(await store.localOwner()).toMatchObject({ email: bob.email });
  });

  it('signing back in after a wipe brings the account\'s jobs back from the server', async () => {
    const { db, store, sync, account } = await device();
    const ada = person('ada');
    expect(await signUp(account, ada)).toMatchObject({ ok: true });
    await capture(db);
    await sync.ensureRunning();
    await eventually(() => serverDocs(store), (docs) => docs.length === 1);

    expect(await account.logout('wipe')).toMatchObject({ ok: true });
    expect(await db.jobs.count().exec()).toBe(0);
    expect(await store.localOwner()).toBeUndefined();
    expect(await store.pendingChanges()).toEqual([]);

    expect(await account.login({ email: ada.email, password: ada.password })).toMatchObject({ ok: true });
    await eventually(() => db.jobs.count().exec(), (count) => count === 1);
    expect(await findJob(db.jobs, 'linkedin:4012345678')).toMatchObject({ title: acmeCapture.title });
  });

  it('jobs captured before any sign-in join the first account, and the same account signs back in without a question', async () => {
    const { db, store, sync, account } = await device();
    await capture(db);
    const carol = person('carol');
    expect(await signUp(account, carol)).toMatchObject({ ok: true });
    await sync.ensureRunning();
    await eventually(() => serverDocs(store), (docs) => docs.length === 1);

    await account.logout('keep');
    expect(await account.login({ email: carol.email.toUpperCase(), password: carol.password })).toMatchObject({ ok: true });
    expect(await db.jobs.count().exec()).toBe(1);
    expect(fakeBrowser.storage.local).toBeDefined();
    expect((await fakeBrowser.storage.local.get(STORAGE_KEYS.localOwner))[STORAGE_KEYS.localOwner]).toMatchObject({ email: carol.email });
  });
});
