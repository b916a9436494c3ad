import type { Response } from 'express';
import { resumesDbName } from '../../shared/resume/doc/sync-url';
import { currentUser } from '../auth/routes';
import type { SyncDatabases } from '../storage/types';
import { userDbName } from '../sync/db-name';
import type { WriteTarget } from './user-docs';

/**
 * The signed-in user's own databases, the ones their devices replicate. The
 * name comes only from the verified token's user, never from the request, so
 * no path, id or body can reach another user's documents.
 */

export type UserDatabase = 'jobs' | 'resumes';

export function databaseName(userId: string, which: UserDatabase): string {
  return which === 'jobs' ? userDbName(userId) : resumesDbName(userDbName(userId));
}

/** Runs `work` on the user's database, leased so it is not closed as idle meanwhile. */
export async function withUserDatabase<T>(databases: SyncDatabases, res: Response, which: UserDatabase, work: (target: WriteTarget) => Promise<T>): Promise<T> {
  const name = databaseName(currentUser(res).id, which);
  const lease = await databases.lease(name);
  try {
    return await work({ db: lease.db, name, noteWrites: (count) => databases.noteWrites(name, count) });
  } finally {
    lease.release();
  }
}
