/**
 * Devices running the extension's sync engine (extension/background/sync) against a
 * real test server, each in its own fake IndexedDB, with a wire that names every
 * request and lets a test hold or lose an answer. Call `stopDevices()` after each test.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { FetchLike } from '../../extension/background/api';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { syncUrlOnServer } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { jobFromCapture } from '../../shared/jobs/capture';
import type { Job } from '../../shared/schema';
import type { SetAsideDoc } from '../../extension/background/sync/set-aside';
import { acmeCapture } from '../fixtures/jobs';
import { createVerifiedAccount } from './accounts';
import { eventually } from './eventually';
import type { TestServer } from './test-server';

let counter = 0;
const cleanups: (() => Promise<unknown>)[] = [];

/** Runs `cleanup` when the current test ends (stopDevices), last registered first. */
export function afterThisTest(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** Stops every device and cleanup registered by the test that just ran. */
export async function stopDevices(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export interface Account {
  url: string;
  auth: Record<string, string>;
}

export async function newAccount(on: TestServer): Promise<Account> {
  counter += 1;
  const session = await createVerifiedAccount(on, { name: `Engine ${counter}`, email: `engine-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
  return { url: syncUrlOnServer(on.url, session.syncUrl), auth: { authorization: `Bearer ${session.accessToken}` } };
}

export async function serverDoc(account: Account, id: string): Promise<(Job & { _rev: string }) | undefined> {
  const response = await fetch(`${account.url}_all_docs`, {
    method: 'POST',
    headers: { ...account.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [id], include_docs: true }),
  });
  const body = (await response.json()) as { rows: { doc?: (Job & { _rev: string; _id: string }) | null }[] };
  const doc = body.rows[0]?.doc;
  return doc ? ({ ...doc, id: doc._id } as Job & { _rev: string }) : undefined;
}

/** A fetch to the server that names each request, and lets a test hold an answer until it says so. */
export interface Wire {
  fetch: FetchLike;
  requests: string[];
  /** The next `_bulk_docs` reaches the server, and its answer is held until `release` is called. */
  holdNextPushAnswer(): { reached: Promise<void>; release: () => void };
  /** The next `_bulk_docs` reaches the server and is stored, and then the connection fails. */
  loseNextPushAnswer(): void;
  /** Changes every server document in the answers that `change` picks (as a newer server or a modified one would send them); undefined stops it. */
  rewriteDocs(change: ((doc: Record<string, unknown>) => void) | undefined): void;
}

/** Calls `change` on every CouchDB document (an object with `_id` and `_rev`) anywhere in `value`. */
function eachDoc(value: unknown, change: (doc: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) eachDoc(item, change);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record._id === 'string' && typeof record._rev === 'string') change(record);
    else for (const item of Object.values(record)) eachDoc(item, change);
  }
}

export function wire(account: Account): Wire {
  const requests: string[] = [];
  let hold: { reached: () => void; released: Promise<void> } | undefined;
  let lose = false;
  let rewrite: ((doc: Record<string, unknown>) => void) | undefined;
  return {
    requests,
    fetch: async (input, init) => {
      const endpoint = new URL(input).pathname.split('/').pop()!;
      const feed = new URL(input).searchParams.get('feed');
      requests.push(`${init?.method ?? 'GET'} ${endpoint}${feed ? ` ${feed}` : ''}`);
      const response = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...account.auth } });
      if (endpoint === '_bulk_docs' && hold) {
        const held = hold;
        hold = undefined;
        held.reached();
        await held.released;
      }
      if (endpoint === '_bulk_docs' && lose) {
        lose = false;
        await response.body?.cancel();
        throw new TypeError('fetch failed: the connection was lost after the server stored the push');
      }
      if (rewrite && response.ok && ['_changes', '_bulk_get', '_all_docs'].includes(endpoint)) {
        const body: unknown = await response.json();
        eachDoc(body, rewrite);
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      }
      return response;
    },
    rewriteDocs(change) {
      rewrite = change;
    },
    holdNextPushAnswer() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { reached, released };
      return { reached: reachedPromise, release };
    },
    loseNextPushAnswer() {
      lose = true;
    },
  };
}

export interface Device {
  db: TrackruitDatabase;
  wire: Wire;
  replication: JobReplication | undefined;
  /** What the engine set aside (refused by the server or by the check before a push). */
  setAside: SetAsideDoc[];
  start(): JobReplication;
  stop(): Promise<void>;
}

export async function device(account: Account, name: string, options: { indexedDB?: IDBFactory } = {}): Promise<Device> {
  const indexedDB = options.indexedDB ?? new IDBFactory();
  const db = await openDatabase({ name: `engine-${name}-${counter}`, indexedDB, IDBKeyRange, multiInstance: false });
  const w = wire(account);
  const handle: Device = {
    db,
    wire: w,
    replication: undefined,
    setAside: [],
    start() {
      handle.replication = replicateJobs({
        jobs: db.jobs,
        syncUrl: account.url,
        fetch: w.fetch,
        retryTime: 100,
        setAside: { onSetAside: (docs) => handle.setAside.push(...docs), onPushed: () => {} },
      });
      return handle.replication;
    },
    async stop() {
      await handle.replication?.cancel();
      handle.replication = undefined;
    },
  };
  cleanups.push(async () => {
    await handle.stop();
    await db.close();
  });
  return handle;
}

export const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

export async function capture(target: Device, siteJobId: string, minute = 0): Promise<Job> {
  const id = `linkedin:${siteJobId}`;
  return (await upsertJobWith(target.db.jobs, id, (existing) => jobFromCapture({ ...acmeCapture, siteJobId }, at(minute), existing))).job;
}

export async function edit(target: Device, id: string, change: (job: Job) => Partial<Job>): Promise<Job> {
  return (await upsertJobWith(target.db.jobs, id, (existing) => ({ ...existing!, ...change(existing!), updatedAt: new Date().toISOString() }))).job;
}

/** Two devices of one account, both in sync, holding one job the phone captured. */
export async function twoDevicesWithJob(server: TestServer): Promise<{ account: Account; phone: Device; laptop: Device; job: Job }> {
  const account = await newAccount(server);
  const phone = await device(account, 'phone');
  const laptop = await device(account, 'laptop');
  const job = await capture(phone, '1');
  await phone.start().awaitInSync();
  await laptop.start().awaitInSync();
  await eventually(() => findJob(laptop.db.jobs, job.id), (found) => found !== undefined);
  return { account, phone, laptop, job };
}

export const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET _changes'));

/** 24 jobs of about 30 KB each (720 KB): more than one request's worth under a tight server limit. */
export const BIG_DESCRIPTION = 'Builds and runs the platform. '.repeat(1_000);
export async function bigJobs(target: Device): Promise<void> {
  for (let n = 1; n <= 24; n += 1) {
    await upsertJobWith(target.db.jobs, `linkedin:${n}`, (existing) => ({ ...jobFromCapture({ ...acmeCapture, siteJobId: String(n) }, at(n), existing), description: BIG_DESCRIPTION }));
  }
}
