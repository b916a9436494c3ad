import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { userQuerySchema } from '../../shared/admin/user-directory';
import { createPouchUserStore } from '../storage/pouchdb/users';
import { testUserRecord } from '../storage/test-user';
import type { UserChange, UserChangeFeed } from '../storage/types';
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

  it('with a change feed, follows what other writers do from the sequence taken before the scan, and stops on close', async () => {
    db = new PouchDB(`user-index-feed-${Date.now()}`, { adapter: 'memory' });
    const raw = createPouchUserStore(db);
    await raw.create(testUserRecord({ id: 'ann', email: 'ann@example.com' }));
    // A feed driven by hand: what another instance's writes would bring.
    let deliver: ((changes: UserChange[]) => void) | null = null;
    let followedFrom: string | null = null;
    let stopped = false;
    const feed: UserChangeFeed = {
      now: async () => '7-opaque',
      follow(since, apply) {
        followedFrom = since;
        deliver = apply;
        return { stop: async () => { stopped = true; } };
      },
    };
    const indexed = await indexUsers(raw, feed);
    const all = () => emails(indexed.directory.search(userQuerySchema.parse({ sort: 'email' })));
    expect(followedFrom).toBe('7-opaque');

    const bob = testUserRecord({ id: 'bob', email: 'bob@example.com' });
    deliver!([{ id: 'bob', user: bob }, { id: 'ann', user: { ...testUserRecord({ id: 'ann', email: 'ann@example.com' }), disabledAt: new Date().toISOString() } }]);
    expect(all()).toEqual(['ann@example.com', 'bob@example.com']);
    expect(emails(indexed.directory.search(userQuerySchema.parse({ disabled: 'true' })))).toEqual(['ann@example.com']);

    // Another instance starts deleting bob, then finishes.
    deliver!([{ id: 'bob', user: { ...bob, deletionStartedAt: new Date().toISOString() } }]);
    expect(all()).toEqual(['ann@example.com']);
    expect((await indexed.users.pendingDeletions()).map((user) => user.id)).toEqual(['bob']);
    deliver!([{ id: 'bob', user: null }]);
    expect((await indexed.users.pendingDeletions())).toEqual([]);

    await indexed.close();
    expect(stopped).toBe(true);
  });
});
