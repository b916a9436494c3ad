import type { SyncDatabases, UserStore } from '../../storage/types';
import { userIdOf } from './user-db';

/**
 * The storage as the rest of the server uses it, telling platform analytics
 * of what concerns it: writes to a user's jobs database (every write path
 * notes its writes for compaction already), and changes to an account (an
 * opt-out, a deletion), so the user's contribution is replaced or dropped.
 */

export function noticeWrites(databases: SyncDatabases, changed: (userId: string) => void): SyncDatabases {
  return {
    ...databases,
    noteWrites(name, count, addedBytes, addedDocuments) {
      databases.noteWrites(name, count, addedBytes, addedDocuments);
      const userId = userIdOf(name);
      if (userId !== null && count > 0) changed(userId);
    },
  };
}

export function noticeAccountChanges(users: UserStore, changed: (userId: string) => void): UserStore {
  return {
    ...users,
    async update(id, change) {
      const updated = await users.update(id, change);
      // Cheap for the aggregator: it reads the record and recomputes only when the opt-out or the database moved.
      if (updated) changed(id);
      return updated;
    },
    async markForDeletion(id) {
      const marked = await users.markForDeletion(id);
      changed(id);
      return marked;
    },
    async delete(id) {
      await users.delete(id);
      changed(id);
    },
  };
}
