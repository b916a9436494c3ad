import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff, backoffDelay, withBackoff } from './backoff';

describe('backoffDelay', () => {
  it('doubles with each failure up to the cap, with jitter between half and all of it', () => {
    const low = { random: () => 0 };
    const high = { random: () => 1 };
    expect(backoffDelay(0)).toBe(0);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelay(3, low)).toBe(4_000);
    expect(backoffDelay(50, high)).toBe(60_000);
  });
});

describe('withBackoff', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds requests back after failures, lets them through after a success, and wakes on reset', async () => {
    const backoff = new Backoff({ random: () => 1 });
    const answers: (Response | Error)[] = [new Error('offline'), new Response('', { status: 503 }), new Response('{}')];
    const sent: number[] = [];
    const fetchFn = withBackoff(async () => {
      sent.push(Date.now());
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    }, backoff);
    const start = Date.now();

    await expect(fetchFn('http://server/db/_changes')).rejects.toThrow('offline');
    expect(backoff.consecutiveFailures).toBe(1);

    const second = fetchFn('http://server/db/_changes');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await second).status).toBe(503);
    expect(sent[1]! - start).toBe(2_000);
    expect(backoff.consecutiveFailures).toBe(2);

    // Back online: the waiting request goes at once, and succeeds.
    const third = fetchFn('http://server/db/_changes');
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(2);
    backoff.reset();
    expect((await third).status).toBe(200);
    expect(backoff.consecutiveFailures).toBe(0);
  });

  it('does not slow down for requests their caller gave up, but does for a deadline passing', async () => {
    const backoff = new Backoff();
    const fetchFn = withBackoff(async (_input, init) => {
      throw init?.signal?.reason ?? new Error('offline');
    }, backoff);
    const stopping = new AbortController();
    stopping.abort();
    await expect(fetchFn('http://server/db/_changes', { signal: stopping.signal })).rejects.toThrow();
    expect(backoff.consecutiveFailures).toBe(0);
    const deadline = new AbortController();
    deadline.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    await expect(fetchFn('http://server/db/_changes', { signal: deadline.signal })).rejects.toThrow('timed out');
    expect(backoff.consecutiveFailures).toBe(1);
  });

  it('does not slow down for answers the server gave on purpose', async () => {
    const backoff = new Backoff();
    const fetchFn = withBackoff(async () => new Response('', { status: 400 }), backoff);
    await fetchFn('http://server/db/_bulk_docs');
    expect(backoff.consecutiveFailures).toBe(0);
  });
});
