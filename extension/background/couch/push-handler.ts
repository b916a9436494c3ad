import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { fromCouchDoc, isRevision, toCouchDoc, type CouchDoc } from './couch-doc';
import { bulkDocs, currentMasters, type CouchDatabase } from './couch-requests';
import type { PulledStates } from '../pull-echoes';
import type { KnownRevisions } from './known-revisions';

export interface PushHandlerOptions<T> {
  db: CouchDatabase;
  /** The collection's conflict handler's equality. */
  isEqual: (a: WithDeleted<T>, b: WithDeleted<T>) => boolean;
  /** Brings a server version to the current schema before it is compared or merged. */
  upgrade: (doc: WithDeleted<T>) => WithDeleted<T>;
  known: KnownRevisions;
  /** States the server sent; pushing one back is an echo (see ../pull-echoes.ts) and is skipped. */
  pulled: PulledStates;
}

/**
 * Pushes a batch and returns the server versions that conflict with it, for
 * RxDB's conflict handler. RxDB's CouchDB plugin reads every document from
 * the server before every push; here only updates are read first (their
 * revision is needed, and a version the device has not seen is a conflict).
 * A document the device never had on the server is written without a
 * revision: the server itself answers "conflict" when it already exists, and
 * only those are read. An initial push of new jobs is then one request per
 * batch instead of two.
 */
export function couchPushHandler<T>(options: PushHandlerOptions<T>) {
  const { db } = options;
  const serverVersion = (doc: CouchDoc) => options.upgrade(fromCouchDoc<T>(doc));

  return async (rows: RxReplicationWriteToMasterRow<T>[]): Promise<WithDeleted<T>[]> => {
    const conflicts: WithDeleted<T>[] = [];
    const writes: CouchDoc[] = [];
    const sending = rows.filter((row) => !options.pulled.wasPulled(toCouchDoc(row.newDocumentState, undefined)));
    const updates = sending.filter((row) => row.assumedMasterState !== undefined);
    for (const row of sending) if (row.assumedMasterState === undefined) writes.push(toCouchDoc(row.newDocumentState, undefined));

    const masters = await currentMasters(db, updates.map((row) => idOf(row.newDocumentState)));
    for (const master of masters.values()) options.pulled.remember(master.doc);
    for (const row of updates) {
      const master = masters.get(idOf(row.newDocumentState));
      if (!master) {
        // Gone from the server (a new database after a reset): written afresh.
        writes.push(toCouchDoc(row.newDocumentState, undefined));
        continue;
      }
      const real = serverVersion(master.doc);
      options.known.see(master.doc._id, master.rev);
      if (options.isEqual(real, row.assumedMasterState!)) writes.push(toCouchDoc(row.newDocumentState, master.rev));
      else conflicts.push(real);
    }
    if (writes.length === 0) return conflicts;

    const conflicted: string[] = [];
    for (const result of await bulkDocs(db, writes)) {
      if (typeof result.id !== 'string') continue;
      if (result.ok) {
        if (isRevision(result.rev)) options.known.pushed(result.id, result.rev);
      } else if (result.error === 'conflict') {
        conflicted.push(result.id);
      } else {
        // Thrown, so RxDB retries the batch (refusals the user must see are set aside before this).
        throw new Error(`The sync server did not store ${result.id}: ${result.reason ?? result.error ?? 'no reason given'}`);
      }
    }
    if (conflicted.length === 0) return conflicts;

    // Written elsewhere meanwhile: the server's version goes to the conflict handler.
    const current = await currentMasters(db, conflicted);
    for (const id of conflicted) {
      const master = current.get(id);
      if (!master) throw new Error(`The sync server reported a conflict on ${id} but has no version of it`);
      options.known.see(id, master.rev);
      options.pulled.remember(master.doc);
      conflicts.push(serverVersion(master.doc));
    }
    return conflicts;
  };
}

function idOf(doc: unknown): string {
  return (doc as { id: string }).id;
}
