import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTL_SECONDS } from '../../server/ml/cache/cache';
import { startRedis, type TestRedis } from '../helpers/redis';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startMlService, type TestProcess } from './ml-processes';

/**
 * ML answers cached in a real redis-server (REDIS_URL): shared by server
 * instances, under hashed keys that expire, and an outage of Redis costs a
 * recomputation, never a request (shown on the ML service, whose only use of
 * Redis is this cache).
 */

const RESUME = { text: 'Nurse, 6 years.\nPatient care and medication administration in an ICU; BLS and ACLS certified.', title: 'Registered Nurse' };
const JOB = { title: 'ICU Nurse', description: 'Requirements: BLS, ACLS, patient care. Nice to have: Epic.' };

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('two server instances with one REDIS_URL', () => {
  const servers: { server: TestServer; session: TestSession }[] = [];
  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      const server = await startTestServer({ redisUrl: redis.url });
      servers.push({ server, session: await signInForTest(server, `ml-redis-${name}`) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const { server } of servers) await server.stop();
  });

  const match = async (target: { server: TestServer; session: TestSession }, body: unknown) => {
    const res = await fetch(`${target.server.url}/api/ml/match`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.session.accessToken}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  it('share answers: one computes, the other is served from Redis, under hashed keys that expire within a day', async () => {
    const first = await match(servers[0]!, { resume: RESUME, job: JOB });
    const second = await match(servers[1]!, { resume: RESUME, job: JOB });
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('trackruit:ml:*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        // A SHA-256 of the request: no resume text in the key space.
        expect(key).toMatch(/^trackruit:ml:[0-9a-f]{64}$/);
        const ttl = await client.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(DEFAULT_CACHE_TTL_SECONDS);
      }
    } finally {
      await client.close();
    }
  });
});

describe('the ML service with REDIS_URL', () => {
  const KEY = 'redis-service-key-0123456789';
  let service: TestProcess;
  let outage: TestRedis;
  beforeAll(async () => {
    outage = await startRedis();
    service = await startMlService(KEY, { REDIS_URL: outage.url });
  }, 90_000);
  afterAll(async () => {
    await service?.stop();
    await outage?.stop();
  });

  const ask = async (job: unknown) => {
    const res = await fetch(`${service.url}/ml/match`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': KEY },
      body: JSON.stringify({ resume: RESUME, job }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers from Redis while it is up, and computes every answer once it is gone', async () => {
    expect((await ask(JOB)).body.cached).toBe(false);
    const cached = await ask(JOB);
    expect(cached.body.cached).toBe(true);

    await outage.stop();
    for (const job of [JOB, JOB, { ...JOB, title: 'Charge Nurse' }]) {
      const res = await ask(job);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ cached: false, engine: 'server', algorithmVersion: 'match-1.0.0' });
    }
    expect((await ask(JOB)).body.score).toBe(cached.body.score);
  }, 30_000);
});
