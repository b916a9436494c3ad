import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { cacheKey, createMemoryCache } from './cache/cache';
import { createMlEngine } from './engine';
import type { ExternalMl } from './external/breaker';
import { LruCache } from './lru';

const RESUME = { text: 'Data engineer. Built pipelines in Python and SQL on AWS.', title: 'Data Engineer' };
const JOB = { title: 'Data Engineer', description: 'Requirements: Python, SQL. Nice to have: Kafka.' };

describe('LruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});

describe('in-process ML cache', () => {
  it('forgets an answer after its time to live', async () => {
    let now = 0;
    const cache = createMemoryCache({ ttlSeconds: 60, now: () => now });
    await cache.set('k', { a: 1 });
    now = 59_999;
    expect(await cache.get('k')).toEqual({ a: 1 });
    now = 60_000;
    expect(await cache.get('k')).toBeUndefined();
  });

  it('keys by value, not by the order of fields, and by every version', () => {
    const parts = { kind: 'match', producer: 'built-in', algorithmVersion: 'match-1.0.0', taxonomyVersion: 't1', month: '2026-12', body: { resume: RESUME, job: JOB } };
    const same = cacheKey({ ...parts, body: { job: { description: JOB.description, title: JOB.title }, resume: { title: RESUME.title, text: RESUME.text } } });
    expect(cacheKey(parts)).toBe(same);
    for (const change of [{ algorithmVersion: 'match-1.0.1' }, { taxonomyVersion: 't2' }, { producer: 'external http://ml' }, { month: '2027-01' }, { kind: 'feedback' }]) {
      expect(cacheKey({ ...parts, ...change })).not.toBe(same);
    }
  });
});

describe('ML engine', () => {
  it('serves the same normalised inputs from the cache with the same result', async () => {
    const engine = createMlEngine();
    const lines = { ...RESUME, text: 'Data engineer, profiling jobs.\nBuilt pipelines in Python and SQL on AWS.' };
    const first = await engine.run('match', { resume: lines, job: JOB });
    const second = await engine.run('match', { resume: lines, job: JOB });
    // CRLF line endings and the compatibility form of a character (NFKC, as the engine reads text) are the same input.
    const third = await engine.run('match', { resume: { ...lines, text: lines.text.replace('\n', '\r\n').replace('fi', '\ufb01') }, job: JOB });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(third.cached).toBe(true);
    expect({ ...second, cached: false }).toEqual(first);
    expect(first.engine).toBe('offline');
  });

  it('misses for another algorithm version', async () => {
    const cache = createMemoryCache();
    const v1 = createMlEngine({ algorithmVersion: 'test-1', cache });
    const v2 = createMlEngine({ algorithmVersion: 'test-2', cache });
    expect((await v1.run('match', { resume: RESUME, job: JOB })).cached).toBe(false);
    expect((await v1.run('match', { resume: RESUME, job: JOB })).cached).toBe(true);
    expect((await v2.run('match', { resume: RESUME, job: JOB })).cached).toBe(false);
  });

  it('keeps the cache bounded', async () => {
    const cache = createMemoryCache({ entries: 3 });
    const engine = createMlEngine({ cache });
    for (let i = 0; i < 10; i += 1) await engine.run('match', { resume: RESUME, job: { ...JOB, title: `Data Engineer ${i}` } });
    expect(cache.size).toBe(3);
  });

  it('answers recommendations and feedback in their wrapped shapes', async () => {
    const engine = createMlEngine();
    const jobs = [
      { id: 'a', status: 'saved' as const, job: { title: 'Nurse', description: 'Requirements: patient care, BLS.' } },
      { id: 'b', status: 'saved' as const, job: JOB },
      { id: 'c', status: 'applied' as const, job: JOB },
    ];
    const recommended = await engine.run('recommend', { resume: RESUME, jobs });
    expect(recommended.recommendations.map((r) => r.id)).toEqual(['b', 'a']);
    const feedback = await engine.run('feedback', { resume: RESUME, job: JOB });
    expect(feedback.items.some((item) => item.skill === 'Kafka')).toBe(true);
    expect(feedback.engine).toBe('offline');
  });

  it('answers an oversized text with a 413 naming it, and a malformed resume with a 400', async () => {
    const engine = createMlEngine();
    const tooLong = await engine.run('match', { resume: { text: 'x'.repeat(200_001) }, job: JOB }).catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(HttpError);
    expect((tooLong as HttpError).status).toBe(413);
    expect((tooLong as HttpError).message).toMatch(/resume is 200001 characters; the limit is 200000/);
    const longJob = await engine.run('recommend', { resume: RESUME, jobs: [{ id: 'a', status: 'saved', job: { title: 'x', description: 'y'.repeat(200_001) } }] }).catch((error: unknown) => error);
    expect((longJob as HttpError).message).toMatch(/Job 0's description is 200001 characters/);
    const malformed = await engine.run('match', { resume: { nothing: true } as never, job: JOB }).catch((error: unknown) => error);
    expect((malformed as HttpError).status).toBe(400);
  });
});

describe('ML engine with an external service', () => {
  const external = (answer: () => Promise<unknown>): ExternalMl & { calls: number } => {
    const stub = {
      calls: 0,
      url: 'http://ml.test',
      state: 'closed' as const,
      call: () => {
        stub.calls += 1;
        return answer() as never;
      },
      reset: () => undefined,
      close: () => undefined,
    };
    return stub;
  };

  it('answers with the service, caches its answer apart, and falls back to the built-in engine when it fails', async () => {
    const offline = await createMlEngine().run('match', { resume: RESUME, job: JOB });
    let healthy = true;
    const service = external(() => (healthy ? Promise.resolve({ ...offline, score: 12 }) : Promise.reject(new Error('down'))));
    const engine = createMlEngine({ external: service });
    expect(await engine.run('match', { resume: RESUME, job: JOB })).toMatchObject({ engine: 'external', cached: false, score: 12 });
    expect(await engine.run('match', { resume: RESUME, job: JOB })).toMatchObject({ engine: 'external', cached: true, score: 12 });
    expect(service.calls).toBe(1);

    healthy = false;
    const other = { ...JOB, title: 'Analytics Engineer' };
    expect(await engine.run('match', { resume: RESUME, job: other })).toMatchObject({ engine: 'offline', cached: false });
    // The fallback answer is not the service's: once the service is back, it is asked.
    healthy = true;
    expect(await engine.run('match', { resume: RESUME, job: other })).toMatchObject({ engine: 'external', cached: false, score: 12 });
  });

  it('refuses oversized input before asking the service', async () => {
    const service = external(() => Promise.reject(new Error('not reached')));
    const error = await createMlEngine({ external: service }).run('match', { resume: { text: 'x'.repeat(200_001) }, job: JOB }).catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(413);
    expect(service.calls).toBe(0);
  });
});

describe('ML engine answers made without the semantic part', () => {
  it('serves an answer the model could not complete, but does not keep it', async () => {
    const { match } = await import('../../shared/match/match');
    let modelWorks = false;
    let runs = 0;
    // The pool's side of a worker whose sentence-embedding model fails to load, then loads.
    const pool = {
      run: async () => {
        runs += 1;
        const offline = match(RESUME, JOB);
        return modelWorks ? { ...offline, components: [...offline.components, { name: 'semantic', weight: 0.5, score: 0.8 }] } : { ...offline, semanticUnavailable: 'The sentence-embedding model could not be loaded (Error)' };
      },
      close: async () => undefined,
    };
    const engine = createMlEngine({ pool });
    expect(engine.status().semantic).toBe(true);
    const degraded = await engine.run('match', { resume: RESUME, job: JOB });
    expect(degraded).toMatchObject({ engine: 'offline', cached: false });
    // The admin console's services state shows the semantic part down until a match has it again.
    expect(engine.status().semantic).toBe(false);
    modelWorks = true;
    const full = await engine.run('match', { resume: RESUME, job: JOB });
    expect(full).toMatchObject({ engine: 'server', cached: false });
    expect(engine.status()).toEqual({ engine: 'built-in', semantic: true, breaker: null, cache: { kind: 'memory', reachable: true } });
    expect(await engine.run('match', { resume: RESUME, job: JOB })).toMatchObject({ engine: 'server', cached: true });
    expect(runs).toBe(2);
  });
});

describe('ML engine offline-only runs', () => {
  it('asks the workers for the match without the semantic part, skips the external service, and keys it apart', async () => {
    const { match } = await import('../../shared/match/match');
    const tasks: unknown[] = [];
    const pool = {
      run: async (task: unknown) => {
        tasks.push(task);
        return match(RESUME, JOB);
      },
      close: async () => undefined,
    };
    let externalCalls = 0;
    const external = { url: 'http://ml.invalid', call: async () => { externalCalls += 1; throw new Error('down'); }, close: () => undefined, state: () => 'closed' } as unknown as ExternalMl;
    const engine = createMlEngine({ pool, external });
    const offline = await engine.run('match', { resume: RESUME, job: JOB }, { semantic: false });
    expect(offline).toMatchObject({ engine: 'offline', cached: false });
    expect(tasks).toEqual([expect.objectContaining({ kind: 'match', semantic: false })]);
    expect(externalCalls).toBe(0);
    // The full answer is another entry: it does not come from the offline-only one.
    expect(await engine.run('match', { resume: RESUME, job: JOB })).toMatchObject({ cached: false });
    expect(externalCalls).toBe(1);
    expect(tasks[1]).not.toHaveProperty('semantic');
  });
});
