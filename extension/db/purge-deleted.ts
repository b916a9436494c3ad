import type { RxCollection } from 'rxdb';

/**
 * Purges a collection's deleted documents for good, however recently they
 * were deleted, so no tombstone is left to push. This calls the storage's own
 * cleanup directly, not RxDB's cleanup plugin: the plugin also starts a
 * cleanup cycle in every context that opens the database, which a minute
 * later waits for a leader election this extension does not run (it threw in
 * every open page), and would purge month-old deletions without knowing
 * whether the sync engine (not an RxDB replication) has pushed them.
 */
export async function purgeDeletedDocs<T>(collection: RxCollection<T>): Promise<void> {
  // The storage purges a batch at a time and answers true once none is left.
  while (!collection.closed && !(await collection.storageInstance.cleanup(0))) {
    // Next batch.
  }
}
