import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalesce', () => {
  it('passes the first value at once and the last of a burst after the interval', () => {
    const seen: number[] = [];
    const stream = coalesce<number>(50, (value) => seen.push(value));
    stream.push(1);
    expect(seen).toEqual([1]);
    for (let value = 2; value <= 10; value += 1) stream.push(value);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(seen).toEqual([1, 10]);
  });

  it('passes a value at once again after a quiet interval', () => {
    const seen: string[] = [];
    const stream = coalesce<string>(50, (value) => seen.push(value));
    stream.push('a');
    vi.advanceTimersByTime(80);
    stream.push('b');
    expect(seen).toEqual(['a', 'b']);
  });

  it('drops what is pending when cancelled', () => {
    const seen: number[] = [];
    const stream = coalesce<number>(50, (value) => seen.push(value));
    stream.push(1);
    stream.push(2);
    stream.cancel();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([1]);
  });
});
