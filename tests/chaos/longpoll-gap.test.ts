/**
 * Regression test for a gap found by the chaos test: RxDB's CouchDB plugin
 * starts its live longpoll at `since=now`, not at the pull checkpoint, and
 * stores the checkpoints of stream events. A change written after the
 * start-up pull read the server but before the longpoll's `now` was resolved
 * (a slow or failed first longpoll, a server that is down when a new
 * replication starts) was skipped for good: even reSync() starts past it.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB_DOC_VERSION, type Job } from '../../shared/schema';
import type { FetchLike } from '../../extension/background/api';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
const opened: { db: TrackruitDatabase; replication: JobReplication }[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const { db, replication } of opened) {
    await replication.cancel();
    await db.close();
  }
  await server?.stop();
});

async function register(): Promise<Tokens> {
  const body = await createVerifiedAccount(server, { email: `gap-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Gap' });
  return { serverUrl: server.url, syncUrl: syncUrlOnServer(server.url, body.syncUrl), accessToken: body.accessToken, refreshToken: body.refreshToken };
}

async function client(name: string, tokens: Tokens, baseFetch: FetchLike = (input, init) => fetch(input, init)) {
  const db = await openDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  const replication = replicateJobs({
    jobs: db.jobs,
    syncUrl: tokens.syncUrl,
    fetch: createAuthFetch({ store: memoryTokenStore(tokens), fetch: baseFetch }),
    retryTime: 200,
  });
  opened.push({ db, replication });
  return { db, replication };
}

function job(id: string, at: string): Job {
  return {
    id,
    title: `Job ${id}`,
    company: 'Gap Inc',
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

it('a change made while a new replication starts its longpoll is still pulled', async () => {
  const tokens = await register();
  const writer = await client('gap-writer', tokens);
  await writer.replication.awaitInitialReplication();

  // The reader's first longpoll (since=now) reaches the server late, as after a fault or with latency.
  let longpolls = 0;
  const slowFirstLongpoll: FetchLike = async (input, init) => {
    if (input.includes('feed=longpoll') && (longpolls += 1) === 1) await sleep(1_500);
    return fetch(input, init);
  };
  const reader = await client('gap-reader', tokens, slowFirstLongpoll);
  await reader.replication.awaitInitialReplication();

  // Written after the reader's start-up pull, before its longpoll asked for "now".
  await upsertJobWith(writer.db.jobs, 'gap-1', () => job('gap-1', '2025-02-01T10:00:00.000Z'));
  await writer.replication.awaitInSync();
  await sleep(2_000);
  // A later change reaches the reader through the live longpoll…
  await upsertJobWith(writer.db.jobs, 'gap-2', () => job('gap-2', '2025-02-01T10:01:00.000Z'));
  await writer.replication.awaitInSync();

  let deadline = Date.now() + 5_000;
  let second: Job | undefined;
  while (!second && Date.now() < deadline) {
    second = await findJob(reader.db.jobs, 'gap-2');
    await sleep(100);
  }
  expect(second?.title).toBe('Job gap-2');
  await sleep(500); // its checkpoint is stored

  // …and the one in the gap must arrive too, at the latest on a reSync.
  deadline = Date.now() + 5_000;
  let first: Job | undefined;
  while (!first && Date.now() < deadline) {
    reader.replication.reSync();
    await sleep(250);
    first = await findJob(reader.db.jobs, 'gap-1');
  }
  expect(first?.title).toBe('Job gap-1');
});
