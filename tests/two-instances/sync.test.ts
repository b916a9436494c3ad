/**
 * Live sync through the round-robin proxy in front of two instances: two
 * devices of one user (RxDB, as the extension replicates) converge although
 * each request, longpolls included, may land on either instance. A longpoll
 * held by one instance must wake for a write that went through the other,
 * which only holds when the instances keep no change feed of their own.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB_DOC_VERSION, type Job } from '../../shared/schema';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { startDeployment, type Deployment } from './deployment';

let deployment: Deployment;
const devices: { db: TrackruitDatabase; replication: JobReplication }[] = [];

beforeAll(async () => {
  deployment = await startDeployment();
}, 90_000);

afterAll(async () => {
  for (const device of devices) {
    await device.replication.cancel();
    await device.db.close();
  }
  await deployment?.stop();
});

async function signInThroughProxy(email: string, password: string): Promise<Tokens> {
  const response = await fetch(`${deployment.proxy.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { accessToken: string; refreshToken: string; syncUrl: string };
  return { serverUrl: deployment.proxy.url, syncUrl: syncUrlOnServer(deployment.proxy.url, body.syncUrl), accessToken: body.accessToken, refreshToken: body.refreshToken };
}

async function startDevice(name: string, tokens: Tokens): Promise<{ db: TrackruitDatabase; replication: JobReplication }> {
  const db = await openDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  const replication = replicateJobs({ jobs: db.jobs, syncUrl: tokens.syncUrl, fetch: createAuthFetch({ store: memoryTokenStore(tokens) }), retryTime: 300 });
  const device = { db, replication };
  devices.push(device);
  return device;
}

function newJob(id: string, title: string, at: string): Job {
  return {
    id,
    title,
    company: 'Round Robin Ltd',
    platform: 'other',
    url: `https://jobs.example.com/${id}`,
    status: 'saved',
    statusHistory: [{ status: 'saved', at }],
    source: 'manual',
    schemaVersion: JOB_DOC_VERSION,
    isActive: true,
    createdAt: at,
    updatedAt: at,
  };
}

it('two devices of one user replicating live through the proxy converge, whichever instance serves each request', async () => {
  const email = `two-sync-${Date.now()}@example.com`;
  const password = 'correct horse battery staple';
  await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email, password, name: 'Two Sync' });
  const laptop = await startDevice('laptop', await signInThroughProxy(email, password));
  const phone = await startDevice('phone', await signInThroughProxy(email, password));
  await Promise.all([laptop.replication.awaitInitialReplication(), phone.replication.awaitInitialReplication()]);

  // Back and forth: each device writes, the other must see it through its live longpoll. Round
  // robin over a request pattern that repeats could keep every push on one instance, so a request
  // to /health every third round shifts the rotation, and rounds go on until both instances have
  // answered pushes and longpolls (at most MAX_ROUNDS).
  const MAX_ROUNDS = 40;
  const bothTookPart = () => {
    const { byBackend } = deployment.proxy.stats();
    return ['a', 'b'].every((name) => byBackend[name]!.answered.bulk_docs > 0 && byBackend[name]!.answered.longpoll > 0);
  };
  let rounds = 0;
  while (rounds < 4 || (!bothTookPart() && rounds < MAX_ROUNDS)) {
    rounds += 1;
    const [writer, reader] = rounds % 2 === 1 ? [laptop, phone] : [phone, laptop];
    const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + rounds * 60_000).toISOString();
    const id = `job-${rounds % 4}`;
    const title = `title written in round ${rounds}`;
    if (rounds % 3 === 0) await (await fetch(`${deployment.proxy.url}/health`)).body?.cancel();
    await upsertJobWith(writer.db.jobs, id, (existing) => (existing ? { ...existing, title, updatedAt: at } : newJob(id, title, at)));
    await eventually(() => findJob(reader.db.jobs, id), (job) => job?.title === title, 20_000);
  }

  const everywhere = await Promise.all([laptop, phone].map(async (device) => (await device.db.jobs.find().exec()).map((doc) => `${doc.primary}=${doc.title}`).sort()));
  expect(everywhere[0]).toHaveLength(4);
  expect(everywhere[1]).toEqual(everywhere[0]);

  // Both instances took part: pushes, and longpolls that ended with a change or a timeout.
  const { byBackend } = deployment.proxy.stats();
  for (const name of ['a', 'b']) {
    expect(byBackend[name]!.answered.bulk_docs, `pushes answered by ${name} in ${rounds} rounds`).toBeGreaterThan(0);
    expect(byBackend[name]!.answered.longpoll, `longpolls answered by ${name} in ${rounds} rounds`).toBeGreaterThan(0);
  }
});
