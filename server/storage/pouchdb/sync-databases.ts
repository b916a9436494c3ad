import fs from 'node:fs';
import path from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import type { SyncDatabases } from '../types';

/**
 * User databases served by express-pouchdb, each a LevelDB directory under
 * `dir`. Only the parts replication needs are loaded; the database PUT/DELETE
 * route cannot be unloaded (it lives in routes/db), so the sync gate refuses it.
 */

// Everything minimumForPouchDB loads that RxDB and PouchDB replication do not use
// (views and temp views run user code in the server process).
const EXCLUDED_PARTS = [
  'routes/all-dbs',
  'routes/attachments',
  'routes/compact',
  'routes/root',
  'routes/session-stub',
  'routes/temp-views',
  'routes/view-cleanup',
  'routes/views',
];

type DbCache = Map<string, PouchDB.Database>;
type CallbackOrPromise<T> = (callback?: (error: unknown, value?: T) => void) => Promise<T>;

export interface PouchSyncDatabases extends SyncDatabases {
  close(): Promise<void>;
}

export interface SyncDatabaseOptions {
  /** A handle unused this long, with no request holding it, is closed. */
  idleMs: number;
  /** Documents written before the database is compacted. */
  compactAfterWrites: number;
  log?: (message: string, error?: unknown) => void;
}

interface HandleState {
  leases: number;
  lastUsed: number;
  compacting: boolean;
}

const STORED_BYTES_TTL_MS = 5000;

/**
 * express-pouchdb checks that a database exists by listing all of them and
 * searching the list (utils.setDBOnReq, on every request). This stands in for
 * that list: its `indexOf` asks the set of names, and `map` (express-pouchdb
 * decodes each name; ours are hex, never encoded) returns it unchanged.
 */
class KnownNames {
  constructor(private readonly names: ReadonlySet<string>) {}
  indexOf(name: string): number {
    return this.names.has(name) ? 0 : -1;
  }
  map(): this {
    return this;
  }
}

async function directoryBytes(dir: string): Promise<number> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) =>
    fs.promises.stat(path.join(dir, entry.name)).then((stat) => stat.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

export async function createPouchSyncDatabases(dir: string, options: SyncDatabaseOptions = { idleMs: 5 * 60_000, compactAfterWrites: 2000 }): Promise<PouchSyncDatabases> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const log = options.log ?? (() => undefined);
  // A trailing separator: PouchDB concatenates prefix and name.
  // The typings drop the static members that defaults() really keeps.
  const UserPouch = PouchDB.defaults({ prefix: dir.endsWith('/') ? dir : `${dir}/` }) as unknown as PouchDB.Static;

  // express-pouchdb keeps the databases it opens in this map (create-or-delete-dbs.js).
  // Sharing it means one handle per database, which close() can then release:
  // LevelDB handles are shared per path, so a second handle's close would cut the first.
  const cache: DbCache = new Map();
  const withCache = UserPouch as unknown as { __dbCacheMap: DbCache; allDbs: CallbackOrPromise<unknown> };
  withCache.__dbCacheMap = cache;

  // Defining allDbs stops express-pouchdb from installing pouchdb-all-dbs, which
  // would keep a hidden bookkeeping database next to the user databases. Every
  // directory here is a database the server created.
  const known = new Set(
    fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  );
  const knownNames = new KnownNames(known);
  withCache.allDbs = (callback) => {
    // express-pouchdb calls it with a callback before its wrappers are installed.
    if (callback) queueMicrotask(() => callback(null, knownNames));
    return Promise.resolve(knownNames);
  };

  const app = expressPouchDB({
    mode: 'minimumForPouchDB',
    overrideMode: { exclude: EXCLUDED_PARTS },
    // Keep express-pouchdb from writing config.json or log files into the cwd.
    inMemoryConfig: true,
  });
  await app.setPouchDB(UserPouch);

  const states = new Map<string, HandleState>();
  // A handle being closed: a request for it waits, then opens a fresh one.
  const closing = new Map<string, Promise<void>>();
  const storedBytesCache = new Map<string, { bytes: number; at: number }>();
  // Documents written since each database was last compacted. Not part of a handle's state: that goes
  // when an idle handle is closed, and a user who syncs a few writes every so often would never reach the count.
  const writesSinceCompaction = new Map<string, number>();

  const stateOf = (name: string): HandleState => {
    let state = states.get(name);
    if (!state) {
      state = { leases: 0, lastUsed: Date.now(), compacting: false };
      states.set(name, state);
    }
    return state;
  };

  async function open(name: string): Promise<PouchDB.Database> {
    await closing.get(name);
    let db = cache.get(name);
    if (!db) {
      db = new UserPouch(name);
      cache.set(name, db);
    }
    stateOf(name).lastUsed = Date.now();
    await db.info();
    known.add(name);
    return db;
  }

  async function lease(name: string) {
    const state = stateOf(name);
    state.leases += 1;
    try {
      const db = await open(name);
      let released = false;
      return {
        db,
        release() {
          if (released) return;
          released = true;
          state.leases -= 1;
          state.lastUsed = Date.now();
        },
      };
    } catch (error) {
      state.leases -= 1;
      throw error;
    }
  }

  /** Never twice at once on one database: a second request to compact while one runs is dropped. */
  function compact(name: string, state: HandleState): void {
    if (state.compacting) return;
    state.compacting = true;
    writesSinceCompaction.delete(name);
    void lease(name)
      .then(async (held) => {
        try {
          await held.db.compact();
          storedBytesCache.delete(name);
        } finally {
          held.release();
        }
      })
      .catch((error: unknown) => log(`Compacting a user database failed`, error))
      .finally(() => {
        state.compacting = false;
      });
  }

  function closeIdle(): void {
    const now = Date.now();
    for (const [name, state] of states) {
      if (state.leases > 0 || state.compacting || now - state.lastUsed < options.idleMs) continue;
      states.delete(name);
      const db = cache.get(name);
      if (!db) continue;
      cache.delete(name);
      const closed = db.close().catch((error: unknown) => log('Closing an idle user database failed', error)).finally(() => {
        if (closing.get(name) === closed) closing.delete(name);
      });
      closing.set(name, closed);
    }
  }
  const sweeper = setInterval(closeIdle, Math.max(250, Math.min(options.idleMs / 2, 60_000)));
  sweeper.unref();

  return {
    handler: app,
    readsStreamed: false,

    async ensureDatabase(name) {
      await open(name);
    },

    exists: (name) => Promise.resolve(known.has(name)),

    open,

    lease,

    noteWrites(name, count, addedBytes) {
      const state = stateOf(name);
      const writes = (writesSinceCompaction.get(name) ?? 0) + count;
      writesSinceCompaction.set(name, writes);
      // Measuring the directory (a readdir and a stat per file) on every write was a fifth of a
      // gated write's CPU; an estimate until the cached size expires bounds the error to a few seconds of writes.
      const cached = storedBytesCache.get(name);
      if (cached && addedBytes !== undefined) cached.bytes += addedBytes;
      else storedBytesCache.delete(name);
      if (writes >= options.compactAfterWrites) compact(name, state);
    },

    async documentCount(name) {
      if (!known.has(name)) return 0;
      // A local read of LevelDB's count: cheap enough for every write.
      const held = await lease(name);
      try {
        return (await held.db.info()).doc_count;
      } finally {
        held.release();
      }
    },

    async storedBytes(name) {
      if (!known.has(name)) return 0;
      const cached = storedBytesCache.get(name);
      if (cached && Date.now() - cached.at < STORED_BYTES_TTL_MS) return cached.bytes;
      const bytes = await directoryBytes(path.join(dir, name));
      storedBytesCache.set(name, { bytes, at: Date.now() });
      return bytes;
    },

    async list(prefix) {
      return [...known].filter((name) => name.startsWith(prefix)).sort();
    },

    async readAll(name) {
      if (!known.has(name)) return [];
      const held = await lease(name);
      try {
        const result = await held.db.allDocs({ include_docs: true });
        return result.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Record<string, unknown>] : []));
      } finally {
        held.release();
      }
    },

    async destroy(name) {
      await closing.get(name);
      if (!known.has(name) && !cache.has(name)) return;
      const db = cache.get(name) ?? new UserPouch(name);
      cache.delete(name);
      known.delete(name);
      states.delete(name);
      storedBytesCache.delete(name);
      writesSinceCompaction.delete(name);
      // destroy() closes the handle and removes the LevelDB directory.
      await db.destroy();
    },

    async close() {
      clearInterval(sweeper);
      await Promise.all(closing.values());
      const dbs = [...cache.values()];
      cache.clear();
      await Promise.all(dbs.map((db) => db.close().catch(() => undefined)));
    },
  };
}
