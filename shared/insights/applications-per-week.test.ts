import { describe, expect, it } from 'vitest';
import { applicationsPerWeek, MAX_WEEKS } from './applications-per-week';
import { makeJob, savedJob } from './test-jobs';

// A Wednesday in ISO week 2026-W46 (Monday 9 November).
const now = new Date('2026-11-11T15:00:00.000Z');

describe('applicationsPerWeek', () => {
  it('zero-fills the last N weeks for no jobs', () => {
    const result = applicationsPerWeek([], { now, weeks: 3 });
    expect(result).toEqual({
      weeks: [
        { week: '2026-W44', start: '2026-10-26', count: 0 },
        { week: '2026-W45', start: '2026-11-02', count: 0 },
        { week: '2026-W46', start: '2026-11-09', count: 0 },
      ],
      total: 0,
      averagePerWeek: 0,
    });
  });

  it('defaults to 12 weeks ending with the week of now', () => {
    const result = applicationsPerWeek([makeJob({ appliedAt: '2026-11-09T00:00:00.000Z' })], { now });
    expect(result.weeks).toHaveLength(12);
    expect(result.weeks.at(-1)).toEqual({ week: '2026-W46', start: '2026-11-09', count: 1 });
    expect(result.weeks[0]?.start).toBe('2026-08-24');
    expect(result.total).toBe(1);
    expect(result.averagePerWeek).toBeCloseTo(1 / 12);
  });

  it('puts each application in its ISO week and ignores saved, older and future jobs', () => {
    const jobs = [
      makeJob({ appliedAt: '2026-10-26T00:00:00.000Z' }), // first moment of W44
      makeJob({ appliedAt: '2026-11-01T23:59:59.999Z' }), // last moment of W44
      makeJob({ appliedAt: '2026-11-02T08:00:00.000Z' }),
      makeJob({ appliedAt: '2026-11-05T08:00:00.000Z' }),
      makeJob({ appliedAt: '2026-11-08T08:00:00.000Z' }),
      makeJob({ appliedAt: '2026-11-10T08:00:00.000Z' }),
      makeJob({ appliedAt: '2026-10-25T23:59:59.999Z' }), // W43: before the range
      makeJob({ appliedAt: '2026-11-16T08:00:00.000Z' }), // next week: after now
      savedJob({ createdAt: '2026-11-10T08:00:00.000Z' }),
    ];
    const result = applicationsPerWeek(jobs, { now, weeks: 3 });
    expect(result.weeks.map((week) => week.count)).toEqual([2, 3, 1]);
    expect(result.total).toBe(6);
    expect(result.averagePerWeek).toBe(2);
  });

  it('uses the local week: a Sunday-evening-UTC application is Monday in India', () => {
    const jobs = [makeJob({ appliedAt: '2026-11-08T20:00:00.000Z' })];
    expect(applicationsPerWeek(jobs, { now, weeks: 2 }).weeks.map((week) => week.count)).toEqual([1, 0]);
    expect(applicationsPerWeek(jobs, { now, weeks: 2, utcOffsetMinutes: 330 }).weeks.map((week) => week.count)).toEqual([0, 1]);
  });

  it('dates an application without appliedAt by its history', () => {
    const job = savedJob({
      status: 'applied',
      statusHistory: [
        { status: 'saved', at: '2026-10-20T08:00:00.000Z' },
        { status: 'applied', at: '2026-11-03T08:00:00.000Z' },
      ],
    });
    expect(applicationsPerWeek([job], { now, weeks: 3 }).weeks.map((week) => week.count)).toEqual([0, 1, 0]);
  });

  it('keeps the week count between one and MAX_WEEKS', () => {
    expect(applicationsPerWeek([], { now, weeks: 0 }).weeks).toHaveLength(1);
    expect(applicationsPerWeek([], { now, weeks: 1e9 }).weeks).toHaveLength(MAX_WEEKS);
  });
});
