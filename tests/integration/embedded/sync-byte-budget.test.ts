/**
 * The embedded storage's answer byte budget: only over embedded PouchDB does the
 * gate build _changes, _all_docs and _bulk_get answers itself, row by row within
 * the budget (with CouchDB they are streamed, bounded by the row caps), so these
 * run in `integration` only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal, job, syncCallsTo } from '../../helpers/sync-calls';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { DEFAULT_SYNC_LIMITS } from '../../../server/sync/limits';

let tight: TestServer;
const { register, call, write } = syncCallsTo(() => tight);

beforeAll(async () => {
  tight = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, maxResponseBytes: 20_000 } });
});

afterAll(async () => {
  await tight?.stop();
});

describe('with a 20 KB answer budget', () => {
  const big = (id: string) => job(id, { notes: [{ id: 'n', text: 'x'.repeat(9000), at: '2025-03-01T10:00:00.000Z' }] });

  it('pages _changes?include_docs within the byte budget, with a last_seq that loses no row', async () => {
    const a = await register();
    const ids = Array.from({ length: 3 }, (_, i) => `page:${i}`);
    await write(a, ids.map(big));
    // A 20 KB budget cannot hold every row at once with larger documents; read them back in pages.
    const seen: string[] = [];
    let since: unknown = 0;
    let pagesRead = 0;
    for (let pages = 0; pages < 10 && seen.length < ids.length; pages += 1) {
      const answer = await call(a, 'GET', `/_changes?include_docs=true&limit=1000&since=${encodeURIComponent(String(since))}`, undefined);
      expect(answer.status).toBe(200);
      expect(answer.bytes).toBeLessThan(20_000 + 3000);
      seen.push(...(answer.json.results as { id: string }[]).map((row) => row.id));
      since = answer.json.last_seq;
      pagesRead += 1;
    }
    expect(seen.sort()).toEqual(ids);
    expect(pagesRead).toBeGreaterThan(1);
  });

  it('refuses an _all_docs or _bulk_get answer over the byte budget with 413 response_too_large', async () => {
    const a = await register();
    await write(a, ['huge:0', 'huge:1', 'huge:2'].map((id) => job(id, { notes: [{ id: 'n', text: 'y'.repeat(9000), at: '2025-03-01T10:00:00.000Z' }] })));
    const keys = ['huge:0', 'huge:1', 'huge:2'];
    expectRefusal(await call(a, 'POST', '/_all_docs', { keys, include_docs: true }), 413, 'response_too_large');
    expectRefusal(await call(a, 'GET', '/_all_docs?include_docs=true', undefined), 413, 'response_too_large');
    expectRefusal(await call(a, 'POST', '/_bulk_get', { docs: keys.map((id) => ({ id })) }), 413, 'response_too_large');
    // Fewer at a time fit; ids only always fit.
    expect((await call(a, 'POST', '/_all_docs', { keys: ['huge:0'], include_docs: true })).status).toBe(200);
    expect((await call(a, 'POST', '/_all_docs', { keys })).status).toBe(200);
    expect((await call(a, 'POST', '/_bulk_get', { docs: [{ id: 'huge:1' }] })).status).toBe(200);
    // _changes still pages through them, one large row at a time if need be.
    expect((await call(a, 'GET', '/_changes?include_docs=true', undefined)).status).toBe(200);
  });
});
