/**
 * The sync engine (extension/background/sync/engine.ts) against the real
 * sync server: what each step costs in requests, and that no write is lost
 * in the interleavings that lost writes before, nor by a crash between a
 * document's write and its bookkeeping's.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../extension/background/api';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { SYNC_WRITE_CONTEXT } from '../../extension/background/sync/local-docs';
import { bulkGet } from '../../extension/background/sync/couch/couch-requests';
import { failOnHttpError } from '../../extension/background/sync/couch/http-errors';
import { syncUrlOnServer } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findJob, upsertJobWith } from '../../extension/db/jobs';
import { jobFromCapture } from '../../shared/jobs/capture';
import type { Job } from '../../shared/schema';
import { acmeCapture } from '../fixtures/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/limits';
import type { SetAsideDoc } from '../../extension/background/sync/set-aside';

let server: TestServer;
let counter = 0;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await server?.stop();
});

interface Account {
  url: string;
  auth: Record<string, string>;
}

async function newAccount(on: TestServer = server): Promise<Account> {
  counter += 1;
  const session = await createVerifiedAccount(on, { name: `Engine ${counter}`, email: `engine-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
  return { url: syncUrlOnServer(on.url, session.syncUrl), auth: { authorization: `Bearer ${session.accessToken}` } };
}

async function serverDoc(account: Account, id: string): Promise<(Job & { _rev: string }) | undefined> {
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
interface Wire {
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

function wire(account: Account): Wire {
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

interface Device {
  db: TrackruitDatabase;
  wire: Wire;
  replication: JobReplication | undefined;
  /** What the engine set aside (refused by the server or by the check before a push). */
  setAside: SetAsideDoc[];
  start(): JobReplication;
  stop(): Promise<void>;
}

async function device(account: Account, name: string, options: { indexedDB?: IDBFactory } = {}): Promise<Device> {
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

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute));

async function capture(target: Device, siteJobId: string, minute = 0): Promise<Job> {
  const id = `linkedin:${siteJobId}`;
  return (await upsertJobWith(target.db.jobs, id, (existing) => jobFromCapture({ ...acmeCapture, siteJobId }, at(minute), existing))).job;
}

async function edit(target: Device, id: string, change: (job: Job) => Partial<Job>): Promise<Job> {
  return (await upsertJobWith(target.db.jobs, id, (existing) => ({ ...existing!, ...change(existing!), updatedAt: new Date().toISOString() }))).job;
}

/** Two devices of one account, both in sync, holding one job the phone captured. */
async function twoDevicesWithJob(): Promise<{ account: Account; phone: Device; laptop: Device; job: Job }> {
  const account = await newAccount();
  const phone = await device(account, 'phone');
  const laptop = await device(account, 'laptop');
  const job = await capture(phone, '1');
  await phone.start().awaitInSync();
  await laptop.start().awaitInSync();
  await eventually(() => findJob(laptop.db.jobs, job.id), (found) => found !== undefined);
  return { account, phone, laptop, job };
}

const writes = (requests: string[]) => requests.filter((request) => !request.startsWith('GET _changes'));

describe('sync engine: requests', () => {
  it('pushes new jobs in one _bulk_docs, without reading them from the server first', async () => {
    const account = await newAccount();
    const phone = await device(account, 'phone');
    await capture(phone, '1');
    await capture(phone, '2');
    await capture(phone, '3');
    await phone.start().awaitInitialReplication();
    expect(writes(phone.wire.requests)).toEqual(['POST _bulk_docs']);
    expect((await serverDoc(account, 'linkedin:2'))?._rev).toMatch(/^1-/);
  });

  it('sends an edit with the revision it already knows, and does not fetch its own push back from the feed', async () => {
    const account = await newAccount();
    const phone = await device(account, 'phone');
    const job = await capture(phone, '1');
    await phone.start().awaitInSync();
    phone.wire.requests.length = 0;
    await edit(phone, job.id, () => ({ description: 'Called the recruiter' }));
    await eventually(() => serverDoc(account, job.id), (doc) => doc?.description === 'Called the recruiter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await phone.replication!.awaitInSync();
    expect(writes(phone.wire.requests)).toEqual(['POST _bulk_docs']);
    expect(phone.wire.requests.some((request) => request.includes('_bulk_get'))).toBe(false);
  });

  it('fetches another device’s change with _bulk_get from the live feed and stores it', async () => {
    const account = await newAccount();
    const phone = await device(account, 'phone');
    const laptop = await device(account, 'laptop');
    const job = await capture(phone, '1');
    await phone.start().awaitInSync();
    await laptop.start().awaitInSync();
    laptop.wire.requests.length = 0;
    await edit(phone, job.id, () => ({ description: 'From the phone' }));
    await eventually(() => findJob(laptop.db.jobs, job.id), (found) => found?.description === 'From the phone');
    expect(writes(laptop.wire.requests)).toEqual(['POST _bulk_get']);
  });
});

describe('sync engine: no write lost', () => {
  it('merges a status another device set while this device’s push was on its way (the chaos test’s lost writes)', async () => {
    const { account, phone, laptop, job } = await twoDevicesWithJob();

    // The phone's edit reaches the server; its answer is held back.
    const held = phone.wire.holdNextPushAnswer();
    await edit(phone, job.id, () => ({ title: 'Staff Platform Engineer' }));
    await held.reached;
    // The laptop pulls that edit and sets a status on top of it.
    await eventually(() => findJob(laptop.db.jobs, job.id), (found) => found?.title === 'Staff Platform Engineer');
    await edit(laptop, job.id, (current) => ({ status: 'interview', statusHistory: [...current.statusHistory, { status: 'interview', at: new Date().toISOString() }] }));
    await eventually(() => serverDoc(account, job.id), (doc) => doc?.status === 'interview');
    // The phone's push answer arrives only now, after the laptop's newer version: RxDB's replication
    // could then push the phone's older state again, on the newer revision, over the laptop's status.
    held.release();
    await eventually(() => findJob(phone.db.jobs, job.id), (found) => found?.status === 'interview');
    await phone.replication!.awaitInSync();
    await laptop.replication!.awaitInSync();
    expect((await serverDoc(account, job.id))?.status).toBe('interview');
    // A later local write of the phone still carries the laptop's status.
    await edit(phone, job.id, () => ({ description: 'Prepared' }));
    const final = await eventually(() => serverDoc(account, job.id), (doc) => doc?.description === 'Prepared');
    expect(final?.status).toBe('interview');
    expect(final?.title).toBe('Staff Platform Engineer');
    expect(final?.statusHistory.map((entry) => entry.status)).toContain('interview');
  });

  it('merges edits both devices made to the same job while one push was held, and pushes the merge', async () => {
    const { account, phone, laptop, job } = await twoDevicesWithJob();

    const held = laptop.wire.holdNextPushAnswer();
    await edit(laptop, job.id, () => ({ description: 'Laptop notes' }));
    await held.reached;
    await edit(phone, job.id, () => ({ salary: '100k' }));
    held.release();
    const both = (doc: Job | undefined) => doc?.description === 'Laptop notes' && doc.salary === '100k';
    await eventually(() => serverDoc(account, job.id), both);
    await eventually(() => findJob(phone.db.jobs, job.id), both);
    await eventually(() => findJob(laptop.db.jobs, job.id), both);
  });

  it('settles a push the server stored whose answer was lost, without a second revision', async () => {
    const account = await newAccount();
    const phone = await device(account, 'phone');
    const job = await capture(phone, '1');
    await phone.start().awaitInSync();
    phone.wire.loseNextPushAnswer();
    await edit(phone, job.id, () => ({ description: 'Sent once' }));
    await eventually(() => serverDoc(account, job.id), (doc) => doc?.description === 'Sent once');
    await phone.replication!.awaitInSync();
    // Retried with the old revision: the server's conflict answer is the device's own state.
    expect((await serverDoc(account, job.id))?._rev).toMatch(/^2-/);
    expect(phone.wire.requests.filter((request) => request === 'POST _bulk_docs').length).toBeGreaterThanOrEqual(2);
  });

  it('loses nothing when the device stopped between storing a pulled version and its bookkeeping', async () => {
    const { account, phone, laptop, job } = await twoDevicesWithJob();
    await phone.stop();

    const laptopEdit = await edit(laptop, job.id, () => ({ description: 'Laptop notes' }));
    const onServer = await eventually(() => serverDoc(account, job.id), (doc) => doc?.description === 'Laptop notes');
    // What the engine writes first when it pulls that version; the stop comes before the bookkeeping.
    const [current] = await phone.db.jobs.storageInstance.findDocumentsById([job.id], true);
    const { _rev: _r, _id: _i, ...pulled } = onServer! as Job & { _rev: string; _id?: string };
    const result = await phone.db.jobs.storageInstance.bulkWrite(
      [{ previous: current!, document: { ...current!, ...pulled, _deleted: false } }],
      SYNC_WRITE_CONTEXT,
    );
    expect(result.error).toEqual([]);

    phone.start();
    await phone.replication!.awaitInSync();
    // The phone's state looks edited against its old bookkeeping: the server answers its push with a
    // conflict, the merge equals the server's version, and nothing more is written.
    const after = await serverDoc(account, job.id);
    expect(after?._rev).toBe(onServer?._rev);
    expect((await findJob(phone.db.jobs, job.id))?.description).toBe(laptopEdit.description);
    // An edit after the restart goes out on the right revision.
    await edit(phone, job.id, () => ({ salary: '120k' }));
    const final = await eventually(() => serverDoc(account, job.id), (doc) => doc?.salary === '120k');
    expect(final?.description).toBe('Laptop notes');
  });

  it('pushes a write made while no engine ran, after a restart', async () => {
    const account = await newAccount();
    const indexedDB = new IDBFactory();
    const phone = await device(account, 'phone', { indexedDB });
    const job = await capture(phone, '1');
    await phone.start().awaitInSync();
    await phone.stop();
    await edit(phone, job.id, () => ({ description: 'Written while the service worker slept' }));
    phone.wire.requests.length = 0;
    await phone.start().awaitInitialReplication();
    expect((await serverDoc(account, job.id))?.description).toBe('Written while the service worker slept');
    // Pulled from where it stopped: nothing the server had before is fetched again.
    expect(phone.wire.requests.filter((request) => request.startsWith('POST'))).toEqual(['POST _bulk_docs']);
  });
});

describe('sync engine: wake-ups', () => {
  it('looks again only at the last moments of local writes on a wake-up, not at every write since the push checkpoint', async () => {
    const account = await newAccount();
    const phone = await device(account, 'phone');
    for (let i = 0; i < 40; i += 1) await capture(phone, String(i));
    const engine = phone.start();
    await engine.awaitInSync();
    expect(engine.diagnostics().sweptDocs).toBe(40);
    // Past the window in which a write from another page may still become visible out of order.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    for (let wake = 0; wake < 3; wake += 1) {
      engine.reSync();
      await engine.awaitInSync();
    }
    // The first wake-up reads the writes the start-up sweep could not yet call settled; later ones
    // read nothing (each one re-read all 40 before, and under load never caught up).
    expect(engine.diagnostics().sweptDocs).toBe(80);
    const edited = await edit(phone, 'linkedin:7', () => ({ description: 'Edited after the wake-ups' }));
    await eventually(() => serverDoc(account, edited.id), (doc) => doc?.description === 'Edited after the wake-ups');
  });
});

/** The phone syncs two jobs; the laptop then syncs with the server's answers for the first one changed by `change`. */
async function laptopPullingOneRewritten(change: (doc: Record<string, unknown>) => void): Promise<{ phone: Device; laptop: Device; rewritten: Job; untouched: Job }> {
  const account = await newAccount();
  const phone = await device(account, 'phone');
  const rewritten = await capture(phone, '1');
  const untouched = await capture(phone, '2');
  await phone.start().awaitInSync();
  const laptop = await device(account, 'laptop');
  laptop.wire.rewriteDocs((doc) => {
    if (doc._id === rewritten.id) change(doc);
  });
  await laptop.start().awaitInSync();
  return { phone, laptop, rewritten, untouched };
}

describe('sync engine: untrusted server versions', () => {
  it('sets aside a server version it cannot read, keeps pulling the rest, and fetches it again at the next start', async () => {
    // As a newer TrackRuit (server and another device) would write it: a schema this version does not know.
    const { phone, laptop, rewritten: unreadable, untouched: readable } = await laptopPullingOneRewritten((doc) => {
      doc.schemaVersion = 99;
    });
    expect((await findJob(laptop.db.jobs, readable.id))?.title).toBe(readable.title);
    expect(await findJob(laptop.db.jobs, unreadable.id)).toBeUndefined();
    expect(laptop.setAside.map((doc) => doc.id)).toEqual([unreadable.id]);
    expect(laptop.setAside[0]!.issues[0]!.message).toMatch(/cannot read.*update TrackRuit/);
    // Later changes still arrive: the unreadable version did not stop the feed.
    await edit(phone, readable.id, () => ({ description: 'After the unreadable one' }));
    await eventually(() => findJob(laptop.db.jobs, readable.id), (job) => job?.description === 'After the unreadable one');

    // Updated (it reads the document now): the next start fetches what was left out.
    await laptop.stop();
    laptop.wire.rewriteDocs(undefined);
    await laptop.start().awaitInSync();
    expect((await findJob(laptop.db.jobs, unreadable.id))?.title).toBe(unreadable.title);
  });

  it('does not store a server version that fails the schema (a modified server or client), and stores the valid ones', async () => {
    const { laptop, rewritten: tampered, untouched: fine } = await laptopPullingOneRewritten((doc) => {
      doc.status = '<script>alert(1)</script>';
    });
    expect(await findJob(laptop.db.jobs, tampered.id)).toBeUndefined();
    expect(await findJob(laptop.db.jobs, fine.id)).toBeDefined();
    expect(laptop.setAside[0]?.issues.map((issue) => issue.path)).toContain('status');
  });
});

describe('sync engine: the server’s limits', () => {
  it('sets a job over the account’s quota aside with the server’s reason, and keeps syncing the others', async () => {
    const tight = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, maxDocuments: 2 } });
    cleanups.push(() => tight.stop());
    const account = await newAccount(tight);
    const phone = await device(account, 'phone');
    const first = await capture(phone, '1');
    await capture(phone, '2');
    await capture(phone, '3');
    await phone.start().awaitInitialReplication();
    expect(phone.setAside.map((doc) => doc.id)).toHaveLength(1);
    expect(phone.setAside[0]!.issues[0]!.message).toMatch(/\S/);
    const refusedId = phone.setAside[0]!.id;
    expect(await serverDoc(account, refusedId)).toBeUndefined();
    // Not sent again on its own, and no obstacle to an edit of a job the server has.
    const bulkDocsBefore = phone.wire.requests.filter((request) => request === 'POST _bulk_docs').length;
    const kept = refusedId === first.id ? 'linkedin:2' : first.id;
    await edit(phone, kept, () => ({ salary: '90k' }));
    await eventually(() => serverDoc(account, kept), (doc) => doc?.salary === '90k');
    await phone.replication!.awaitInSync();
    expect(phone.wire.requests.filter((request) => request === 'POST _bulk_docs').length).toBe(bulkDocsBefore + 1);
  });

  // 24 jobs of about 30 KB: 720 KB.
  const description = 'Builds and runs the platform. '.repeat(1_000);
  const bigJobs = async (target: Device) => {
    for (let n = 1; n <= 24; n += 1) {
      await upsertJobWith(target.db.jobs, `linkedin:${n}`, (existing) => ({ ...jobFromCapture({ ...acmeCapture, siteJobId: String(n) }, at(n), existing), description }));
    }
  };

  it('pushes a batch over the server’s body limit in smaller requests instead of retrying it forever', async () => {
    const tight = await startTestServer({ syncBodyLimitBytes: 120 * 1024 });
    cleanups.push(() => tight.stop());
    const account = await newAccount(tight);
    const phone = await device(account, 'phone');
    await bigJobs(phone);
    await phone.start().awaitInitialReplication();
    expect(phone.setAside).toEqual([]);
    expect(phone.wire.requests.filter((request) => request === 'POST _bulk_docs').length).toBeGreaterThan(6);
    expect((await serverDoc(account, 'linkedin:24'))?.description).toBe(description);
  });

  it('pulls answers over the server’s answer limit in smaller requests and pages', async () => {
    const tight = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, maxResponseBytes: 100 * 1024 } });
    cleanups.push(() => tight.stop());
    const account = await newAccount(tight);
    const phone = await device(account, 'phone');
    const laptop = await device(account, 'laptop');
    await laptop.start().awaitInSync();
    await bigJobs(phone);
    await phone.start().awaitInitialReplication();
    await eventually(() => laptop.db.jobs.count().exec(), (count) => count === 24, 20_000);
    // One _bulk_get answer for all 24 would be over the limit: it is asked for in halves.
    const revs = await Promise.all(Array.from({ length: 24 }, async (_, i) => ({ id: `linkedin:${i + 1}`, rev: (await serverDoc(account, `linkedin:${i + 1}`))!._rev })));
    laptop.wire.requests.length = 0;
    const fetched = await bulkGet({ url: account.url, fetch: failOnHttpError(laptop.wire.fetch) }, revs);
    expect(fetched.map((doc) => doc._id).sort()).toEqual(revs.map((rev) => rev.id).sort());
    expect(laptop.wire.requests.filter((request) => request === 'POST _bulk_get').length).toBeGreaterThan(6);
    // A device starting now catches up from _changes, whose pages stop at the byte limit.
    const tablet = await device(account, 'tablet');
    await tablet.start().awaitInitialReplication();
    expect(await tablet.db.jobs.count().exec()).toBe(24);
    expect(tablet.wire.requests.filter((request) => request === 'GET _changes normal').length).toBeGreaterThan(6);
  });
});
