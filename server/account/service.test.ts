import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPouchStorage } from '../storage/pouchdb';
import { testUserRecord } from '../storage/test-user';
import type { Storage } from '../storage/types';
import { userDbName } from '../sync/db-name';
import { createAccountService, filesDirOf } from './service';

let dataDir: string | undefined;
let storage: Storage | undefined;

afterEach(async () => {
  await storage?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  storage = undefined;
  dataDir = undefined;
});

const grace = testUserRecord({ id: 'a1b2c3', email: 'grace@example.com', name: 'Grace', passwordHash: 'hash' });

describe('account deletion', () => {
  it('a step failing midway leaves an account nobody can use, and the next start deletes the rest of its data', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-account-'));
    storage = await createPouchStorage(dataDir);
    await storage.users.create(grace);
    const jobs = await storage.syncDatabases.open(userDbName(grace.id));
    await jobs.put({ _id: 'job-1', title: 'Engineer' });
    await fs.mkdir(filesDirOf(dataDir, grace.id), { recursive: true });
    await fs.writeFile(path.join(filesDirOf(dataDir, grace.id), 'resume.pdf'), '%PDF-1.7');

    const failing = createAccountService(storage, dataDir, [() => Promise.reject(new Error('device store unavailable'))]);
    await expect(failing.delete(grace)).rejects.toThrow('device store unavailable');
    // Refused everywhere at once, though the deletion did not finish.
    expect(await storage.users.findById(grace.id)).toBeNull();
    expect(await storage.users.findByEmail(grace.email)).toBeNull();
    expect(await storage.users.create({ ...grace, id: 'd4e5f6' })).toBe('email_taken');

    let cleaned: string[] = [];
    const restarted = createAccountService(storage, dataDir, [async (userId) => void (cleaned = [...cleaned, userId])]);
    expect(await restarted.finishPendingDeletions()).toBe(1);
    expect(cleaned).toEqual([grace.id]);
    expect(await storage.syncDatabases.list(userDbName(grace.id))).toEqual([]);
    await expect(fs.stat(filesDirOf(dataDir, grace.id))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await storage.users.pendingDeletions()).toEqual([]);
    expect(await restarted.finishPendingDeletions()).toBe(0);
    // The address is free again only now.
    expect(await storage.users.create({ ...grace, id: 'd4e5f6' })).toBe('created');
  });
});
