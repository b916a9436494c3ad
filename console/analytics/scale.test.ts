import { describe, expect, it } from 'vitest';
import { fitLabel, niceMax, ticks } from './scale';

describe('chart scale', () => {
  it('rounds an axis top up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(0.43)).toBe(0.5);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(101)).toBe(200);
  });

  it('spaces ticks evenly from zero', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(500)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(ticks(0.5, 2)).toEqual([0, 0.25, 0.5]);
  });

  it('cuts long labels', () => {
    expect(fitLabel('LinkedIn', 10)).toBe('LinkedIn');
    expect(fitLabel('Berlin, Germany', 8)).toBe('Berlin,…');
  });
});
