import { describe, expect, it } from 'vitest';
import { OneTimeStore } from './one-time-store';

describe('OneTimeStore', () => {
  it('gives a value back once', () => {
    const store = new OneTimeStore<string>(60_000);
    const key = store.add('login');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.take(key!)).toBe('login');
    expect(store.take(key!)).toBeNull();
    expect(store.take('never-issued')).toBeNull();
  });

  it('forgets a value once its time is up', () => {
    let now = 1_000;
    const store = new OneTimeStore<string>(60_000, () => now);
    const key = store.add('login');
    now += 60_000;
    expect(store.take(key!)).toBeNull();
    store.set('state', 'pending');
    now += 59_999;
    expect(store.take('state')).toBe('pending');
  });

  it('a flood from many clients fills the store but never pushes out a sign-in in progress', () => {
    let now = 0;
    const store = new OneTimeStore<string>(60_000, () => now, 3);
    expect(store.set('real', 'person', '198.51.100.7')).toBe(true);
    expect(store.set('f1', 'flood', '203.0.113.1')).toBe(true);
    expect(store.set('f2', 'flood', '203.0.113.2')).toBe(true);
    expect(store.set('f3', 'flood', '203.0.113.3')).toBe(false);
    expect(store.add('flood', '203.0.113.4')).toBeNull();
    expect(store.take('real')).toBe('person');
    // Expired entries make room again.
    now += 60_000;
    expect(store.set('later', 'person', '198.51.100.8')).toBe(true);
  });

  it('one client past its share replaces its own oldest entry, not anyone else’s', () => {
    const store = new OneTimeStore<number>(60_000, Date.now, 100, 2);
    store.set('other', 0, 'b');
    store.set('a1', 1, 'a');
    store.set('a2', 2, 'a');
    store.set('a3', 3, 'a');
    expect(store.take('a1')).toBeNull();
    expect(store.take('a2')).toBe(2);
    expect(store.take('a3')).toBe(3);
    expect(store.take('other')).toBe(0);
  });
});
