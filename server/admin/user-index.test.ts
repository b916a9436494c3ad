import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { userQuerySchema } from '../../shared/admin/user-directory';
import { createPouchUserStore } from '../storage/pouchdb/users';
import { testUserRecord } from '../storage/test-user';
import { indexUsers } from './user-index';

PouchDB.plugin(memoryAdapter);

let db: PouchDB.Database | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const emails = (result: { users: { email: string }[] }) => result.users.map((user) => user.email);

describe('indexed user store', () => {
  it('builds the directory and the unfinished deletions from one scan, then follows every write', async () => {
    db = new PouchDB(`user-index-${Date.now()}`, { adapter: 'memory' });
    const raw = createPouchUserStore(db);
    for (const name of ['ann', 'bob', 'cy']) await raw.create(testUserRecord({ id: name, email: `${name}@example.com` }));
    await raw.markForDeletion('cy');

    const { users, directory } = await indexUsers(raw);
    const all = () => directory.search(userQuerySchema.parse({ sort: 'email' }));
    expect(emails(all())).toEqual(['ann@example.com', 'bob@example.com']);
    expect((await users.pendingDeletions()).map((user) => user.id)).toEqual(['cy']);

    await users.create(testUserRecord({ id: 'dee', email: 'dee@example.com', role: 'admin', permissions: ['users:read'] }));
    await users.update('ann', (current) => ({ ...current, disabledAt: new Date().toISOString() }));
    expect(emails(directory.search(userQuerySchema.parse({ disabled: 'true' })))).toEqual(['ann@example.com']);
    expect((await users.listPrivileged()).map((user) => user.id)).toEqual(['dee']);

    await users.markForDeletion('bob');
    expect(emails(all())).toEqual(['ann@example.com', 'dee@example.com']);
    expect((await users.pendingDeletions()).map((user) => user.id).sort()).toEqual(['bob', 'cy']);
    await users.delete('cy');
    expect((await users.pendingDeletions()).map((user) => user.id)).toEqual(['bob']);
  });
});
