import { describe, expect, it } from 'vitest';
import { appliedCounts, startOfWeek } from './today-counts';

describe('today and this week', () => {
  it('weeks start on Monday at midnight, local time', () => {
    // Wednesday 11 March 2026, 15:00 local.
    expect(startOfWeek(new Date(2026, 2, 11, 15))).toEqual(new Date(2026, 2, 9));
    // A Sunday belongs to the week that began six days before; a Monday starts its own.
    expect(startOfWeek(new Date(2026, 2, 15, 23, 59))).toEqual(new Date(2026, 2, 9));
    expect(startOfWeek(new Date(2026, 2, 16, 0, 1))).toEqual(new Date(2026, 2, 16));
  });

  it('counts applications by their application date, not by when they were last changed', () => {
    const now = new Date(2026, 2, 11, 15);
    const at = (day: number, hour = 10) => new Date(2026, 2, day, hour).toISOString();
    const jobs = [
      { appliedAt: at(11, 9) },
      { appliedAt: at(11, 0) },
      { appliedAt: at(10) },
      { appliedAt: at(9, 0) },
      { appliedAt: at(8, 23) },
      { appliedAt: undefined },
      {},
    ];
    expect(appliedCounts(jobs, now)).toEqual({ today: 2, week: 4 });
  });
});
