import net from 'node:net';
import { createClient } from 'redis';
import { createRedisCache } from '../../server/ml/cache/redis-cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesState } from '../../shared/admin/console-api';
import { createVerifiedAccount } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { eventually } from '../helpers/eventually';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startFakeMlService } from './ml-processes';

/**
 * GET /api/admin/services (any admin with the second factor) and
 * POST /api/admin/ml/cache/clear (ml:manage), on real servers: without
 * Redis, with a real redis-server, and with an SMTP server that cannot be
 * reached.
 */

const PASSWORD = 'Vivid-Lantern-8271';
const OWNER = 'root@example.com';
/** Asked twice, the second answer comes from the cache. */
const INTERVIEW = { history: [{ matchScore: 40, interviewed: false }, { matchScore: 90, interviewed: true }], candidate: { matchScore: 70 } };

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string } };
}

async function api(server: TestServer, method: string, route: string, token: string | null, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Answer['json'] };
}

async function services(server: TestServer, token: string): Promise<ServicesState> {
  const answer = await api(server, 'GET', '/api/admin/services', token);
  expect(answer.status).toBe(200);
  return answer.json as unknown as ServicesState;
}

async function interviewCached(server: TestServer, token: string): Promise<boolean> {
  const answer = await api(server, 'POST', '/api/ml/interview', token, INTERVIEW);
  expect(answer.status).toBe(200);
  return answer.json.cached as boolean;
}

async function auditedClears(server: TestServer, token: string) {
  const answer = await api(server, 'GET', '/api/admin/audit?action=ml.cache_cleared', token);
  expect(answer.status).toBe(200);
  return (answer.json as unknown as { entries: { actor: { email?: string }; details: Record<string, unknown> }[] }).entries;
}

describe('without Redis, mail to the outbox', () => {
  let server: TestServer;
  let owner: { adminToken: string };

  beforeAll(async () => {
    server = await startTestServer({ adminBootstrap: { email: OWNER, password: PASSWORD } });
    owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
  }, 60_000);
  afterAll(() => server.stop());

  it('shows the built-in engine, mail counts, no Redis, and the embedded storage with its counts', async () => {
    const before = await services(server, owner.adminToken);
    expect(before.ml).toEqual({ engine: 'built-in', semantic: true, breaker: null });
    expect(before.redis).toEqual({ configured: false, connected: false });
    expect(before.mail).toMatchObject({ configured: false, failed: 0 });
    expect(before.mail.lastError).toBeUndefined();
    expect(before.storage.mode).toBe('embedded');

    // Each new account: one more user, its database, and its verification mail written to the outbox.
    await createVerifiedAccount(server, { name: 'ann', email: 'ann@example.com', password: PASSWORD });
    await createVerifiedAccount(server, { name: 'bob', email: 'bob@example.com', password: PASSWORD });
    const after = await services(server, owner.adminToken);
    expect(after.storage).toEqual({ mode: 'embedded', users: before.storage.users + 2, databases: before.storage.databases + 2 });
    expect(after.mail.sent).toBeGreaterThanOrEqual(before.mail.sent + 2);
    expect(after.mail.failed).toBe(0);
  });

  it('clears the in-process ML cache for an admin with ml:manage, and audits it', async () => {
    const user = await createVerifiedAccount(server, { name: 'cyd', email: 'cyd@example.com', password: PASSWORD });
    expect(await interviewCached(server, user.accessToken)).toBe(false);
    expect(await interviewCached(server, user.accessToken)).toBe(true);

    const cleared = await api(server, 'POST', '/api/admin/ml/cache/clear', owner.adminToken);
    expect(cleared.status).toBe(200);
    expect(cleared.json).toMatchObject({ cleared: true, store: 'memory' });
    expect(cleared.json.removed).toBeGreaterThanOrEqual(1);
    expect(await interviewCached(server, user.accessToken)).toBe(false);
    expect(await auditedClears(server, owner.adminToken)).toEqual([expect.objectContaining({ actor: expect.objectContaining({ email: OWNER }), details: { store: 'memory', removed: cleared.json.removed } })]);
  });

  it('refuses the cache without ml:manage or without the second factor, and the services to plain users and to admins without it', async () => {
    const ruler = await createVerifiedAccount(server, { name: 'dee', email: 'dee@example.com', password: PASSWORD });
    expect((await api(server, 'PUT', `/api/users/${ruler.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['rules:manage'] })).status).toBe(200);
    const rulerSession = await enrolSecondFactor(server.url, ruler.accessToken, PASSWORD);

    const mlAdmin = await createVerifiedAccount(server, { name: 'eve', email: 'eve@example.com', password: PASSWORD });
    expect((await api(server, 'PUT', `/api/users/${mlAdmin.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['ml:manage'] })).status).toBe(200);
    const mlSession = await enrolSecondFactor(server.url, mlAdmin.accessToken, PASSWORD);

    const user = await createVerifiedAccount(server, { name: 'fay', email: 'fay@example.com', password: PASSWORD });
    const clears = (await auditedClears(server, owner.adminToken)).length;

    expect(await api(server, 'POST', '/api/admin/ml/cache/clear', rulerSession.adminToken)).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
    expect(await api(server, 'POST', '/api/admin/ml/cache/clear', mlAdmin.accessToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_required' } } });
    expect(await api(server, 'POST', '/api/admin/ml/cache/clear', user.accessToken)).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
    expect((await api(server, 'POST', '/api/admin/ml/cache/clear', mlSession.adminToken)).status).toBe(200);
    expect(await api(server, 'POST', '/api/admin/ml/breaker/reset', mlAdmin.accessToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_required' } } });
    expect(await api(server, 'POST', '/api/admin/ml/breaker/reset', mlSession.adminToken)).toMatchObject({ status: 409, json: { error: { code: 'no_external_service' } } });
    expect((await auditedClears(server, owner.adminToken)).length).toBe(clears + 1);

    // The services state needs no particular permission, only an admin's second factor.
    expect((await api(server, 'GET', '/api/admin/services', rulerSession.adminToken)).status).toBe(200);
    expect(await api(server, 'GET', '/api/admin/services', ruler.accessToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_required' } } });
    expect(await api(server, 'GET', '/api/admin/services', user.accessToken)).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
    expect((await api(server, 'GET', '/api/admin/services', null)).status).toBe(401);
  });
});

describe('with a real redis-server', () => {
  let redis: TestRedis;
  let server: TestServer;
  let owner: { adminToken: string };

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestServer({ redisUrl: redis.url, adminBootstrap: { email: OWNER, password: PASSWORD } });
    owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('shows Redis connected, and clears the ML answers kept there (and nothing else)', async () => {
    // The ML cache connects beside start-up, never before it.
    await eventually(() => services(server, owner.adminToken), (state) => state.redis.connected);
    expect((await services(server, owner.adminToken)).redis).toEqual({ configured: true, connected: true });

    const user = await createVerifiedAccount(server, { name: 'gus', email: 'gus@example.com', password: PASSWORD });
    expect(await interviewCached(server, user.accessToken)).toBe(false);
    expect(await interviewCached(server, user.accessToken)).toBe(true);

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const kept = await client.keys('trackruit:ml:*');
      expect(kept.length).toBeGreaterThanOrEqual(1);
      const cleared = await api(server, 'POST', '/api/admin/ml/cache/clear', owner.adminToken);
      expect(cleared).toMatchObject({ status: 200, json: { cleared: true, store: 'redis', removed: kept.length } });
      expect(await client.keys('trackruit:ml:*')).toEqual([]);
      // Only the ML answers went: the rate-limit counters in the same Redis stay.
      expect((await client.keys('trackruit:rl:*')).length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
    expect(await interviewCached(server, user.accessToken)).toBe(false);
  });
});

/**
 * Redis going away while the server runs, shown on the ML cache itself: the
 * server's rate limiters keep their counters in the same Redis and answer 500
 * without it, so no admin route can be reached to show it then.
 */
describe('the Redis ML cache when redis-server stops', () => {
  it('reports itself unreachable and refuses to clear, rather than claim it did', async () => {
    const redis = await startRedis();
    const cache = createRedisCache({ url: redis.url });
    try {
      await eventually(() => Promise.resolve(cache.reachable()), (reachable) => reachable);
      await cache.set('a', { score: 1 });
      await cache.set('b', { score: 2 });
      expect(await cache.clear()).toBe(2);
      expect(await cache.get('a')).toBeUndefined();
      await redis.stop();
      await eventually(() => Promise.resolve(cache.reachable()), (reachable) => !reachable);
      await expect(cache.clear()).rejects.toThrow(/unreachable/);
    } finally {
      await cache.close();
      await redis.stop();
    }
  });
});

describe('with an external ML service', () => {
  const KEY = 'fake-service-key-0123456789';
  let fake: Awaited<ReturnType<typeof startFakeMlService>>;
  let server: TestServer;
  let owner: { adminToken: string };

  beforeAll(async () => {
    fake = await startFakeMlService(KEY);
    // Opens after three failed calls and stays open for the rest of the test.
    server = await startTestServer({
      mlService: { url: fake.url, apiKey: KEY, timeoutMs: 1000, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetMs: 600_000, rollingCountMs: 60_000 } },
      adminBootstrap: { email: OWNER, password: PASSWORD },
    });
    owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
  });

  it('shows the external engine and its breaker, closed, then open once the service fails; ml:manage closes it again', async () => {
    expect((await services(server, owner.adminToken)).ml).toMatchObject({ engine: 'external', breaker: 'closed' });
    const user = await createVerifiedAccount(server, { name: 'ivy', email: 'ivy@example.com', password: PASSWORD });
    await fake.control('fail');
    for (let score = 1; score <= 3; score += 1) {
      const answer = await api(server, 'POST', '/api/ml/interview', user.accessToken, { history: [], candidate: { matchScore: score } });
      expect(answer.json.engine).toBe('offline');
    }
    expect((await services(server, owner.adminToken)).ml).toMatchObject({ engine: 'external', breaker: 'open' });

    // An admin without ml:manage cannot close it; the owner can, and the service is asked again at once.
    const viewer = await createVerifiedAccount(server, { name: 'jon', email: 'jon@example.com', password: PASSWORD });
    expect((await api(server, 'PUT', `/api/users/${viewer.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['rules:manage'] })).status).toBe(200);
    const viewerSession = await enrolSecondFactor(server.url, viewer.accessToken, PASSWORD);
    expect(await api(server, 'POST', '/api/admin/ml/breaker/reset', viewerSession.adminToken)).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
    await fake.control('ok');
    expect(await api(server, 'POST', '/api/admin/ml/breaker/reset', owner.adminToken)).toMatchObject({ status: 200, json: { breaker: 'closed', was: 'open' } });
    const answer = await api(server, 'POST', '/api/ml/interview', user.accessToken, { history: [], candidate: { matchScore: 4 } });
    expect(answer.json).toMatchObject({ engine: 'external', probability: 0.42 });
    const audited = await api(server, 'GET', '/api/admin/audit?action=ml.breaker_reset', owner.adminToken);
    expect(audited.json.entries).toEqual([expect.objectContaining({ details: { was: 'open' } })]);
  });
});

describe('with an SMTP server that cannot be reached', () => {
  let server: TestServer;

  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    server = await startTestServer({ smtpUrl: `smtp://mailer:Hunter2-Smtp-Secret@127.0.0.1:${port}`, adminBootstrap: { email: OWNER, password: PASSWORD } });
  }, 60_000);
  afterAll(() => server.stop());

  it('counts failed mail and shows the last error without the credentials or the address', async () => {
    const owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
    const registered = await api(server, 'POST', '/api/auth/register', null, { name: 'Hal', email: 'hal@example.com', password: PASSWORD });
    expect(registered.status).toBeLessThan(300);
    const state = await eventually(() => services(server, owner.adminToken), (s) => s.mail.failed >= 1);
    expect(state.mail).toMatchObject({ configured: true, sent: 0 });
    expect(state.mail.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(state.mail.lastError).not.toContain('Hunter2');
    expect(state.mail.lastError).not.toContain('hal@example.com');
  });
});
