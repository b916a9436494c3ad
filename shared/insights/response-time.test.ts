import { describe, expect, it } from 'vitest';
import { medianOfSorted, responseTime } from './response-time';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const A = '2026-11-02T09:00:00.000Z';
const afterDays = (days: number) => new Date(Date.parse(A) + days * 86_400_000).toISOString();

describe('medianOfSorted', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('%j → %s', (values, expected) => {
    expect(medianOfSorted([...values].sort((a, b) => a - b))).toBe(expected);
  });
});

describe('responseTime', () => {
  it('has no median and empty buckets for no jobs, or none answered', () => {
    for (const jobs of [[], [makeJob(), savedJob()]]) {
      const result = responseTime(jobs);
      expect(result).toMatchObject({ count: 0, undated: 0, medianDays: null });
      expect(result.buckets.map((bucket) => bucket.count)).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it('one answer after a day and a half', () => {
    const result = responseTime([jobThrough(A, [['assessment', afterDays(1.5)]])]);
    expect(result.count).toBe(1);
    expect(result.medianDays).toBeCloseTo(1.5);
    expect(result.buckets.find((bucket) => bucket.count === 1)).toEqual({ fromDays: 1, toDays: 3, count: 1 });
  });

  it('measures to the first answer, buckets half-open ranges, and sets aside undated answers', () => {
    const jobs = [
      jobThrough(A, [['rejected', afterDays(0.2)]]), // [0, 1)
      jobThrough(A, [['assessment', afterDays(1)], ['interview', afterDays(8)]]), // 1 → [1, 3)
      jobThrough(A, [['interview', afterDays(3)]]), // [3, 7)
      jobThrough(A, [['rejected', afterDays(7)]]), // [7, 14)
      jobThrough(A, [['interview', afterDays(20)]]), // [14, 30)
      jobThrough(A, [['ghosted', afterDays(25)], ['rejected', afterDays(45)]]), // ghosted is no answer: 45 → [30, ∞)
      makeJob({ appliedAt: A, status: 'offer', statusHistory: [{ status: 'applied', at: A }] }), // undated
      makeJob(), // no answer
    ];
    const result = responseTime(jobs);
    expect(result.count).toBe(6);
    expect(result.undated).toBe(1);
    expect(result.buckets.map((bucket) => bucket.count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(result.medianDays).toBeCloseTo((3 + 7) / 2);
  });

  it('counts an answer dated before the application as immediate', () => {
    const job = jobThrough(A, [['rejected', afterDays(-2)]]);
    expect(responseTime([job]).medianDays).toBe(0);
  });
});
