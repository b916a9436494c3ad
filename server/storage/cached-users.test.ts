import { describe, expect, it } from 'vitest';
import { cacheUserRecords } from './cached-users';
import { testUserRecord } from './test-user';
import type { UserRecord, UserStore } from './types';

/** A user store in memory that counts its reads, and can hold a read until the test lets it go. */
function memoryUsers(initial: UserRecord[]) {
  const records = new Map(initial.map((user) => [user.id, structuredClone(user)]));
  let held: { reached: () => void; release: Promise<void> } | undefined;
  const counts = { reads: 0 };
  const store = {
    async findById(id: string) {
      counts.reads += 1;
      const value = records.get(id) ?? null;
      const snapshot = value ? structuredClone(value) : null;
      if (held) {
        const hold = held;
        held = undefined;
        hold.reached();
        await hold.release;
      }
      return snapshot;
    },
    async create(user: UserRecord) {
      records.set(user.id, structuredClone(user));
      return 'created' as const;
    },
    async update(id: string, change: (current: UserRecord) => UserRecord) {
      const current = records.get(id);
      if (!current) return null;
      const next = change(structuredClone(current));
      records.set(id, next);
      return structuredClone(next);
    },
    async markForDeletion(id: string) {
      const current = records.get(id);
      records.delete(id);
      return current ?? null;
    },
    async delete(id: string) {
      records.delete(id);
    },
  } as unknown as UserStore;
  return {
    store,
    counts,
    /** Writes behind the cache's back, as another server instance would. */
    writeElsewhere(id: string, change: Partial<UserRecord>) {
      records.set(id, { ...records.get(id)!, ...change });
    },
    holdNextRead() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      held = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
      return { reached: reachedPromise, release };
    },
  };
}

describe('cacheUserRecords', () => {
  const ada = testUserRecord({ id: 'ada', name: 'Ada' });

  it('reads a user once, and serves copies its caller may change', async () => {
    const users = memoryUsers([ada]);
    const cached = cacheUserRecords(users.store, { maxEntries: 10, maxAgeMs: Infinity });
    const first = await cached.findById('ada');
    first!.name = 'Changed by a caller';
    expect((await cached.findById('ada'))!.name).toBe('Ada');
    expect(users.counts.reads).toBe(1);
  });

  it('serves what its own writes stored at once: a sign-out everywhere, a deletion', async () => {
    const users = memoryUsers([ada]);
    const cached = cacheUserRecords(users.store, { maxEntries: 10, maxAgeMs: Infinity });
    await cached.findById('ada');
    await cached.update('ada', (current) => ({ ...current, sessionsRevokedAt: '2026-12-07T00:00:00.000Z' }));
    expect((await cached.findById('ada'))!.sessionsRevokedAt).toBe('2026-12-07T00:00:00.000Z');
    await cached.markForDeletion('ada');
    expect(await cached.findById('ada')).toBeNull();
  });

  it('does not keep a read that a write overtook', async () => {
    const users = memoryUsers([ada]);
    const cached = cacheUserRecords(users.store, { maxEntries: 10, maxAgeMs: Infinity });
    const hold = users.holdNextRead();
    const slowRead = cached.findById('ada');
    await hold.reached;
    await cached.update('ada', (current) => ({ ...current, disabledAt: '2026-12-07T00:00:00.000Z' }));
    hold.release();
    expect((await slowRead)!.disabledAt).toBeUndefined();
    expect((await cached.findById('ada'))!.disabledAt).toBe('2026-12-07T00:00:00.000Z');
  });

  it('reads again once an entry is older than maxAgeMs, or forgotten, to see other instances’ writes', async () => {
    let clock = 0;
    const users = memoryUsers([ada]);
    const cached = cacheUserRecords(users.store, { maxEntries: 10, maxAgeMs: 2000, now: () => clock });
    await cached.findById('ada');
    users.writeElsewhere('ada', { passwordChangedAt: '2026-12-07T00:00:00.000Z' });
    clock = 1999;
    expect((await cached.findById('ada'))!.passwordChangedAt).toBeNull();
    clock = 2000;
    expect((await cached.findById('ada'))!.passwordChangedAt).toBe('2026-12-07T00:00:00.000Z');
    users.writeElsewhere('ada', { name: 'Ada L.' });
    cached.forget('ada');
    expect((await cached.findById('ada'))!.name).toBe('Ada L.');
  });

  it('keeps at most maxEntries, dropping the least recently read', async () => {
    const users = memoryUsers(['a', 'b', 'c'].map((id) => testUserRecord({ id })));
    const cached = cacheUserRecords(users.store, { maxEntries: 2, maxAgeMs: Infinity });
    await cached.findById('a');
    await cached.findById('b');
    await cached.findById('a');
    await cached.findById('c');
    users.counts.reads = 0;
    await cached.findById('a');
    await cached.findById('c');
    expect(users.counts.reads).toBe(0);
    await cached.findById('b');
    expect(users.counts.reads).toBe(1);
  });
});
