import { createPouchOneTimeCodeStore } from '../pouchdb/one-time-codes';
import { createPouchRefreshTokenStore } from '../pouchdb/refresh-tokens';
import { createPouchUserStore } from '../pouchdb/users';
import type { Storage } from '../types';
import { CouchHttpError, createCouchClient } from './client';
import type { CouchConfig } from './config';
import { createCouchDatabases } from './databases';
import { createCouchSyncDatabases } from './sync-databases';

/**
 * Storage in CouchDB (COUCHDB_URL): the same stores as the embedded mode, on
 * PouchDB handles over HTTP, so auth and the gate do not know the difference.
 */

export class CouchUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CouchUnavailableError';
  }
}

/** Why start-up could not use the CouchDB, without its credentials. */
function startupProblem(config: CouchConfig, error: unknown): CouchUnavailableError {
  if (error instanceof CouchHttpError && (error.status === 401 || error.status === 403)) {
    return new CouchUnavailableError(`COUCHDB_URL: ${config.url} refused the credentials (${error.status}); they must be a CouchDB server admin's`);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const detail = error instanceof CouchHttpError ? error.message : code ?? (error as Error | null)?.message ?? 'unknown error';
  return new CouchUnavailableError(`COUCHDB_URL: could not set up the server's databases at ${config.url} (${detail})`);
}

export async function createCouchStorage(config: CouchConfig, log: (message: string, error?: unknown) => void): Promise<Storage> {
  const client = createCouchClient(config);
  const databases = createCouchDatabases(client);
  async function openSystemDatabase<Content extends object>(name: string): Promise<PouchDB.Database<Content>> {
    await databases.create(name);
    return databases.handle<Content>(name);
  }
  try {
    const [usersDb, tokensDb, codesDb] = await Promise.all([openSystemDatabase('users'), openSystemDatabase('refresh_tokens'), openSystemDatabase('one_time_codes')]);
    const syncDatabases = await createCouchSyncDatabases(client, databases, log);
    return {
      users: createPouchUserStore(usersDb),
      refreshTokens: createPouchRefreshTokenStore(tokensDb),
      oneTimeCodes: createPouchOneTimeCodeStore(codesDb),
      syncDatabases,
      openSystemDatabase,
      couch: { client, databases },
      async close() {
        await syncDatabases.close();
        client.close();
      },
    };
  } catch (error) {
    client.close();
    throw startupProblem(config, error);
  }
}
