import { describe, expect, it } from 'vitest';
import { OneTimeStore } from './one-time-store';

describe('OneTimeStore', () => {
  it('gives a value back once', () => {
    const store = new OneTimeStore<string>(60_000);
    const key = store.add('login');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.take(key)).toBe('login');
    expect(store.take(key)).toBeNull();
    expect(store.take('never-issued')).toBeNull();
  });

  it('forgets a value once its time is up', () => {
    let now = 1_000;
    const store = new OneTimeStore<string>(60_000, () => now);
    const key = store.add('login');
    now += 60_000;
    expect(store.take(key)).toBeNull();
    store.set('state', 'pending');
    now += 59_999;
    expect(store.take('state')).toBe('pending');
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const store = new OneTimeStore<number>(60_000, Date.now, 2);
    store.set('a', 1);
    store.set('b', 2);
    store.set('c', 3);
    expect(store.take('a')).toBeNull();
    expect(store.take('b')).toBe(2);
    expect(store.take('c')).toBe(3);
  });
});
