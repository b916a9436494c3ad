import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobConflictHandler } from '../../extension/db/conflict-handler';
import { validateJobCouchDoc } from '../../shared/schema/job-doc';
import type { Job } from '../../shared/schema/job';
import { stampFieldTimes } from '../../shared/sync/merge-job';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { DEFAULT_SYNC_LIMITS } from '../../server/sync/limits';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * /api/jobs against the real server: each route's answer and refusals, that
 * users never reach each other's jobs, that paging lists every job once, and
 * that a REST edit and a device's edit of the same job made through sync
 * merge rather than one replacing the other.
 */

let server: TestServer;
let ada: TestSession;
let bob: TestSession;

type StoredJob = Job & { _rev: string };
interface ErrorJson { error: { code: string; message: string; fields?: Record<string, string> } }

function call(method: string, path: string, body?: unknown, token: string | null = ada.accessToken, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const errorOf = async (res: Response, status: number) => (await json<ErrorJson>(res, status)).error;

async function addJob(fields: Record<string, unknown> = {}, session = ada): Promise<StoredJob> {
  const res = await call('POST', '/api/jobs', { title: 'Backend Engineer', company: 'Acme', url: 'https://example.com/jobs/1', ...fields }, session.accessToken);
  return (await json<{ job: StoredJob }>(res, 201)).job;
}

/** A device's push of its copy of a job, as the extension's replication sends it. */
async function pushFromDevice(session: TestSession, doc: Record<string, unknown>) {
  const res = await fetch(`${session.syncUrl}_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ docs: [doc] }),
  });
  const rows = await json<{ ok?: boolean; error?: string; rev?: string }[]>(res, 201);
  expect(rows[0]?.ok, JSON.stringify(rows)).toBe(true);
  return rows[0]!.rev!;
}

/** What a device sees of a job through replication. */
async function pullFromDevice(session: TestSession, id: string) {
  const res = await fetch(`${session.syncUrl}_changes?include_docs=true&style=all_docs`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
  const body = await json<{ results: { id: string; deleted?: boolean; doc: Record<string, unknown> }[] }>(res, 200);
  return body.results.find((row) => row.id === id);
}

function asCouch(job: StoredJob): Record<string, unknown> {
  const { id, ...rest } = job;
  return { _id: id, ...rest };
}

beforeAll(async () => {
  server = await startTestServer();
  ada = await signInForTest(server, 'rest-ada');
  bob = await signInForTest(server, 'rest-bob');
});

afterAll(async () => {
  await server?.stop();
});

describe('writing and reading one job', () => {
  it('creates a job that replication carries to devices as a valid document', async () => {
    const job = await addJob({ status: 'applied', location: 'Berlin', tags: ['remote'] });
    expect(job).toMatchObject({ title: 'Backend Engineer', company: 'Acme', status: 'applied', platform: 'other', source: 'manual', isActive: true, location: 'Berlin', tags: ['remote'] });
    expect(job.id).toMatch(/^manual:/);
    expect(job.statusHistory).toEqual([{ status: 'applied', at: job.createdAt }]);
    expect(job.appliedAt).toBe(job.createdAt);
    expect(job.fieldTimes?.title).toBe(job.createdAt);

    const pulled = await pullFromDevice(ada, job.id);
    expect(pulled?.doc._rev).toBe(job._rev);
    expect(validateJobCouchDoc(pulled?.doc)).toBeNull();
  });

  it('reads a job by id with its revision as ETag', async () => {
    const job = await addJob({ id: 'linkedin:4100000001', platform: 'linkedin' });
    const res = await call('GET', `/api/jobs/${encodeURIComponent(job.id)}`);
    expect(res.headers.get('etag')).toBe(`"${job._rev}"`);
    expect((await json<{ job: StoredJob }>(res, 200)).job).toEqual(job);
  });

  it('refuses a second job with the same id, and takes the id again once that job is deleted', async () => {
    await addJob({ id: 'indeed:dupe-1', platform: 'indeed' });
    expect((await errorOf(await call('POST', '/api/jobs', { id: 'indeed:dupe-1', title: 'Other', company: 'X', url: 'https://example.com/2' }), 409)).code).toBe('already_exists');
    expect((await call('DELETE', '/api/jobs/indeed:dupe-1')).status).toBe(204);
    const again = await addJob({ id: 'indeed:dupe-1', platform: 'indeed', title: 'Again' });
    expect(again.title).toBe('Again');
    expect((await pullFromDevice(ada, again.id))?.deleted).toBeUndefined();
  });

  it('updates fields, records a status change in the history, and clears a field with null', async () => {
    const job = await addJob({ location: 'Paris' });
    const res = await call('PUT', `/api/jobs/${job.id}`, { status: 'interview', salary: '70k', location: null });
    const body = await json<{ job: StoredJob; status: string; merged: boolean }>(res, 200);
    expect(body).toMatchObject({ status: 'updated', merged: false });
    expect(body.job).toMatchObject({ status: 'interview', salary: '70k' });
    expect(body.job.location).toBeUndefined();
    expect(body.job.statusHistory.map((entry) => entry.status)).toEqual(['saved', 'interview']);
    expect(body.job._rev).not.toBe(job._rev);
    expect(body.job.fieldTimes?.salary).toBe(body.job.updatedAt);
    expect(validateJobCouchDoc((await pullFromDevice(ada, job.id))?.doc)).toBeNull();
  });

  it('answers unchanged, writing nothing, when the values are already those', async () => {
    const job = await addJob({ salary: '50k' });
    const body = await json<{ job: StoredJob; status: string }>(await call('PUT', `/api/jobs/${job.id}`, { salary: '50k' }), 200);
    expect(body).toMatchObject({ status: 'unchanged' });
    expect(body.job._rev).toBe(job._rev);
  });

  it('deletes with the tombstone sync uses, so devices learn of it', async () => {
    const job = await addJob();
    expect((await call('DELETE', `/api/jobs/${job.id}`)).status).toBe(204);
    expect((await errorOf(await call('GET', `/api/jobs/${job.id}`), 404)).code).toBe('not_found');
    const pulled = await pullFromDevice(ada, job.id);
    expect(pulled?.deleted).toBe(true);
    expect(pulled?.doc).toMatchObject({ _deleted: true, title: job.title });
    expect(validateJobCouchDoc(pulled?.doc)).toBeNull();
    expect((await call('DELETE', `/api/jobs/${job.id}`)).status).toBe(404);
  });
});

describe('an edit made against an older revision', () => {
  it('merges with a device edit made through sync meanwhile: both fields are kept', async () => {
    const job = await addJob({ status: 'applied' });
    // The device, offline from the same revision, sets a follow-up date and syncs first.
    const deviceAt = new Date(Date.now() - 1000).toISOString();
    const { _rev: _ignored, ...plain } = job;
    const deviceCopy = stampFieldTimes(plain, { ...plain, followUpAt: '2026-12-24T09:00:00.000Z', updatedAt: deviceAt });
    await pushFromDevice(ada, { ...asCouch({ ...deviceCopy, _rev: job._rev }) });

    // The mobile app still holds the first revision and changes the salary.
    const res = await call('PUT', `/api/jobs/${job.id}`, { salary: '90k', _rev: job._rev });
    const body = await json<{ job: StoredJob; merged: boolean }>(res, 200);
    expect(body.merged).toBe(true);
    expect(body.job).toMatchObject({ salary: '90k', followUpAt: '2026-12-24T09:00:00.000Z', status: 'applied' });
    expect(validateJobCouchDoc((await pullFromDevice(ada, job.id))?.doc)).toBeNull();
  });

  it('takes If-Match as the revision, and resolves a field both changed as sync does: the later edit', async () => {
    const job = await addJob({ salary: '40k' });
    const { _rev: _ignored, ...plain } = job;
    const deviceCopy = stampFieldTimes(plain, { ...plain, salary: 'device value', location: 'Lisbon', updatedAt: new Date(Date.now() - 1000).toISOString() });
    await pushFromDevice(ada, asCouch({ ...deviceCopy, _rev: job._rev }));

    const res = await call('PUT', `/api/jobs/${job.id}`, { salary: 'app value' }, ada.accessToken, { 'If-Match': `"${job._rev}"` });
    const body = await json<{ job: StoredJob; merged: boolean }>(res, 200);
    expect(body.merged).toBe(true);
    expect(body.job).toMatchObject({ salary: 'app value', location: 'Lisbon' });
  });

  it('keeps the list entries both sides added', async () => {
    const job = await addJob({ tags: ['a'] });
    const { _rev: _ignored, ...plain } = job;
    const deviceCopy = { ...plain, tags: ['a', 'from-device'], updatedAt: new Date(Date.now() - 1000).toISOString() };
    await pushFromDevice(ada, asCouch({ ...deviceCopy, _rev: job._rev }));
    const body = await json<{ job: StoredJob }>(await call('PUT', `/api/jobs/${job.id}`, { tags: ['a', 'from-app'], _rev: job._rev }), 200);
    expect(body.job.tags).toEqual(['a', 'from-app', 'from-device']);
  });

  it('is never overwritten by a device that pushes an offline edit afterwards: the device merges as the extension does', async () => {
    const job = await addJob({ status: 'applied' });
    const { _rev: baseRev, ...base } = job;
    // The app edits first...
    const fromApp = await json<{ job: StoredJob }>(await call('PUT', `/api/jobs/${job.id}`, { salary: '75k', _rev: baseRev }), 200);
    // ...then a device that was offline since the first revision pushes its own edit from there.
    const local = stampFieldTimes(base, { ...base, location: 'Porto', updatedAt: new Date().toISOString() });
    const res = await fetch(`${ada.syncUrl}_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ada.accessToken}` },
      body: JSON.stringify({ docs: [asCouch({ ...local, _rev: baseRev })] }),
    });
    expect((await json<{ error?: string }[]>(res, 201))[0]?.error).toBe('conflict');
    // The extension's conflict handler resolves it against the server's version and pushes the result.
    const { _rev: serverRev, ...server } = fromApp.job;
    // RxDB hands the handler each state with its `_deleted` flag.
    const live = (state: Job) => ({ ...state, _deleted: false });
    const merged = await jobConflictHandler.resolve({ assumedMasterState: live(base), realMasterState: live(server), newDocumentState: live(local) }, 'test');
    const { _deleted: _d, ...resolved } = merged;
    await pushFromDevice(ada, asCouch({ ...resolved, _rev: serverRev }));
    const after = await json<{ job: StoredJob }>(await call('GET', `/api/jobs/${job.id}`), 200);
    expect(after.job).toMatchObject({ salary: '75k', location: 'Porto', status: 'applied' });
  });

  it('applies an edit naming a revision the database does not know to the stored job, each field taking its later edit', async () => {
    const job = await addJob({ salary: '10k', location: 'Oslo' });
    for (const rev of ['9-0123456789abcdef0123456789abcdef', 'garbage']) {
      const body = await json<{ job: StoredJob }>(await call('PUT', `/api/jobs/${job.id}`, { salary: `${rev.length}k`, _rev: rev }), 200);
      expect(body.job).toMatchObject({ salary: `${rev.length}k`, location: 'Oslo' });
    }
  });

  it('refuses If-Match and _rev that disagree', async () => {
    const job = await addJob();
    const res = await call('PUT', `/api/jobs/${job.id}`, { salary: '1', _rev: job._rev }, ada.accessToken, { 'If-Match': '"1-abc"' });
    expect((await errorOf(res, 400)).fields).toHaveProperty('_rev');
  });
});

describe('listing, filters and paging', () => {
  let lister: TestSession;
  const ids: string[] = [];

  beforeAll(async () => {
    lister = await signInForTest(server, 'rest-lister');
    for (let i = 0; i < 23; i += 1) {
      const job = await addJob({
        id: `indeed:page-${String(i).padStart(2, '0')}`,
        platform: i % 3 === 0 ? 'linkedin' : 'indeed',
        status: i % 2 === 0 ? 'applied' : 'saved',
        title: i % 5 === 0 ? 'Data Scientist' : 'Backend Engineer',
        ...(i % 2 === 0 ? { appliedAt: `2026-11-${String(1 + i).padStart(2, '0')}T10:00:00.000Z` } : {}),
      }, lister);
      ids.push(job.id);
    }
  });

  async function allPages(query: string, limit: number, between?: (page: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const res = await call('GET', `/api/jobs?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, undefined, lister.accessToken);
      const body = await json<{ jobs: StoredJob[]; nextCursor: string | null }>(res, 200);
      expect(body.jobs.length).toBeLessThanOrEqual(limit);
      seen.push(...body.jobs.map((job) => job.id));
      await between?.(page);
      if (!body.nextCursor) return seen;
      cursor = body.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('pages through every job exactly once', async () => {
    const seen = await allPages('', 5);
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('lists every job there was from the start once, even when jobs are added and deleted between pages', async () => {
    const added: string[] = [];
    const seen = await allPages('', 4, async (page) => {
      if (page === 1) added.push((await addJob({ id: `indeed:page-00a-${page}`, platform: 'indeed' }, lister)).id);
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    for (const id of added) expect((await call('DELETE', `/api/jobs/${encodeURIComponent(id)}`, undefined, lister.accessToken)).status).toBe(204);
  });

  it('filters by status, platform, text and date range, paging the filtered jobs once each', async () => {
    const applied = await allPages('&status=applied&platform=indeed,linkedin', 3);
    expect(applied.sort()).toEqual(ids.filter((_, i) => i % 2 === 0).sort());
    const linkedin = await allPages('&platform=linkedin', 2);
    expect(linkedin.sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
    const scientists = await allPages('&q=data%20scientist', 10);
    expect(scientists.sort()).toEqual(ids.filter((_, i) => i % 5 === 0).sort());
    const ranged = await allPages('&dateField=appliedAt&from=2026-11-05&to=2026-11-09', 10);
    // Applied on the 5th, 7th and 9th of November (i = 4, 6, 8); `to` covers its whole day.
    expect(ranged.sort()).toEqual([ids[4], ids[6], ids[8]].sort());
  });

  it('refuses a bad limit, cursor, status or unknown parameter', async () => {
    for (const query of ['limit=101', 'limit=0', 'cursor=not-ours', 'status=hired', 'sort=title', 'from=yesterday', 'status=applied&status=saved']) {
      expect((await errorOf(await call('GET', `/api/jobs?${query}`, undefined, lister.accessToken), 400)).code, query).toBe('validation_failed');
    }
  });

  it('counts the jobs by status and site in /stats', async () => {
    const stats = await json<{ total: number; active: number; statuses: { status: string; count: number }[]; bySite: { platform: string; applications: number }[] }>(
      await call('GET', '/api/jobs/stats', undefined, lister.accessToken), 200);
    expect(stats.total).toBe(ids.length);
    expect(stats.active).toBe(ids.length);
    expect(stats.statuses.find((row) => row.status === 'applied')?.count).toBe(12);
    expect(stats.statuses.find((row) => row.status === 'saved')?.count).toBe(11);
    expect(stats.bySite.find((row) => row.platform === 'linkedin')?.applications).toBe(ids.filter((_, i) => i % 3 === 0 && i % 2 === 0).length);
  });
});

describe('bulk update', () => {
  it('changes every job named and reports the ones that do not exist', async () => {
    const a = await addJob();
    const b = await addJob({ status: 'interview' });
    const res = await call('POST', '/api/jobs/bulk-update', { ids: [a.id, b.id, 'manual:missing'], changes: { status: 'interview', tags: ['batch'] } });
    const body = await json<{ results: { id: string; status: string }[]; updated: number; notFound: number }>(res, 200);
    expect(body.results.map((row) => row.status)).toEqual(['updated', 'updated', 'not_found']);
    expect(body).toMatchObject({ updated: 2, notFound: 1 });
    const after = await json<{ job: StoredJob }>(await call('GET', `/api/jobs/${a.id}`), 200);
    expect(after.job).toMatchObject({ status: 'interview', tags: ['batch'] });
  });

  it('refuses more than 100 ids, none, the same id twice, or no change', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `manual:x${i}`);
    expect((await errorOf(await call('POST', '/api/jobs/bulk-update', { ids: many, changes: { isActive: false } }), 400)).fields).toHaveProperty('ids');
    expect((await errorOf(await call('POST', '/api/jobs/bulk-update', { ids: [], changes: { isActive: false } }), 400)).fields).toHaveProperty('ids');
    expect((await errorOf(await call('POST', '/api/jobs/bulk-update', { ids: ['manual:a', 'manual:a'], changes: { isActive: false } }), 400)).fields).toHaveProperty('ids');
    expect((await errorOf(await call('POST', '/api/jobs/bulk-update', { ids: ['manual:a'], changes: {} }), 400)).fields).toHaveProperty('changes');
    expect((await errorOf(await call('POST', '/api/jobs/bulk-update', { ids: ['manual:a'], changes: { title: 'x' } }), 400)).fields).toHaveProperty('changes.title');
  });
});

describe('refusals', () => {
  it('refuses invalid bodies with the shared schema\'s messages', async () => {
    const missing = await errorOf(await call('POST', '/api/jobs', { company: 'Acme', url: 'https://example.com' }), 400);
    expect(missing.fields).toHaveProperty('title');
    const badUrl = await errorOf(await call('POST', '/api/jobs', { title: 'T', company: 'C', url: 'javascript:alert(1)' }), 400);
    expect(badUrl.fields).toHaveProperty('url');
    const unknown = await errorOf(await call('POST', '/api/jobs', { title: 'T', company: 'C', url: 'https://example.com', statusHistory: [] }), 400);
    expect(unknown.fields).toHaveProperty('statusHistory');
    expect((await errorOf(await call('POST', '/api/jobs', '{"title":'), 400)).code).toBe('malformed_json');
    expect((await call('POST', '/api/jobs', [1, 2])).status).toBe(400);
    const job = await addJob();
    expect((await errorOf(await call('PUT', `/api/jobs/${job.id}`, { status: 'hired' }), 400)).fields).toHaveProperty('status');
    expect((await errorOf(await call('PUT', `/api/jobs/${job.id}`, { title: '' }), 400)).fields).toHaveProperty('title');
    expect((await errorOf(await call('PUT', `/api/jobs/${job.id}`, { id: 'other' }), 400)).fields).toHaveProperty('id');
  });

  it('answers 413 to a body over the limit', async () => {
    const huge = { title: 'T', company: 'C', url: 'https://example.com', description: 'x'.repeat(1_200_000) };
    expect((await errorOf(await call('POST', '/api/jobs', huge), 413)).code).toBe('payload_too_large');
    const job = await addJob();
    expect((await call('PUT', `/api/jobs/${job.id}`, { description: 'x'.repeat(1_200_000) })).status).toBe(413);
  });

  it('answers 401 on every route without a valid token', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/jobs'], ['POST', '/api/jobs', { title: 'T' }], ['GET', '/api/jobs/stats'], ['POST', '/api/jobs/bulk-update', { ids: [] }],
      ['GET', '/api/jobs/manual:x'], ['PUT', '/api/jobs/manual:x', {}], ['DELETE', '/api/jobs/manual:x'],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, body, null)).status, `${method} ${path}`).toBe(401);
      expect((await call(method, path, body, 'not.a.token')).status, `${method} ${path}`).toBe(401);
    }
  });

  it('never lets one user read, change or delete another\'s job: 404 as if it did not exist', async () => {
    const job = await addJob({ id: 'linkedin:4199999999', platform: 'linkedin', salary: 'private' });
    expect((await call('GET', `/api/jobs/${job.id}`, undefined, bob.accessToken)).status).toBe(404);
    expect((await call('PUT', `/api/jobs/${job.id}`, { salary: 'stolen', _rev: job._rev }, bob.accessToken)).status).toBe(404);
    expect((await call('DELETE', `/api/jobs/${job.id}`, undefined, bob.accessToken)).status).toBe(404);
    const bulk = await json<{ results: { status: string }[] }>(await call('POST', '/api/jobs/bulk-update', { ids: [job.id], changes: { isActive: false } }, bob.accessToken), 200);
    expect(bulk.results[0]?.status).toBe('not_found');
    const list = await json<{ jobs: StoredJob[] }>(await call('GET', '/api/jobs?limit=100', undefined, bob.accessToken), 200);
    expect(list.jobs.map((j) => j.id)).not.toContain(job.id);
    expect((await json<{ job: StoredJob }>(await call('GET', `/api/jobs/${job.id}`), 200)).job).toEqual(job);
  });

  it('holds the user to the sync quota: a new job past it is refused, edits and deletions still pass', async () => {
    const small = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, maxDocuments: 2 } });
    try {
      const session = await signInForTest(small, 'rest-quota');
      const send = (method: string, path: string, body?: unknown) => fetch(`${small.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${session.accessToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const job = (n: number) => ({ id: `manual:quota-${n}`, title: 'T', company: 'C', url: 'https://example.com/q' });
      expect((await send('POST', '/api/jobs', job(1))).status).toBe(201);
      expect((await send('POST', '/api/jobs', job(2))).status).toBe(201);
      expect((await errorOf(await send('POST', '/api/jobs', job(3)), 403)).code).toBe('quota_documents');
      expect((await send('PUT', '/api/jobs/manual:quota-1', { salary: '1k' })).status).toBe(200);
      expect((await send('DELETE', '/api/jobs/manual:quota-2')).status).toBe(204);
      expect((await send('POST', '/api/jobs', job(3))).status).toBe(201);
    } finally {
      await small.stop();
    }
  });

  it('counts requests against the per-user API limit', async () => {
    const limited = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, apiPerWindow: 3 } });
    try {
      const session = await signInForTest(limited, 'rest-limited');
      const get = () => fetch(`${limited.url}/api/jobs`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
      for (let i = 0; i < 3; i += 1) expect((await get()).status).toBe(200);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.stop();
    }
  });
});
