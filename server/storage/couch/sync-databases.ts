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

/** Handles kept for reuse; an HTTP handle holds no file or socket (the client's agent pools those), so dropping the oldest costs little. */
const MAX_HANDLES = 2000;
/** How long a database's size and document count, read in one info request, are taken as they were. */
const USAGE_TTL_MS = 30_000;
/**
 * How long a database found missing is taken to stay missing before CouchDB is asked again:
 * a user without a resumes database would otherwise cost a lookup on every push's quota check.
 */
const MISSING_TTL_MS = 5000;

interface CouchInfo {
  doc_count?: number;
  sizes?: { file?: number; active?: number };
  disk_size?: number;
}

interface Handle {
  db: PouchDB.Database;
  /** Requests using it now. */
  leases: number;
  /** No longer in the map: closed when the last lease ends. */
  dropped: boolean;
}

export interface CouchSyncDatabases extends SyncDatabases {
  close(): Promise<void>;
}

export async function createCouchSyncDatabases(client: CouchClient, databases: CouchDatabases, log: (message: string, error?: unknown) => void): Promise<CouchSyncDatabases> {
  // The names this instance knows exist; filled once at start, then by every creation and lease,
  // and by exists(), which asks CouchDB: other instances create databases too.
  const known = new Set(await databases.list('userdb-'));
  const missing = new Map<string, number>();
  const handles = new Map<string, Handle>();
  const creating = new Map<string, Promise<void>>();
  const usageCache = new Map<string, { bytes: number; documents: number; at: number }>();

  /**
   * PouchDB keeps every handle it has made until it is closed (its per-name
   * list of open databases), so a dropped handle is closed, at once when no
   * request holds it, else when the last one lets it go.
   */
  function drop(entry: Handle): void {
    entry.dropped = true;
    if (entry.leases === 0) void entry.db.close().catch(() => undefined);
  }

  function handle(name: string): Handle {
    let entry = handles.get(name);
    if (entry) {
      // Moved to the back: the map's order is the order of last use.
      handles.delete(name);
    } else {
      entry = { db: databases.handle(name), leases: 0, dropped: false };
      if (handles.size >= MAX_HANDLES) {
        const [oldest, evicted] = handles.entries().next().value ?? [];
        if (oldest !== undefined && evicted) {
          handles.delete(oldest);
          drop(evicted);
        }
      }
    }
    handles.set(name, entry);
    return entry;
  }

  /** Runs `task` on the database's handle, which stays open meanwhile. */
  async function withHandle<T>(name: string, task: (db: PouchDB.Database) => Promise<T>): Promise<T> {
    const entry = handle(name);
    entry.leases += 1;
    try {
      return await task(entry.db);
    } finally {
      release(entry);
    }
  }

  function release(entry: Handle): void {
    entry.leases -= 1;
    if (entry.dropped && entry.leases === 0) void entry.db.close().catch(() => undefined);
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

  /** A database's size and live documents: one info request every 30 seconds, not one per write. */
  async function usage(name: string): Promise<{ bytes: number; documents: number }> {
    if (!known.has(name)) return { bytes: 0, documents: 0 };
    const cached = usageCache.get(name);
    if (cached && Date.now() - cached.at < USAGE_TTL_MS) return cached;
    const info = (await withHandle(name, (db) => db.info())) as unknown as CouchInfo;
    // CouchDB 2+ reports sizes.file; older servers and PouchDB Server disk_size (or nothing).
    const fresh = { bytes: info.sizes?.file ?? info.disk_size ?? 0, documents: info.doc_count ?? 0, at: Date.now() };
    usageCache.set(name, fresh);
    return fresh;
  }

  /** Known here, or found in CouchDB: another instance may have made it since this one started. */
  async function exists(name: string): Promise<boolean> {
    if (known.has(name)) return true;
    const missed = missing.get(name);
    if (missed !== undefined && Date.now() - missed < MISSING_TTL_MS) return false;
    if (await databases.exists(name)) {
      missing.delete(name);
      known.add(name);
      return true;
    }
    if (missing.size >= MAX_HANDLES) missing.clear();
    missing.set(name, Date.now());
    return false;
  }

  async function open(name: string): Promise<PouchDB.Database> {
    await ensureDatabase(name);
    return handle(name).db;
  }

  return {
    readsStreamed: true,
    handler: couchReplicationProxy({ client, remoteName: databases.remoteName, log }),
    ensureDatabase,
    exists,
    async lease(name): Promise<DatabaseLease> {
      await ensureDatabase(name);
      const entry = handle(name);
      entry.leases += 1;
      let released = false;
      return {
        db: entry.db,
        release() {
          if (released) return;
          released = true;
          release(entry);
        },
      };
    },
    // CouchDB compacts on its own (its compaction daemon): only the cached usage is kept up.
    noteWrites(name, _count, addedBytes, addedDocuments) {
      const cached = usageCache.get(name);
      if (!cached) return;
      if (addedDocuments === undefined) {
        usageCache.delete(name);
        return;
      }
      cached.documents += addedDocuments;
      cached.bytes += addedBytes ?? 0;
    },
    async storedBytes(name) {
      return (await usage(name)).bytes;
    },
    async documentCount(name) {
      return (await usage(name)).documents;
    },
    open,
    async list(prefix) {
      const names = await databases.list(prefix);
      for (const name of names) known.add(name);
      return names;
    },
    async readAll(name) {
      if (!(await exists(name))) return [];
      const result = await withHandle(name, (db) => db.allDocs({ include_docs: true }));
      return result.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Record<string, unknown>] : []));
    },
    async destroy(name) {
      await creating.get(name)?.catch(() => undefined);
      const entry = handles.get(name);
      handles.delete(name);
      if (entry) drop(entry);
      known.delete(name);
      usageCache.delete(name);
      await databases.destroy(name);
    },
    async close() {
      for (const entry of handles.values()) drop(entry);
      handles.clear();
    },
  };
}
