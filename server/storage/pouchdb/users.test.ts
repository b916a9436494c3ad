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

const ada = testUserRecord();

describe('user store updates', () => {
  it('applies concurrent changes to one another, so a sign-in noting its device never undoes a password reset', async () => {
    db = new PouchDB(`users-${Date.now()}`, { adapter: 'memory' });
    const users = createPouchUserStore(db);
    expect(await users.create(ada)).toBe('created');

    await Promise.all([
      users.update(ada.id, (current) => ({ ...current, knownDevices: [...current.knownDevices, 'new-laptop'] })),
      users.update(ada.id, (current) => ({ ...current, passwordHash: 'new-hash', passwordChangedAt: '2026-11-23T10:00:00.000Z' })),
      users.update(ada.id, (current) => ({ ...current, name: 'Ada L.' })),
    ]);

    expect(await users.findById(ada.id)).toMatchObject({
      passwordHash: 'new-hash',
      passwordChangedAt: '2026-11-23T10:00:00.000Z',
      knownDevices: ['new-laptop'],
      name: 'Ada L.',
      email: 'ada@example.com',
    });
  });

  it('never changes the email, and answers null for a user that is gone', async () => {
    db = new PouchDB(`users-${Date.now()}`, { adapter: 'memory' });
    const users = createPouchUserStore(db);
    await users.create(ada);
    expect(await users.update(ada.id, (current) => ({ ...current, email: 'eve@example.com' }))).toMatchObject({ email: 'ada@example.com' });
    expect(await users.update('nobody', (current) => current)).toBeNull();
  });
});

describe('user store deletion', () => {
  it('treats an account marked for deletion as gone everywhere but keeps its email claimed until the record is removed', async () => {
    db = new PouchDB(`users-${Date.now()}`, { adapter: 'memory' });
    const users = createPouchUserStore(db);
    await users.create(ada);

    const marked = await users.markForDeletion(ada.id);
    expect(marked?.deletionStartedAt).toEqual(expect.any(String));
    expect(await users.findById(ada.id)).toBeNull();
    expect(await users.findByEmail(ada.email)).toBeNull();
    expect(await users.update(ada.id, (current) => ({ ...current, name: 'Back' }))).toBeNull();
    expect(await users.create({ ...ada, id: 'u2' })).toBe('email_taken');
    expect((await users.pendingDeletions()).map((user) => user.id)).toEqual([ada.id]);
    // Marking twice keeps the first time: a retried deletion is not a new one.
    expect((await users.markForDeletion(ada.id))?.deletionStartedAt).toBe(marked?.deletionStartedAt);

    await users.delete(ada.id);
    expect(await users.pendingDeletions()).toEqual([]);
    expect(await users.create({ ...ada, id: 'u2' })).toBe('created');
  });
});
