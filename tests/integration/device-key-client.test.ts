import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeviceKeys, indexedDbVault, type DeviceKeyVault } from '../../extension/background/account/device-key';
import { RulesUpdater } from '../../extension/background/scheduled/rules-updater';
import { ExtensionStore, type StorageArea } from '../../extension/background/storage';
import { syncUrlOnServer } from '../../extension/background/account/tokens';
import { shippedRules } from '../../shared/rules';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The extension's device key and signing fetch against a real server, IndexedDB faked in Node. */

let server: TestServer;
let store: ExtensionStore;
let vault: DeviceKeyVault;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(() => {
  fakeBrowser.reset();
  store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  vault = indexedDbVault(new IDBFactory());
});

async function signIn(session: TestSession) {
  await store.signIn(
    { user: session.user, serverUrl: server.url },
    { serverUrl: server.url, syncUrl: syncUrlOnServer(server.url, session.syncUrl), accessToken: session.accessToken, refreshToken: session.refreshToken },
  );
}

async function listDevices(session: TestSession): Promise<{ id: string; name: string }[]> {
  const response = await fetch(`${server.url}/api/auth/devices`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  return ((await response.json()) as { devices: { id: string; name: string }[] }).devices;
}

describe('DeviceKeys', () => {
  it('registers a non-extractable key kept in IndexedDB, and signs requests the server accepts', async () => {
    const session = await signInForTest(server, 'keys');
    await signIn(session);
    const keys = new DeviceKeys({ vault, store, deviceName: 'Test Chrome' });

    const record = await keys.register();
    expect(record?.deviceId).toEqual(expect.any(String));
    expect(record?.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', record!.privateKey)).rejects.toThrow();
    // The CryptoKey itself is what IndexedDB holds.
    const stored = await vault.get();
    expect(stored?.privateKey).toBeInstanceOf(CryptoKey);
    expect(await listDevices(session)).toEqual([expect.objectContaining({ id: record!.deviceId, name: 'Test Chrome' })]);

    // Registering again after the next sign-in is the same device.
    expect((await keys.register())?.deviceId).toBe(record!.deviceId);
    expect(await listDevices(session)).toHaveLength(1);

    const verify = await keys.signedFetch(`${server.url}/api/extension/verify`);
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ ok: true, user: { id: session.user.id }, device: { id: record!.deviceId } });
    // Many requests in a row each carry their own timestamp and nonce.
    const answers = await Promise.all(Array.from({ length: 5 }, () => keys.signedFetch(`${server.url}/api/extension/verify`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('registers at the first signed request when sign-in did not, and again when the server forgot the device', async () => {
    const session = await signInForTest(server, 'lazy');
    await signIn(session);
    const keys = new DeviceKeys({ vault, store });
    const first = await keys.signedFetch(`${server.url}/api/extension/verify`);
    expect(first.status).toBe(200);
    const [device] = await listDevices(session);
    await fetch(`${server.url}/api/auth/devices/${device!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.accessToken}` } });

    const again = await keys.signedFetch(`${server.url}/api/extension/verify`);
    expect(again.status).toBe(200);
    expect(await listDevices(session)).toHaveLength(1);
  });

  it('uses a new key for another account', async () => {
    const first = await signInForTest(server, 'first');
    await signIn(first);
    const keys = new DeviceKeys({ vault, store });
    const a = await keys.register();
    const second = await signInForTest(server, 'second');
    await signIn(second);
    const b = await keys.register();
    expect(b?.userId).toBe(second.user.id);
    expect(b?.deviceId).not.toBe(a?.deviceId);
    expect(b?.publicKey).not.toBe(a?.publicKey);
    expect((await keys.signedFetch(`${server.url}/api/extension/verify`)).status).toBe(200);
  });

  it('signs JSON bodies: jobs/add through the signing fetch', async () => {
    const session = await signInForTest(server, 'jobs');
    await signIn(session);
    const keys = new DeviceKeys({ vault, store });
    const job = {
      id: 'client:1', title: 'Engineer', company: 'Acme', platform: 'other', url: 'https://jobs.example.com/1', status: 'applied',
      statusHistory: [{ status: 'applied', at: '2025-03-01T10:00:00.000Z' }], source: 'manual', schemaVersion: 2, isActive: true,
      createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z',
    };
    const response = await keys.signedFetch(`${server.url}/api/extension/jobs/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job }),
    });
    expect(response.status).toBe(201);
  });

  it('gives the rules updater signed requests', async () => {
    const session = await signInForTest(server, 'rules');
    await signIn(session);
    const keys = new DeviceKeys({ vault, store });
    const area = fakeBrowser.storage.local as unknown as StorageArea;
    const plain = await new RulesUpdater({ store, area }).update();
    expect(plain).toEqual({ outcome: 'failed', reason: 'server answered 401' });
    const signed = await new RulesUpdater({ store, area, fetch: keys.signedFetch }).update();
    expect(signed).toEqual({ outcome: 'unchanged', version: shippedRules.version });
  });
});
