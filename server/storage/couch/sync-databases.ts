import type { DatabaseLease, SyncDatabases } from '../types';
import type { CouchClient } from './client';
import type { CouchDatabases } from './databases';
import { couchReplicationProxy } from './proxy';

/**
 * User databases in CouchDB. The server still creates them (on sign-up, or a
 * user's resumes database on its first request) and the sync gate still
 * decides every request; the replication itself is CouchDB's, streamed
 * through the gate by couchReplicationProxy.
 */

/** Handles kept for reuse; an HTTP handle holds no file or socket, so dropping the oldest costs nothing. */
const MAX_HANDLES = 2000;
const STORED_BYTES_TTL_MS = 5000;

interface CouchInfo {
  doc_count?: number;
  sizes?: { file?: number; active?: number };
  disk_size?: number;
}

export interface CouchSyncDatabases extends SyncDatabases {
  close(): Promise<void>;
}

export async function createCouchSyncDatabases(client: CouchClient, databases: CouchDatabases, log: (message: string, error?: unknown) => void): Promise<CouchSyncDatabases> {
  // The names this instance knows exist; filled once at start, then by every creation and lease.
  const known = new Set(await databases.list('userdb-'));
  const handles = new Map<string, PouchDB.Database>();
  const creating = new Map<string, Promise<void>>();
  const storedBytesCache = new Map<string, { bytes: number; at: number }>();

  function handle(name: string): PouchDB.Database {
    let db = handles.get(name);
    if (db) {
      // Moved to the back: the map's order is the order of last use.
      handles.delete(name);
    } else {
      db = databases.handle(name);
      if (handles.size >= MAX_HANDLES) {
        const oldest = handles.keys().next().value;
        if (oldest !== undefined) handles.delete(oldest);
      }
    }
    handles.set(name, db);
    return db;
  }

  async function ensureDatabase(name: string): Promise<void> {
    if (known.has(name)) return;
    let pending = creating.get(name);
    if (!pending) {
      pending = databases.create(name).then(() => {
        known.add(name);
      }).finally(() => creating.delete(name));
      creating.set(name, pending);
    }
    await pending;
  }

  async function open(name: string): Promise<PouchDB.Database> {
    await ensureDatabase(name);
    return handle(name);
  }

  return {
    readsStreamed: true,
    handler: couchReplicationProxy({ client, remoteName: databases.remoteName, log }),
    ensureDatabase,
    exists: (name) => known.has(name),
    async lease(name): Promise<DatabaseLease> {
      return { db: await open(name), release: () => undefined };
    },
    // CouchDB compacts on its own (its compaction daemon): nothing to count.
    noteWrites: () => undefined,
    async storedBytes(name) {
      if (!known.has(name)) return 0;
      const cached = storedBytesCache.get(name);
      if (cached && Date.now() - cached.at < STORED_BYTES_TTL_MS) return cached.bytes;
      const info = (await handle(name).info()) as unknown as CouchInfo;
      // CouchDB 2+ reports sizes.file; older servers and PouchDB Server disk_size (or nothing).
      const bytes = info.sizes?.file ?? info.disk_size ?? 0;
      storedBytesCache.set(name, { bytes, at: Date.now() });
      return bytes;
    },
    open,
    async list(prefix) {
      const names = await databases.list(prefix);
      for (const name of names) known.add(name);
      return names;
    },
    async readAll(name) {
      if (!known.has(name)) return [];
      const result = await handle(name).allDocs({ include_docs: true });
      return result.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Record<string, unknown>] : []));
    },
    async destroy(name) {
      await creating.get(name)?.catch(() => undefined);
      handles.delete(name);
      known.delete(name);
      storedBytesCache.delete(name);
      await databases.destroy(name);
    },
    async close() {
      handles.clear();
    },
  };
}
