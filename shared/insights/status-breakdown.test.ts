import { describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../schema/job';
import { statusBreakdown } from './status-breakdown';
import { jobThrough, makeJob, savedJob } from './test-jobs';

describe('statusBreakdown', () => {
  it('lists every status with zero for no jobs', () => {
    const result = statusBreakdown([]);
    expect(result.total).toBe(0);
    expect(result.statuses.map((row) => row.status)).toEqual([...JOB_STATUSES]);
    expect(result.statuses.every((row) => row.count === 0)).toBe(true);
  });

  it('counts one job under its current status', () => {
    const result = statusBreakdown([makeJob()]);
    expect(result.total).toBe(1);
    expect(result.statuses.filter((row) => row.count > 0)).toEqual([{ status: 'applied', count: 1 }]);
  });

  it('counts current statuses, not history, saved jobs included', () => {
    const jobs = [
      savedJob(),
      savedJob(),
      makeJob(),
      jobThrough('2026-11-02T09:00:00.000Z', [['interview', '2026-11-05T09:00:00.000Z'], ['rejected', '2026-11-08T09:00:00.000Z']]),
      jobThrough('2026-11-02T09:00:00.000Z', [['rejected', '2026-11-03T09:00:00.000Z']]),
      jobThrough('2026-11-02T09:00:00.000Z', [['offer', '2026-11-20T09:00:00.000Z']]),
    ];
    const counts = Object.fromEntries(statusBreakdown(jobs).statuses.map((row) => [row.status, row.count]));
    expect(counts).toEqual({ saved: 2, applied: 1, assessment: 0, interview: 0, offer: 1, accepted: 0, rejected: 2, withdrawn: 0, ghosted: 0 });
    expect(statusBreakdown(jobs).total).toBe(6);
  });
});
