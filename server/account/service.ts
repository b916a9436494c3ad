import fs from 'node:fs/promises';
import path from 'node:path';
import { toPublicUser, type PublicUser } from '../auth/service';
import type { Storage, UserRecord } from '../storage/types';
import { userDbName } from '../sync/db-name';

/** Data export and account deletion. */

export interface StoredFile {
  /** Relative to the user's files folder, with forward slashes. */
  path: string;
  size: number;
  modifiedAt: string;
}

export interface AccountExport {
  exportedAt: string;
  format: 'trackruit-account-export';
  version: 1;
  user: PublicUser;
  /** Documents of the user's main sync database (their jobs). */
  jobs: Record<string, unknown>[];
  /** Every other database of the user (resumes and the like), by name. */
  otherDatabases: Record<string, Record<string, unknown>[]>;
  files: StoredFile[];
}

export interface AccountService {
  export(user: UserRecord): Promise<AccountExport>;
  delete(user: UserRecord): Promise<void>;
  /** Finishes deletions a crash or a failed step left halfway; returns how many. */
  finishPendingDeletions(): Promise<number>;
}

/** Other stores keyed by user id (device keys, …) register their own clean-up here. */
export type AccountCleanup = (userId: string) => Promise<void>;

/** The user's databases: the main one and any named after it ("<name>-resumes"), never another user's. */
async function userDatabases(storage: Storage, userId: string): Promise<string[]> {
  const base = userDbName(userId);
  const names = await storage.syncDatabases.list(base);
  return names.filter((name) => name === base || !/^[0-9a-f]/.test(name.slice(base.length)));
}

async function listFiles(root: string): Promise<StoredFile[]> {
  const found: StoredFile[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const stat = await fs.stat(full);
        found.push({ path: path.relative(root, full).split(path.sep).join('/'), size: stat.size, modifiedAt: stat.mtime.toISOString() });
      }
    }
  }
  await walk(root);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function filesDirOf(dataDir: string, userId: string): string {
  return path.join(dataDir, 'files', userId);
}

export interface AccountServiceOptions {
  /** The user's stored files for the export when they are not under DATA_DIR/files (CouchDB). */
  listFiles?: (userId: string) => Promise<StoredFile[]>;
}

export function createAccountService(storage: Storage, dataDir: string, cleanups: readonly AccountCleanup[] = [], options: AccountServiceOptions = {}): AccountService {
  const storedFiles = options.listFiles ?? ((userId: string) => listFiles(filesDirOf(dataDir, userId)));
  return {
    async export(user) {
      const main = userDbName(user.id);
      const otherDatabases: Record<string, Record<string, unknown>[]> = {};
      let jobs: Record<string, unknown>[] = [];
      for (const name of await userDatabases(storage, user.id)) {
        const docs = await storage.syncDatabases.readAll(name);
        if (name === main) jobs = docs;
        else otherDatabases[name] = docs;
      }
      return {
        exportedAt: new Date().toISOString(),
        format: 'trackruit-account-export',
        version: 1,
        user: toPublicUser(user),
        jobs,
        otherDatabases,
        files: await storedFiles(user.id),
      };
    },

    delete: removeAccount,
    async finishPendingDeletions() {
      const pending = await storage.users.pendingDeletions();
      for (const user of pending) await removeAccount(user);
      return pending.length;
    },
  };

  /**
   * The account is marked first: from then on every token and sign-in of
   * theirs is refused. The record itself goes last, so a step that fails
   * midway leaves a marked account that the next start finishes deleting,
   * never data without an owner.
   */
  async function removeAccount(user: UserRecord): Promise<void> {
    await storage.users.markForDeletion(user.id);
    await storage.refreshTokens.deleteForUser(user.id);
    await storage.oneTimeCodes.delete('verify', user.email);
    await storage.oneTimeCodes.delete('reset', user.email);
    for (const name of await userDatabases(storage, user.id)) await storage.syncDatabases.destroy(name);
    await fs.rm(filesDirOf(dataDir, user.id), { recursive: true, force: true });
    for (const cleanup of cleanups) await cleanup(user.id);
    await storage.users.delete(user.id);
  }
}
