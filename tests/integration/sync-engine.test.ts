/**
 * The sync engine (extension/background/sync/engine.ts) against the real
 * sync server: what each step costs in requests, and that no write is lost
 * in the interleavings that lost writes before, nor by a crash between a
 * document's write and its bookkeeping's.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { SYNC_WRITE_CONTEXT } from '../../extension/background/sync/local-docs';
import { findJob } from '../../extension/db/jobs';
import type { Job } from '../../shared/schema';
import { eventually } from '../helpers/eventually';
import { afterThisTest, BIG_DESCRIPTION, bigJobs, capture, device, edit, newAccount, serverDoc, stopDevices, twoDevicesWithJob, writes, type Device } from '../helpers/sync-devices';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/limits';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(stopDevices);

afterAll(async () => {
  await server?.stop();
});


describe('sync engine: requests', () => {
  it('pushes new jobs in one _bulk_docs, without reading them from the server first', async () => {
    const account = await newAccount(server);
    const phone = await device(account, 'phone');
    await capture(phone, '1');
    await capture(phone, '2');
    await capture(phone, '3');
    await phone.start().awaitInitialReplication();
    expect(writes(phone.wire.requests)).toEqual(['POST _bulk_docs']);
    expect((await serverDoc(account, 'linkedin:2'))?._rev).toMatch(/^1-/);
  });

  it('sends an edit with the revision it already knows, and does not fetch its own push back from the feed', async () => {
    const account = await newAccount(server);
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
    const account = await newAccount(server);
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
    const { account, phone, laptop, job } = await twoDevicesWithJob(server);

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
    const { account, phone, laptop, job } = await twoDevicesWithJob(server);

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
    const account = await newAccount(server);
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
    const { account, phone, laptop, job } = await twoDevicesWithJob(server);
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
    const account = await newAccount(server);
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
    const account = await newAccount(server);
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
  const account = await newAccount(server);
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
    afterThisTest(() => tight.stop());
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


  it('pushes a batch over the server’s body limit in smaller requests instead of retrying it forever', async () => {
    const tight = await startTestServer({ syncBodyLimitBytes: 120 * 1024 });
    afterThisTest(() => tight.stop());
    const account = await newAccount(tight);
    const phone = await device(account, 'phone');
    await bigJobs(phone);
    await phone.start().awaitInitialReplication();
    expect(phone.setAside).toEqual([]);
    expect(phone.wire.requests.filter((request) => request === 'POST _bulk_docs').length).toBeGreaterThan(6);
    expect((await serverDoc(account, 'linkedin:24'))?.description).toBe(BIG_DESCRIPTION);
  });
});
