import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, readyWithin, type RedisClient } from '../../server/redis/connect';
import { redisOneTimeValues } from '../../server/oidc/redis-one-time-values';
import { startTestProvider, walkSignIn, type TestProvider } from '../helpers/oidc-test-provider';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Google sign-in across instances (REDIS_URL): sign-ins in progress and login
 * codes live in the Redis the instances share, so the provider may call back
 * any of them. Against a real redis-server and a real OpenID provider.
 */

const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oidc';
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('one-time values in Redis', () => {
  let client: RedisClient;
  beforeAll(async () => {
    client = connectRedis({ url: redis.url, purpose: 'test' });
    await readyWithin(client, 3000);
  });
  afterAll(async () => {
    await closeRedis(client);
  });

  it('gives a value back once, and not after it expires', async () => {
    const values = redisOneTimeValues<{ n: number }>(client, { purpose: `t-${randomUUID()}`, ttlMs: 300 });
    const key = await values.add({ n: 1 }, '198.51.100.1');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await values.take(key!)).toEqual({ n: 1 });
    expect(await values.take(key!)).toBeNull();
    const later = await values.add({ n: 2 }, '198.51.100.1');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await values.take(later!)).toBeNull();
  });

  it('a client past its share loses its own oldest value, never another client’s', async () => {
    const values = redisOneTimeValues<string>(client, { purpose: `t-${randomUUID()}`, ttlMs: 60_000, maxPerClient: 2 });
    const other = await values.add('other', '203.0.113.9');
    const keys = [await values.add('a1', '203.0.113.1'), await values.add('a2', '203.0.113.1'), await values.add('a3', '203.0.113.1')];
    expect(await values.take(keys[0]!)).toBeNull();
    expect(await values.take(keys[1]!)).toBe('a2');
    expect(await values.take(keys[2]!)).toBe('a3');
    expect(await values.take(other!)).toBe('other');
  });
});

describe('two instances sharing one Redis', () => {
  let provider: TestProvider;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    let callback = '';
    provider = await startTestProvider(() => [callback]);
    const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, scopes: 'openid email profile' };
    second = await startTestServer({ redisUrl: redis.url, oidc: { ...oidc, redirectUri: null } });
    callback = `${second.url}/api/auth/google/callback`;
    // Behind one address both would name the same callback; here the first names the second's.
    first = await startTestServer({ redisUrl: redis.url, oidc: { ...oidc, redirectUri: callback } });
  }, 60_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await provider?.stop();
  });

  it('a sign-in started on one instance finishes on the other, and its login code is exchanged there once', async () => {
    const subject = `subject-${randomUUID()}`;
    const email = `two-instances-${Date.now()}@example.com`;
    provider.accounts.set(subject, { email, email_verified: true, name: 'Two Instances' });
    provider.nextAccount = subject;

    const walk = await walkSignIn({ start: first.url, issuer: provider.issuer, extensionRedirect: EXTENSION_REDIRECT });
    expect(walk.refusal).toBeUndefined();
    expect(walk.callback?.startsWith(second.url)).toBe(true);
    const code = new URLSearchParams(walk.final!.hash.slice(1)).get('code');
    expect(code).toBeTruthy();

    const exchange = () => fetch(`${second.url}/api/auth/google/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const session = await exchange();
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(email);
    expect((await exchange()).status).toBe(400);
  });
});
