import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { createMlEngine, matchCacheKey } from './engine';
import { LruCache } from './lru';

const RESUME = { text: 'Data engineer. Built pipelines in Python and SQL on AWS.', title: 'Data Engineer' };
const JOB = { title: 'Data Engineer', description: 'Requirements: Python, SQL. Nice to have: Kafka.' };

describe('LruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', async () => {
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

describe('ML engine match cache', () => {
  it('serves the same normalised inputs from the cache with the same result', async () => {
    const engine = createMlEngine();
    const lines = { ...RESUME, text: 'Data engineer, profiling jobs.\nBuilt pipelines in Python and SQL on AWS.' };
    const first = await engine.match(lines, JOB);
    const second = await engine.match(lines, JOB);
    // CRLF line endings and the compatibility form of a character (NFKC, as the engine reads text) are the same input.
    const third = await engine.match({ ...lines, text: lines.text.replace('\n', '\r\n').replace('fi', '\ufb01') }, JOB);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(third.cached).toBe(true);
    expect({ ...second, cached: false }).toEqual(first);
    expect(first.engine).toBe('offline');
  });

  it('misses for another algorithm version or another input', async () => {
    const r = { text: RESUME.text, title: RESUME.title };
    expect(matchCacheKey('match-1.0.0', r, JOB)).not.toBe(matchCacheKey('match-1.0.1', r, JOB));
    expect(matchCacheKey('match-1.0.0', r, JOB)).not.toBe(matchCacheKey('match-1.0.0', r, { ...JOB, location: 'Remote' }));
    expect(matchCacheKey('match-1.0.0', r, JOB)).toBe(matchCacheKey('match-1.0.0', { title: r.title, text: r.text }, { description: JOB.description, title: JOB.title }));

    const v1 = createMlEngine({ algorithmVersion: 'test-1' });
    const v2 = createMlEngine({ algorithmVersion: 'test-2' });
    expect((await v1.match(RESUME, JOB)).cached).toBe(false);
    expect((await v1.match(RESUME, JOB)).cached).toBe(true);
    expect((await v2.match(RESUME, JOB)).cached).toBe(false);
  });

  it('keeps the cache bounded', async () => {
    const engine = createMlEngine({ cacheEntries: 3 });
    for (let i = 0; i < 10; i += 1) await engine.match(RESUME, { ...JOB, title: `Data Engineer ${i}` });
    expect(engine.cacheSize).toBe(3);
  });

  it('answers an oversized text with a 413 naming it, and a malformed resume with a 400', async () => {
    const engine = createMlEngine();
    const tooLong = await engine.match({ text: 'x'.repeat(200_001) }, JOB).catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(HttpError);
    expect((tooLong as HttpError).status).toBe(413);
    expect((tooLong as HttpError).message).toMatch(/resume is 200001 characters; the limit is 200000/);
    const malformed = await engine.match({ nothing: true }, JOB).catch((error: unknown) => error);
    expect((malformed as HttpError).status).toBe(400);
  });
});
