import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPouchDeviceStore, type DeviceRecord, type DeviceStore } from './store';

let dir: string | undefined;
let store: DeviceStore | undefined;

afterEach(async () => {
  await store?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

const jwk = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) } as const;
const device = (userId: string, id: string): DeviceRecord => ({ id, userId, name: id, publicKeyJwk: jwk, thumbprint: `t-${id}`, createdAt: new Date().toISOString() });

describe('device store', () => {
  it('finds a device only under its own user, and forgets all of a user at account deletion', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-devices-'));
    store = await createPouchDeviceStore(dir);
    await store.put(device('alice', 'a1'));
    await store.put(device('alice', 'a2'));
    await store.put(device('alice-2', 'b1'));
    expect(await store.get('alice', 'a1')).toMatchObject({ id: 'a1', userId: 'alice' });
    expect(await store.get('alice-2', 'a1')).toBeNull();
    // A user id that is a prefix of another's does not see the other's devices.
    expect((await store.list('alice')).map((d) => d.id)).toEqual(['a1', 'a2']);

    expect(await store.removeAllForUser('alice')).toBe(2);
    expect(await store.list('alice')).toEqual([]);
    expect((await store.list('alice-2')).map((d) => d.id)).toEqual(['b1']);
  });
});
