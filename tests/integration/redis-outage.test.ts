import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually';
import { startRedis, type TestRedis } from '../helpers/redis';
import { signInForTest, TEST_PASSWORD, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * REDIS_URL with a real redis-server that goes away and comes back: the
 * server starts without it, keeps serving sync (a volume limit lets requests
 * through while its count is unavailable), refuses password sign-in with 503
 * (the guessing limits must hold), and is back to normal once Redis is.
 */

const login = (server: TestServer, email: string) =>
  fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });

const databaseInfo = (session: TestSession) => fetch(session.syncUrl, { headers: { authorization: `Bearer ${session.accessToken}` } });

describe('a Redis outage', () => {
  let redis: TestRedis & { port: number };
  let server: TestServer;
  let session: TestSession;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestServer({ redisUrl: redis.url });
    session = await signInForTest(server, 'redis-outage');
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('keeps sync answering, refuses password sign-in with 503, and recovers when Redis is back', async () => {
    expect((await login(server, session.user.email)).status).toBe(200);

    await redis.stop();
    const sync = await databaseInfo(session);
    expect(sync.status).toBe(200);
    expect(((await sync.json()) as { db_name: string }).db_name).toMatch(/^userdb-/);

    const refused = await login(server, session.user.email);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'limits_unavailable' } });

    redis = await startRedis(redis.port);
    const back = await eventually(async () => (await login(server, session.user.email)).status, (status) => status === 200, 20_000);
    expect(back).toBe(200);
  }, 60_000);
});

describe('a server started while its Redis is down', () => {
  let server: TestServer;
  let redis: (TestRedis & { port: number }) | undefined;
  let port: number;
  let url: string;

  beforeAll(async () => {
    // A port nothing listens on: a Redis that is not there yet.
    const gone = await startRedis();
    await gone.stop();
    ({ port, url } = gone);
    server = await startTestServer({ redisUrl: url });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('starts, serves what does not need Redis, and has its limits back once Redis comes', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/providers`)).status).toBe(200);
    // Sign-up sends mail, whose limit holds: refused while its count cannot be kept.
    const signUp = await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Late', email: `late-${Date.now()}@example.com`, password: TEST_PASSWORD }) });
    expect(signUp.status).toBe(503);

    redis = await startRedis(port);
    const session = await eventually(() => signInForTest(server, 'redis-late').catch(() => null), (value) => value !== null, 20_000);
    expect((await login(server, session!.user.email)).status).toBe(200);
    expect((await databaseInfo(session!)).status).toBe(200);
  }, 60_000);
});
