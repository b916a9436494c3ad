import { idbCommitted, idbRequest as request } from '../../db/idb-request';
/**
 * What the sync engine knows about each document's server side, kept in an
 * IndexedDB database of its own: RxDB's replication kept this as a second
 * RxDB collection, so every pulled or pushed document was written twice
 * through RxDB and broadcast to every open extension page. Nobody but the
 * engine reads it, so it is plain IndexedDB, never broadcast.
 *
 * It is written only after the documents it describes are durable: a crash
 * in between leaves an older base, which the next pass treats as a local
 * change and settles through the server's conflict answer and the merge.
 */

/** The server's version of one document as this device last saw it. */
export interface SyncedState<T = Record<string, unknown>> {
  /** Which replication (collection, server database, local epoch). */
  scope: string;
  id: string;
  /** The server's revision of `base`. */
  rev: string;
  /** The document at `rev`, as stored locally (schema-upgraded, `_deleted` set): the merge's common ancestor. */
  base: T;
}

/** Where a replication stands in the server's feed and in the local change history. */
export interface SyncCheckpoints {
  scope: string;
  /** The server's `last_seq` up to which every change is stored here. */
  pull?: string | number;
  /** RxDB's local change order (`_meta.lwt`, then id) up to which every local write has reached the server or was set aside. */
  push?: { lwt: number; id: string };
  /** Server documents this version could not read (a newer schema, an invalid document): fetched again at each start. */
  unreadable?: string[];
}

const DOCS = 'docs';
const CHECKPOINTS = 'checkpoints';

export class SyncBookkeeping {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating on first use) the bookkeeping database `name` in `factory`. */
  static async open(factory: IDBFactory, name: string): Promise<SyncBookkeeping> {
    const open = factory.open(name, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(DOCS)) db.createObjectStore(DOCS, { keyPath: ['scope', 'id'] });
      if (!db.objectStoreNames.contains(CHECKPOINTS)) db.createObjectStore(CHECKPOINTS, { keyPath: 'scope' });
    };
    const db = await request(open);
    // Another context deleting the database (a wipe) must not wait on this connection.
    db.onversionchange = () => db.close();
    return new SyncBookkeeping(db);
  }

  async states<T>(scope: string, ids: readonly string[]): Promise<Map<string, SyncedState<T>>> {
    const found = new Map<string, SyncedState<T>>();
    if (ids.length === 0) return found;
    const tx = this.db.transaction(DOCS, 'readonly');
    const store = tx.objectStore(DOCS);
    const rows = await Promise.all(ids.map((id) => request(store.get([scope, id]) as IDBRequest<SyncedState<T> | undefined>)));
    for (const row of rows) if (row) found.set(row.id, row);
    return found;
  }

  /** Resolves once the transaction has committed. */
  async putStates<T>(states: readonly SyncedState<T>[]): Promise<void> {
    if (states.length === 0) return;
    const tx = this.db.transaction(DOCS, 'readwrite');
    const store = tx.objectStore(DOCS);
    for (const state of states) store.put(state);
    await idbCommitted(tx);
  }

  async checkpoints(scope: string): Promise<SyncCheckpoints> {
    const tx = this.db.transaction(CHECKPOINTS, 'readonly');
    const found = (await request(tx.objectStore(CHECKPOINTS).get(scope))) as SyncCheckpoints | undefined;
    return found ?? { scope };
  }

  async setCheckpoint(scope: string, patch: Omit<Partial<SyncCheckpoints>, 'scope'>): Promise<void> {
    const tx = this.db.transaction(CHECKPOINTS, 'readwrite');
    const store = tx.objectStore(CHECKPOINTS);
    const current = ((await request(store.get(scope))) as SyncCheckpoints | undefined) ?? { scope };
    store.put({ ...current, ...patch, scope });
    await idbCommitted(tx);
  }

  /** Forgets every replication's state: the local data it described is gone. */
  async clear(): Promise<void> {
    const tx = this.db.transaction([DOCS, CHECKPOINTS], 'readwrite');
    tx.objectStore(DOCS).clear();
    tx.objectStore(CHECKPOINTS).clear();
    await idbCommitted(tx);
  }

  close(): void {
    this.db.close();
  }
}

/** The bookkeeping database that belongs to an RxDB database. */
export function bookkeepingName(databaseName: string): string {
  return `${databaseName}-sync`;
}
