import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../server/config';
import { eventually } from '../helpers/eventually';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { startFakeMlService, startMlService, type TestProcess } from './ml-processes';

/**
 * The server with an external ML service (ML_SERVICE_URL), against real
 * processes: a fake service that can be told to be slow, fail or answer
 * garbage (ml-fake-service.ts), and the real `npm run ml-service`. The fake's
 * well-formed answers score 42 with algorithm "external-1", so an answer
 * shows which engine produced it by its content as well as its `engine`.
 */

const KEY = 'fake-service-key-0123456789';
const RESUME = { text: 'Data engineer.\nBuilt pipelines in Python and SQL on AWS.', title: 'Data Engineer' };
const JOB = { title: 'Data Engineer', description: 'Requirements: Python, SQL. Nice to have: Kafka.' };

type Fake = Awaited<ReturnType<typeof startFakeMlService>>;
let fake: Fake;
let unique = 0;
/** A job no earlier request asked about, so the cache cannot answer. */
const freshJob = () => ({ ...JOB, title: `Data Engineer ${(unique += 1)}` });

async function startWithService(mlService: ServerConfig['mlService']): Promise<{ server: TestServer; session: TestSession }> {
  const server = await startTestServer({ mlService });
  return { server, session: await signInForTest(server, 'ml-external') };
}

async function post(target: { server: TestServer; session: TestSession }, path: string, body: unknown) {
  const res = await fetch(`${target.server.url}/api/ml${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.session.accessToken}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  fake = await startFakeMlService(KEY);
}, 60_000);

afterAll(async () => {
  await fake?.stop();
});

describe('with a working external service', () => {
  let target: { server: TestServer; session: TestSession };
  beforeAll(async () => {
    // A breaker that never opens here: each failure below is seen on its own.
    target = await startWithService({ url: fake.url, apiKey: KEY, timeoutMs: 1000, breaker: { volumeThreshold: 1_000_000 } });
  }, 60_000);
  afterAll(async () => {
    await target?.server.stop();
  });

  it('answers every route from the service, named "external", without fields the contract does not name, and caches it', async () => {
    await fake.control('ok');
    const job = freshJob();
    const first = await post(target, '/match', { resume: RESUME, job });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ engine: 'external', cached: false, score: 42, algorithmVersion: 'external-1' });
    expect(first.body).not.toHaveProperty('internalDebug');
    const calls = await fake.calls();
    expect((await post(target, '/match', { resume: RESUME, job })).body).toEqual({ ...first.body, cached: true });
    expect(await fake.calls()).toBe(calls);

    expect((await post(target, '/interview', { history: [], candidate: { matchScore: 10 } })).body).toMatchObject({ engine: 'external', probability: 0.42 });
    expect((await post(target, '/recommend', { resume: RESUME, jobs: [{ id: 'a', status: 'saved', job }] })).body).toMatchObject({ engine: 'external', recommendations: [{ id: 'fake' }] });
    expect((await post(target, '/resume/feedback', { resume: RESUME, job })).body).toMatchObject({ engine: 'external', items: [{ gain: 4.2 }] });
  });

  it.each([
    ['fails with 500', 'fail', undefined],
    ['answers JSON of the wrong shape', 'garbage', undefined],
    ['answers HTML', 'not-json', undefined],
    ['answers 3 MB', 'huge', undefined],
    ['answers after the timeout', 'slow', 5000],
  ])('falls back to the built-in engine when the service %s', async (_what, mode, delayMs) => {
    await fake.control(mode, delayMs);
    const calls = await fake.calls();
    const res = await post(target, '/match', { resume: RESUME, job: freshJob() });
    expect(res.status).toBe(200);
    // The server's own engine: its algorithm, and its semantic part.
    expect(res.body).toMatchObject({ engine: 'server', cached: false, algorithmVersion: 'match-1.0.0' });
    expect(await fake.calls()).toBe(calls + 1);
  });

  it('still refuses bad input itself, without asking the service', async () => {
    await fake.control('ok');
    const calls = await fake.calls();
    expect((await post(target, '/match', { resume: { text: 'x'.repeat(200_001) }, job: JOB })).status).toBe(413);
    expect((await post(target, '/match', { resume: RESUME, job: { description: 'no title' } })).status).toBe(400);
    expect(await fake.calls()).toBe(calls);
  });
});

describe('circuit breaker', () => {
  let target: { server: TestServer; session: TestSession };
  beforeAll(async () => {
    target = await startWithService({ url: fake.url, apiKey: KEY, timeoutMs: 1000, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetMs: 3000, rollingCountMs: 60_000 } });
  }, 60_000);
  afterAll(async () => {
    await target?.server.stop();
  });

  /** Odds for a candidate no earlier request asked about: the built-in engine answers these "offline". */
  let score = 0;
  const odds = async () => (await post(target, '/interview', { history: [], candidate: { matchScore: (score += 1) } })).body;

  it('opens after failures (the service is no longer asked), falls back, half-opens and recovers to the service', async () => {
    await fake.control('fail');
    const before = await fake.calls();
    for (let i = 0; i < 3; i += 1) expect(await odds()).toMatchObject({ engine: 'offline', cached: false, kind: 'base-rate' });
    expect(await fake.calls()).toBe(before + 3);

    // Open: answered at once by the built-in engine, the service not called, even once it is well again.
    expect(await odds()).toMatchObject({ engine: 'offline' });
    await fake.control('ok');
    expect(await odds()).toMatchObject({ engine: 'offline' });
    expect(await fake.calls()).toBe(before + 3);

    // After resetMs one call goes through (half-open); its success closes the breaker.
    const recovered = await eventually(odds, (answer) => answer.engine === 'external');
    expect(recovered).toMatchObject({ probability: 0.42 });
    expect(await fake.calls()).toBe(before + 4);
    expect(await odds()).toMatchObject({ engine: 'external' });
    expect(await fake.calls()).toBe(before + 5);
  });
});

describe('with the real ML service (npm run ml-service)', () => {
  const SERVICE_KEY = 'real-service-key-0123456789';
  let service: TestProcess;
  let target: { server: TestServer; session: TestSession };
  beforeAll(async () => {
    service = await startMlService(SERVICE_KEY);
    target = await startWithService({ url: service.url, apiKey: SERVICE_KEY, timeoutMs: 20_000 });
  }, 90_000);
  afterAll(async () => {
    await target?.server.stop();
    await service?.stop();
  });

  const direct = (path: string, body: unknown, key?: string) => fetch(`${service.url}/ml${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'X-API-Key': key } : {}) },
    body: JSON.stringify(body),
  });

  it('refuses calls without its key (401), names the field of a bad body (400), and refuses an oversized text (413)', async () => {
    const missing = await direct('/match', { resume: RESUME, job: JOB });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    expect((await direct('/match', { resume: RESUME, job: JOB }, 'wrong-key-0123456789')).status).toBe(401);
    const bad = await direct('/match', { resume: RESUME, job: {} }, SERVICE_KEY);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(['job.title']);
    expect((await direct('/match', { resume: { text: 'x'.repeat(200_001) }, job: JOB }, SERVICE_KEY)).status).toBe(413);
  }, 30_000);

  it('answers the server as its external engine, with the built-in engine\'s own results', async () => {
    const job = freshJob();
    const own = (await (await direct('/match', { resume: RESUME, job }, SERVICE_KEY)).json()) as Record<string, unknown>;
    expect(own).toMatchObject({ engine: 'server', algorithmVersion: 'match-1.0.0' });
    const viaServer = await post(target, '/match', { resume: RESUME, job });
    expect(viaServer.status).toBe(200);
    expect(viaServer.body).toMatchObject({ engine: 'external', cached: false, score: own.score, band: own.band });
    const feedback = await post(target, '/resume/feedback', { resume: RESUME, jobs: [{ id: 'a', job }, { id: 'b', job: freshJob() }] });
    expect(feedback.body).toMatchObject({ engine: 'external' });
    expect((feedback.body.items as { skill?: string }[]).some((item) => item.skill === 'Kafka')).toBe(true);
  }, 60_000);
});
