import { UserDirectory, type UserSummary } from '../../shared/admin/user-directory';
import type { UserChange, UserChangeFeed, UserRecord, UserStore } from '../storage/types';

/**
 * Keeps the admin console's in-memory directory (shared/admin/user-directory.ts)
 * in step with the user store: built by one scan at start, then every write
 * through the returned store updates it. Every part of the server must use
 * the returned store, or its writes would not show in the console. The same
 * scan finds the deletions a crash left unfinished, which the store then
 * tracks too, so start-up reads the user database once, not twice.
 *
 * With a change feed (COUCHDB_URL: other instances write the same users
 * database), the directory also follows the database's `_changes` from the
 * sequence taken before the scan, so an account made or changed through
 * another instance shows here within a poll. Writes through this store still
 * update it at once (a change the feed then brings again is applied again,
 * which is harmless: the feed's copy is never older than the write it
 * reports). The unfinished deletions follow the feed too: they are read at
 * start only (account/service.ts), but a deletion another instance left
 * halfway is then known here as well.
 */

export function summarise(user: UserRecord): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    permissions: user.permissions,
    emailVerified: user.emailVerified,
    disabled: Boolean(user.disabledAt),
    createdAt: user.createdAt,
    lastActiveAt: user.lastActiveAt ?? null,
    lastSyncAt: user.lastSyncAt ?? null,
  };
}

export interface IndexedUsers {
  users: UserStore;
  directory: UserDirectory;
  /** Stops following the change feed (a no-op without one). */
  close(): Promise<void>;
}

export async function indexUsers(store: UserStore, feed?: UserChangeFeed): Promise<IndexedUsers> {
  const directory = new UserDirectory();
  const loaded: UserSummary[] = [];
  const beingDeleted = new Map<string, UserRecord>();
  // Before the scan: a change made during it comes again through the feed.
  const since = feed ? await feed.now() : null;
  for await (const page of store.scan(1000)) {
    for (const user of page) {
      if (user.deletionStartedAt) beingDeleted.set(user.id, user);
      else loaded.push(summarise(user));
    }
  }
  directory.load(loaded);

  function applyChanges(changes: readonly UserChange[]): void {
    for (const { id, user } of changes) {
      if (user && !user.deletionStartedAt) {
        directory.upsert(summarise(user));
        beingDeleted.delete(id);
      } else {
        directory.remove(id);
        if (user) beingDeleted.set(id, user);
        else beingDeleted.delete(id);
      }
    }
  }
  const follower = feed && since !== null ? feed.follow(since, applyChanges) : null;

  const users: UserStore = {
    ...store,
    async create(user) {
      const result = await store.create(user);
      if (result === 'created') directory.upsert(summarise(user));
      return result;
    },
    async update(id, change) {
      const updated = await store.update(id, change);
      if (updated) directory.upsert(summarise(updated));
      return updated;
    },
    async markForDeletion(id) {
      const marked = await store.markForDeletion(id);
      directory.remove(id);
      if (marked) beingDeleted.set(id, marked);
      return marked;
    },
    async delete(id) {
      await store.delete(id);
      directory.remove(id);
      beingDeleted.delete(id);
    },
    async pendingDeletions() {
      return [...beingDeleted.values()];
    },
    // Each role change and owner check asks for these: from the directory, not a scan of every account.
    async listPrivileged() {
      const found = await Promise.all(directory.privilegedIds().map((id) => store.findById(id)));
      return found.filter((user): user is UserRecord => user !== null && user.role !== 'user');
    },
  };
  return { users, directory, close: async () => follower?.stop() };
}
