import { describe, expect, it } from 'vitest';
import { medianOfSorted } from '../insights/response-time';
import { histogramMedian, mergeHistogram } from './day-histogram';

describe('histogramMedian', () => {
  it('is the median of the counted values, as the Insights median of the same values', () => {
    const values = [0, 2, 2, 3, 7, 7, 7, 30, 365];
    for (const count of [1, 2, 5, values.length]) {
      const some = values.slice(0, count);
      const histogram = new Map<number, number>();
      for (const value of some) histogram.set(value, (histogram.get(value) ?? 0) + 1);
      expect(histogramMedian(histogram)).toBe(medianOfSorted(some));
    }
  });

  it('is null for no values', () => {
    expect(histogramMedian(new Map())).toBeNull();
  });
});

describe('mergeHistogram', () => {
  it('adds and takes away, leaving no empty days', () => {
    const into = new Map<number, number>();
    mergeHistogram(into, { 1: 2, 4: 1 }, 1);
    mergeHistogram(into, { 4: 3 }, 1);
    expect([...into]).toEqual([[1, 2], [4, 4]]);
    mergeHistogram(into, { 1: 2, 4: 1 }, -1);
    expect([...into]).toEqual([[4, 3]]);
  });
});
