import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPouchRefreshTokenStore, PRUNE_INTERVAL_MS } from './refresh-tokens';

PouchDB.plugin(memoryAdapter);

let db: PouchDB.Database | undefined;
let seq = 0;

function openDb(): PouchDB.Database {
  seq += 1;
  db = new PouchDB(`refresh-tokens-${Date.now()}-${seq}`, { adapter: 'memory' });
  return db;
}

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

async function ids(database: PouchDB.Database): Promise<string[]> {
  return (await database.allDocs()).rows.map((row) => row.id).sort();
}

describe('refresh token store', () => {
  it('revokes all of one user\'s families reading only that user\'s tokens', async () => {
    const database = openDb();
    const store = createPouchRefreshTokenStore(database);
    const later = iso(Date.now() + DAY);
    await store.save({ jti: 'a1', userId: 'alice', family: 'fa1', expiresAt: later });
    await store.save({ jti: 'a2', userId: 'alice', family: 'fa2', expiresAt: later });
    await store.save({ jti: 'b1', userId: 'bob', family: 'fb1', expiresAt: later });

    const allDocs = vi.spyOn(database, 'allDocs');
    expect(await store.revokeAllForUser('alice')).toBe(2);
    expect(allDocs.mock.calls.map(([options]) => (options as { startkey?: string; endkey?: string }))).toEqual([
      expect.objectContaining({ startkey: 'rt:alice:', endkey: 'rt:alice:\ufff0' }),
    ]);
    expect(await store.isFamilyRevoked('fa1')).toBe(true);
    expect(await store.isFamilyRevoked('fa2')).toBe(true);
    expect(await store.isFamilyRevoked('fb1')).toBe(false);
  });

  it('prunes the user\'s expired tokens, used or not, on a later save; a used token still counts as reused until it expires', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const database = openDb();
    const store = createPouchRefreshTokenStore(database, { now: () => now });
    await store.save({ jti: 'old-used', userId: 'alice', family: 'f', expiresAt: iso(now + DAY) });
    await store.save({ jti: 'old-unused', userId: 'alice', family: 'g', expiresAt: iso(now + DAY) });
    await store.save({ jti: 'fresh-used', userId: 'alice', family: 'f', expiresAt: iso(now + 3 * DAY) });
    await store.save({ jti: 'bob-old', userId: 'bob', family: 'h', expiresAt: iso(now + DAY) });
    expect((await store.consume('alice', 'old-used')).status).toBe('consumed');
    expect((await store.consume('alice', 'fresh-used')).status).toBe('consumed');

    now += 2 * DAY + PRUNE_INTERVAL_MS;
    await store.save({ jti: 'new', userId: 'alice', family: 'f', expiresAt: iso(now + 7 * DAY) });

    expect(await ids(database)).toEqual(['rt:alice:fresh-used', 'rt:alice:new', 'rt:bob:bob-old']);
    expect((await store.consume('alice', 'fresh-used')).status).toBe('reused');
    expect((await store.consume('alice', 'old-used')).status).toBe('unknown');
  });

  it('moves tokens stored under the old keys to per-user keys once, dropping expired ones', async () => {
    const database = openDb();
    const now = Date.now();
    await database.bulkDocs([
      { _id: 'token:j1', userId: 'alice', family: 'f', expiresAt: iso(now + DAY), state: 'used', usedAt: iso(now) },
      { _id: 'token:j2', userId: 'alice', family: 'f', expiresAt: iso(now + DAY), state: 'active' },
      { _id: 'token:j3', userId: 'bob', family: 'g', expiresAt: iso(now - 1000), state: 'active' },
    ]);
    const store = createPouchRefreshTokenStore(database);
    expect((await store.consume('alice', 'j1')).status).toBe('reused');
    expect(await ids(database)).toEqual(['rt:alice:j1', 'rt:alice:j2']);
    expect((await store.consume('alice', 'j2')).status).toBe('consumed');
    expect((await store.consume('bob', 'j3')).status).toBe('unknown');
  });
});
