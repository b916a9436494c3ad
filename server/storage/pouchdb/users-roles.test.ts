import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { testUserRecord } from '../test-user';
import { createPouchUserStore } from './users';

PouchDB.plugin(memoryAdapter);

let db: PouchDB.Database | undefined;

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('user store roles', () => {
  it('reads a record stored before roles and permissions existed as a plain user', async () => {
    db = new PouchDB(`users-roles-${Date.now()}`, { adapter: 'memory' });
    await db.put({ _id: 'user:old', email: 'old@example.com', name: 'Old', passwordHash: 'h', createdAt: '2025-01-01T00:00:00.000Z' });
    await db.put({ _id: 'user:odd', email: 'odd@example.com', name: 'Odd', passwordHash: 'h', createdAt: '2025-01-01T00:00:00.000Z', role: 'root', permissions: ['users:read'] });
    const users = createPouchUserStore(db);
    expect(await users.findById('old')).toMatchObject({ role: 'user', permissions: [] });
    expect(await users.findById('odd')).toMatchObject({ role: 'user', permissions: [] });
  });

  it('keeps an admin\'s permissions and lists admins and owners only', async () => {
    db = new PouchDB(`users-roles-${Date.now()}`, { adapter: 'memory' });
    const users = createPouchUserStore(db);
    await users.create(testUserRecord({ id: 'a', email: 'a@example.com', role: 'admin', permissions: ['users:read', 'audit:read'] }));
    await users.create(testUserRecord({ id: 'o', email: 'o@example.com', role: 'owner' }));
    await users.create(testUserRecord({ id: 'u', email: 'u@example.com' }));
    await users.create(testUserRecord({ id: 'gone', email: 'gone@example.com', role: 'owner' }));
    await users.markForDeletion('gone');
    expect(await users.findById('a')).toMatchObject({ role: 'admin', permissions: ['users:read', 'audit:read'] });
    expect((await users.listPrivileged()).map((user) => user.id).sort()).toEqual(['a', 'o']);
  });

  it('scans every account a page at a time, those being deleted marked, and keeps disabled and activity times', async () => {
    db = new PouchDB(`users-roles-${Date.now()}`, { adapter: 'memory' });
    const users = createPouchUserStore(db);
    for (let index = 0; index < 7; index += 1) await users.create(testUserRecord({ id: `u${index}`, email: `u${index}@example.com` }));
    await users.markForDeletion('u3');
    await users.update('u4', (current) => ({ ...current, disabledAt: '2026-01-01T00:00:00.000Z', lastActiveAt: '2026-01-02T00:00:00.000Z', lastSyncAt: '2026-01-03T00:00:00.000Z' }));
    const pages: string[][] = [];
    for await (const page of users.scan(3)) pages.push(page.map((user) => (user.deletionStartedAt ? `${user.id} (deleting)` : user.id)));
    expect(pages).toEqual([['u0', 'u1', 'u2'], ['u3 (deleting)', 'u4', 'u5'], ['u6']]);
    expect(await users.findById('u4')).toMatchObject({ disabledAt: '2026-01-01T00:00:00.000Z', lastActiveAt: '2026-01-02T00:00:00.000Z', lastSyncAt: '2026-01-03T00:00:00.000Z' });
    await users.update('u4', (current) => ({ ...current, disabledAt: undefined }));
    expect((await users.findById('u4'))?.disabledAt).toBeUndefined();
  });
});
