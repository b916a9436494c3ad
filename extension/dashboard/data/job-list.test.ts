import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/schema';
import { JobList, revisionHeight, type StoredJob } from './job-list';

const job = (id: string, updatedAt: string, title = id): Job => ({ id, updatedAt, title }) as unknown as Job;
const stored = (value: Job, height = 1): StoredJob => ({ id: value.id, job: value, height });
const ids = (list: JobList) => list.list.map((entry) => entry.id);

describe('JobList', () => {
  const a = job('a', '2026-01-01T00:00:00.000Z');
  const b = job('b', '2026-01-02T00:00:00.000Z');
  const c = job('c', '2026-01-02T00:00:00.000Z');

  it('orders newest change first, ties by id as RxDB does', () => {
    expect(ids(new JobList([stored(a), stored(c), stored(b)]))).toEqual(['b', 'c', 'a']);
  });

  it('moves a changed job to its new place and keeps the other jobs’ objects', () => {
    const list = new JobList([stored(a), stored(b), stored(c)]);
    const renamed = job('a', '2026-01-03T00:00:00.000Z', 'Renamed');
    expect(list.apply([stored(renamed, 2)])).toBe(true);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
    expect(list.list[0]).toBe(renamed);
    expect(list.list[1]).toBe(b);
  });

  it('adds, removes, and takes the latest of several changes to one job', () => {
    const list = new JobList([stored(a), stored(b)]);
    const d = job('d', '2026-01-05T00:00:00.000Z');
    list.apply([stored(d), { id: 'b', job: undefined, height: 2 }, stored(job('a', '2026-01-04T00:00:00.000Z', 'first'), 2), stored(job('a', '2025-12-01T00:00:00.000Z', 'second'), 3)]);
    expect(ids(list)).toEqual(['d', 'a']);
    expect(list.list[1]!.title).toBe('second');
  });

  it('ignores a change no newer than what it holds (an event the first read already included)', () => {
    const list = new JobList([stored(a, 3)]);
    const before = list.list;
    expect(list.apply([stored(job('a', '2026-02-01T00:00:00.000Z', 'stale'), 3), { id: 'a', job: undefined, height: 2 }])).toBe(false);
    expect(list.list).toBe(before);
  });

  it('does not bring back a deleted job on a stale event', () => {
    const list = new JobList([stored(a, 1)]);
    list.apply([{ id: 'a', job: undefined, height: 2 }]);
    list.apply([stored(a, 1)]);
    expect(ids(list)).toEqual([]);
  });

  it('reads the height of an RxDB revision', () => {
    expect(revisionHeight('12-abcdef')).toBe(12);
    expect(revisionHeight('')).toBe(0);
  });
});
