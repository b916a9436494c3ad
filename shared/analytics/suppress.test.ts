import { describe, expect, it } from 'vitest';
import { hiddenGroups } from './suppress';

describe('hiddenGroups', () => {
  it('hides groups under the minimum and nothing else when no total can be subtracted from', () => {
    expect(hiddenGroups([12, 9, 10, 1], 10, { complementary: false })).toEqual([false, true, false, true]);
  });

  it('shows an empty group: its zero is about nobody, and needs no partner hidden', () => {
    expect(hiddenGroups([0, 24], 10, { complementary: true })).toEqual([false, false]);
  });

  it('shows every group when all are large enough, complementary or not', () => {
    expect(hiddenGroups([10, 11, 40], 10, { complementary: true })).toEqual([false, false, false]);
  });

  it('also hides the smallest shown group, so the total minus the shown ones is never the small group alone', () => {
    const users = [40, 9, 12, 25];
    const hidden = hiddenGroups(users, 10, { complementary: true });
    expect(hidden).toEqual([false, true, true, false]);
    // What a subtraction can reach covers a group of at least ten people.
    expect(Math.max(...users.filter((_count, index) => hidden[index]))).toBeGreaterThanOrEqual(10);
  });

  it('hides only one partner however many small groups there are', () => {
    expect(hiddenGroups([3, 30, 2, 11], 10, { complementary: true })).toEqual([true, false, true, true]);
  });

  it('hides everything when no group is large enough to hide beside the small one', () => {
    expect(hiddenGroups([9], 10, { complementary: true })).toEqual([true]);
    expect(hiddenGroups([4, 5], 10, { complementary: true })).toEqual([true, true]);
  });

  it('hides the first of equal smallest partners, so the choice does not depend on anything but the counts', () => {
    expect(hiddenGroups([15, 1, 15], 10, { complementary: true })).toEqual([true, true, false]);
  });

  it('follows the configured minimum', () => {
    expect(hiddenGroups([4, 5, 6], 5, { complementary: false })).toEqual([true, false, false]);
    expect(hiddenGroups([], 10, { complementary: true })).toEqual([]);
  });
});
