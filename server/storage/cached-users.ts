import type { UserRecord, UserStore } from './types';

/**
 * Keeps the user records that token checks read (every API and sync request
 * reads its user's record to see that it still exists, is not disabled, and
 * has not changed password or signed out everywhere since the token was
 * issued). In CouchDB mode that read is an HTTP round trip per request.
 *
 * Every write through this store replaces or drops its entry, so with one
 * instance (the embedded storage) an entry is never stale. Other instances'
 * writes are not seen here: `maxAgeMs` bounds how long a record another
 * instance changed can still be served, and `forget` lets a follower of the
 * users database drop it as soon as the change is known.
 */

export interface CachedUserStoreOptions {
  /** Entries kept at most; the least recently read go first. */
  maxEntries: number;
  /** How long an entry is served without reading the store again; Infinity when no other process writes the store. */
  maxAgeMs: number;
  now?: () => number;
}

export interface CachedUserStore extends UserStore {
  /** Drops a user's entry (a change made elsewhere). */
  forget(id: string): void;
}

interface Entry {
  record: UserRecord | null;
  at: number;
}

export function cacheUserRecords(store: UserStore, options: CachedUserStoreOptions): CachedUserStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Bumped by every write and forget: a read that began before one must not store what it read.
  const generations = new Map<string, number>();
  // Bumped when the counters are dropped (they would otherwise grow with every user ever written).
  let epoch = 0;

  const generation = (id: string) => `${epoch}:${generations.get(id) ?? 0}`;
  const changed = (id: string) => {
    entries.delete(id);
    generations.set(id, (generations.get(id) ?? 0) + 1);
    if (generations.size > options.maxEntries * 2) {
      generations.clear();
      epoch += 1;
    }
  };
  const remember = (id: string, record: UserRecord | null) => {
    entries.delete(id);
    entries.set(id, { record, at: now() });
    if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
  };
  // Callers may change what they are given: each gets its own copy.
  const copy = (record: UserRecord | null) => (record ? structuredClone(record) : null);

  return {
    ...store,
    async findById(id) {
      const entry = entries.get(id);
      if (entry && now() - entry.at < options.maxAgeMs) {
        // Read again: most recently used last.
        entries.delete(id);
        entries.set(id, entry);
        return copy(entry.record);
      }
      const before = generation(id);
      const record = await store.findById(id);
      if (generation(id) === before) remember(id, record);
      return copy(record);
    },
    async create(user) {
      changed(user.id);
      return store.create(user);
    },
    async update(id, change) {
      changed(id);
      try {
        return await store.update(id, change);
      } finally {
        changed(id);
      }
    },
    async markForDeletion(id) {
      changed(id);
      try {
        return await store.markForDeletion(id);
      } finally {
        changed(id);
      }
    },
    async delete(id) {
      changed(id);
      try {
        return await store.delete(id);
      } finally {
        changed(id);
      }
    },
    forget: changed,
  };
}
