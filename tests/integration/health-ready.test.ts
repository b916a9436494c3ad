/**
 * /health/ready against a real redis-server: ready while the database and Redis
 * answer, 503 naming Redis once it is stopped, while /health (the process is up)
 * still answers 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startTestServer, type TestServer } from '../helpers/test-server';

let redis: TestRedis;
let server: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  server = await startTestServer({ redisUrl: redis.url });
});

afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

async function ready(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/health/ready`);
  return { status: response.status, body: await response.json() };
}

describe('GET /health/ready', () => {
  it('is ready with the database and Redis, and answers 503 naming Redis once Redis is stopped', async () => {
    // The probe's own connection may still be opening just after start-up.
    const deadline = Date.now() + 5_000;
    let answer = await ready();
    while (answer.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await ready();
    }
    expect(answer).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } } });

    await redis.stop();
    expect(await ready()).toEqual({ status: 503, body: { status: 'not_ready', checks: { database: 'ok', redis: 'failing' } } });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('never caches its answer', async () => {
    const response = await fetch(`${server.url}/health/ready`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
