import fs from 'node:fs';
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

export async function createPouchSyncDatabases(dir: string): Promise<PouchSyncDatabases> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A trailing separator: PouchDB concatenates prefix and name.
  // The typings drop the static members that defaults() really keeps.
  const UserPouch = PouchDB.defaults({ prefix: dir.endsWith('/') ? dir : `${dir}/` }) as unknown as PouchDB.Static;

  // express-pouchdb keeps the databases it opens in this map (create-or-delete-dbs.js).
  // Sharing it means one handle per database, which close() can then release:
  // LevelDB handles are shared per path, so a second handle's close would cut the first.
  const cache: DbCache = new Map();
  const withCache = UserPouch as unknown as { __dbCacheMap: DbCache; allDbs: CallbackOrPromise<string[]> };
  withCache.__dbCacheMap = cache;

  // Defining allDbs stops express-pouchdb from installing pouchdb-all-dbs, which
  // would keep a hidden bookkeeping database next to the user databases. Every
  // directory here is a database the server created.
  const known = new Set(
    fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  );
  withCache.allDbs = (callback) => {
    const names = [...known];
    // express-pouchdb calls it with a callback before its wrappers are installed.
    if (callback) queueMicrotask(() => callback(null, names));
    return Promise.resolve(names);
  };

  const app = expressPouchDB({
    mode: 'minimumForPouchDB',
    overrideMode: { exclude: EXCLUDED_PARTS },
    // Keep express-pouchdb from writing config.json or log files into the cwd.
    inMemoryConfig: true,
  });
  await app.setPouchDB(UserPouch);

  async function open(name: string): Promise<PouchDB.Database> {
    let db = cache.get(name);
    if (!db) {
      db = new UserPouch(name);
      cache.set(name, db);
    }
    await db.info();
    known.add(name);
    return db;
  }

  return {
    handler: app,

    async ensureDatabase(name) {
      await open(name);
    },

    open,

    async list(prefix) {
      return [...known].filter((name) => name.startsWith(prefix)).sort();
    },

    async readAll(name) {
      if (!known.has(name)) return [];
      let db = cache.get(name);
      if (!db) {
        db = new UserPouch(name);
        cache.set(name, db);
      }
      const result = await db.allDocs({ include_docs: true });
      return result.rows.flatMap((row) => (row.doc ? [row.doc as unknown as Record<string, unknown>] : []));
    },

    async destroy(name) {
      if (!known.has(name) && !cache.has(name)) return;
      const db = cache.get(name) ?? new UserPouch(name);
      cache.delete(name);
      known.delete(name);
      // destroy() closes the handle and removes the LevelDB directory.
      await db.destroy();
    },

    async close() {
      const dbs = [...cache.values()];
      cache.clear();
      await Promise.all(dbs.map((db) => db.close().catch(() => undefined)));
    },
  };
}
