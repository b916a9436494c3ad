/**
 * The sync engine against the embedded storage's answer limit: only the embedded
 * gate builds _changes and _bulk_get answers itself within a byte budget (with
 * CouchDB they are streamed, bounded by row caps), so this runs in `integration` only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bulkGet } from '../../../extension/background/sync/couch/couch-requests';
import { failOnHttpError } from '../../../extension/background/sync/couch/http-errors';
import { eventually } from '../../helpers/eventually';
import { afterThisTest, bigJobs, device, newAccount, serverDoc, stopDevices } from '../../helpers/sync-devices';
import { startTestServer } from '../../helpers/test-server';
import { DEFAULT_SYNC_LIMITS } from '../../../server/sync/limits';

afterEach(stopDevices);

describe('sync engine: the embedded server’s answer limit', () => {
  it('pulls answers over the server’s answer limit in smaller requests and pages', async () => {
    const tight = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, maxResponseBytes: 100 * 1024 } });
    afterThisTest(() => tight.stop());
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
