import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobThrough } from '../../../shared/insights/test-jobs';
import type { Job } from '../../../shared/schema/job';
import { newUserRecord } from '../../storage/new-user';
import { createPouchStorage } from '../../storage/pouchdb/index';
import type { Storage } from '../../storage/types';
import { userDbName } from '../../sync/db-name';
import { createPlatformAnalytics, type PlatformAnalytics } from './aggregator';
import { openCheckpointStore } from './checkpoints';

/**
 * The aggregator over real embedded storage: figures follow writes, and a
 * restart takes the stored contributions, reading again only the databases
 * written while it was down and dropping users who opted out meanwhile.
 */

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const asDoc = ({ id, ...rest }: Job) => ({ _id: id, ...rest });

async function seedUser(storage: Storage, index: number, jobs: number): Promise<string> {
  const user = newUserRecord({ email: `person${index}@example.com`, name: `Person ${index}`, passwordHash: null, emailVerified: true });
  await storage.users.create(user);
  await writeJobs(storage, user.id, index * 100, jobs);
  return user.id;
}

async function writeJobs(storage: Storage, userId: string, first: number, count: number): Promise<void> {
  const lease = await storage.syncDatabases.lease(userDbName(userId));
  try {
    const docs = Array.from({ length: count }, (_, n) =>
      asDoc({ ...jobThrough('2026-11-02T09:00:00.000Z', [['interview', '2026-11-05T09:00:00.000Z']]), id: `linkedin:${4_100_000_000 + first + n}` }));
    await lease.db.bulkDocs(docs);
  } finally {
    lease.release();
  }
}

async function open(dataDir: string): Promise<{ storage: Storage; analytics: PlatformAnalytics }> {
  const storage = await createPouchStorage(dataDir);
  const analytics = await createPlatformAnalytics({ databases: storage.syncDatabases, users: storage.users, checkpoints: openCheckpointStore(dataDir), minGroup: 2, debounceMs: 10, log: () => undefined });
  await analytics.settled();
  return { storage, analytics };
}

async function shut({ storage, analytics }: { storage: Storage; analytics: PlatformAnalytics }): Promise<void> {
  await analytics.close();
  await storage.close();
}

const linkedin = (analytics: PlatformAnalytics) => analytics.report().bySite.find((row) => row.key === 'linkedin');

describe('createPlatformAnalytics', () => {
  it('follows a write to a user\'s database and resumes from its checkpoints after a restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-platform-'));
    dirs.push(dataDir);
    let running = await open(dataDir);
    const ids = [await seedUser(running.storage, 1, 2), await seedUser(running.storage, 2, 3), await seedUser(running.storage, 3, 1)];
    for (const id of ids) running.analytics.changed(id);
    await running.analytics.settled();
    expect(running.analytics.stats()).toMatchObject({ contributors: 3, recomputed: 3 });
    expect(linkedin(running.analytics)).toMatchObject({ applications: 6, users: 3, medianResponseDays: 3 });

    await writeJobs(running.storage, ids[0]!, 10, 4);
    running.analytics.changed(ids[0]!);
    await running.analytics.settled();
    expect(linkedin(running.analytics)).toMatchObject({ applications: 10, users: 3 });
    await shut(running);

    // Unchanged databases are taken from the checkpoints: nothing is read again.
    running = await open(dataDir);
    expect(running.analytics.stats()).toEqual({ contributors: 3, pending: 0, recomputed: 0 });
    expect(linkedin(running.analytics)).toMatchObject({ applications: 10, users: 3 });

    // Written to and opted out while the server is down.
    await writeJobs(running.storage, ids[1]!, 20, 5);
    await running.storage.users.update(ids[2]!, (user) => ({ ...user, preferences: { analyticsOptOut: true } }));
    await shut(running);
    running = await open(dataDir);
    expect(running.analytics.stats()).toEqual({ contributors: 2, pending: 0, recomputed: 1 });
    expect(linkedin(running.analytics)).toMatchObject({ applications: 4 + 2 + 3 + 5, users: 2 });
    await shut(running);
  });

  it('drops a user who opts out, and counts them again when they opt back in', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-platform-'));
    dirs.push(dataDir);
    const running = await open(dataDir);
    const ids = [await seedUser(running.storage, 1, 2), await seedUser(running.storage, 2, 2)];
    for (const id of ids) running.analytics.changed(id);
    await running.analytics.settled();
    expect(running.analytics.report().contributors).toBe(2);

    await running.storage.users.update(ids[0]!, (user) => ({ ...user, preferences: { analyticsOptOut: true } }));
    running.analytics.changed(ids[0]!);
    await running.analytics.settled();
    expect(running.analytics.report().contributors).toBe(1);
    // Alone, the other user's site is hidden.
    expect(linkedin(running.analytics)).toMatchObject({ applications: null, users: null });

    await running.storage.users.update(ids[0]!, (user) => ({ ...user, preferences: { analyticsOptOut: false } }));
    running.analytics.changed(ids[0]!);
    await running.analytics.settled();
    expect(linkedin(running.analytics)).toMatchObject({ applications: 4, users: 2 });

    const fresh = await running.analytics.recomputeAll();
    expect(fresh.report({ minGroup: 2, now: new Date() }).bySite).toEqual(running.analytics.report().bySite);
    await shut(running);
  });
});
