import { systemPouch } from './pouchdb/system-pouch';
import type { SystemDatabaseOpener } from './types';

/**
 * Where a server-only store keeps its database: a data directory (embedded
 * LevelDB, as the unit tests use) or the storage's own opener (CouchDB with
 * COUCHDB_URL). The stores themselves do not care which.
 */
export type SystemDatabaseSource = string | SystemDatabaseOpener;

export async function openSystemDatabase<Content extends object>(source: SystemDatabaseSource, name: string): Promise<PouchDB.Database<Content>> {
  if (typeof source !== 'string') return source<Content>(name);
  const db = new (systemPouch(source))<Content>(name);
  // Opened now so a locked or corrupt data directory fails at start-up, not on first use.
  await db.info();
  return db;
}
