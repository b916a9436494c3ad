import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { createSignedClient } from '../helpers/signed-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function expectLimited(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
}

describe('/api/extension rate limits', () => {
  it('answers 429 with Retry-After once a user is over the limit; another user is not affected', async () => {
    server = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, extensionPerWindow: 3 } });
    const laptop = await createSignedClient(server, 'alice');
    const other = await createSignedClient(server, 'bob');
    for (let i = 0; i < 3; i += 1) expect((await laptop.fetch('/api/extension/verify')).status).toBe(200);
    await expectLimited(await laptop.fetch('/api/extension/config'));
    expect((await other.fetch('/api/extension/verify')).status).toBe(200);
  });

  it('counts every request from one address, signed or not, before the token is checked', async () => {
    server = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, extensionIpPerWindow: 3 } });
    const s = server;
    const client = await createSignedClient(s, 'carol');
    expect((await fetch(`${s.url}/api/extension/verify`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/extension/verify`)).status).toBe(401);
    expect((await client.fetch('/api/extension/verify')).status).toBe(200);
    await expectLimited(await client.fetch('/api/extension/verify'));
    await expectLimited(await fetch(`${s.url}/api/extension/verify`));
  });

  it('by default allows a busy browser: more requests than a sync every few seconds for 15 minutes need', () => {
    expect(DEFAULT_RATE_LIMITS.extensionPerWindow).toBeGreaterThanOrEqual(600);
    expect(DEFAULT_RATE_LIMITS.extensionIpPerWindow).toBeGreaterThan(DEFAULT_RATE_LIMITS.extensionPerWindow);
  });
});
