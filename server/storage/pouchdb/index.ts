import path from 'node:path';
import type { Storage } from '../types';
import { createPouchOneTimeCodeStore } from './one-time-codes';
import { createPouchRefreshTokenStore } from './refresh-tokens';
import { createPouchSyncDatabases, type SyncDatabaseOptions } from './sync-databases';
import { createPouchUserStore } from './users';
import { systemPouch } from './system-pouch';
import { openSystemDatabase } from '../system-database';

/**
 * Embedded storage: server-only databases under <dataDir>/system and user
 * databases under <dataDir>/userdbs. The two live under different PouchDB
 * constructors, so no sync route can name a system database.
 */
export async function createPouchStorage(dataDir: string, syncOptions?: SyncDatabaseOptions): Promise<Storage> {
  const SystemPouch = systemPouch(dataDir);

  const usersDb = new SystemPouch('users');
  const tokensDb = new SystemPouch('refresh_tokens');
  const codesDb = new SystemPouch('one_time_codes');
  const systemDbs = [usersDb, tokensDb, codesDb];
  let syncDatabases;
  try {
    // Open eagerly so a locked or corrupt data directory fails at start-up, not on first login.
    await Promise.all(systemDbs.map((db) => db.info()));
    syncDatabases = await createPouchSyncDatabases(path.join(dataDir, 'userdbs'), syncOptions);
  } catch (error) {
    await Promise.all(systemDbs.map((db) => db.close().catch(() => undefined)));
    throw error;
  }

  return {
    users: createPouchUserStore(usersDb),
    refreshTokens: createPouchRefreshTokenStore(tokensDb),
    oneTimeCodes: createPouchOneTimeCodeStore(codesDb),
    syncDatabases,
    openSystemDatabase: (name) => openSystemDatabase(dataDir, name),
    async close() {
      await syncDatabases.close();
      await Promise.all(systemDbs.map((db) => db.close().catch(() => undefined)));
    },
  };
}
