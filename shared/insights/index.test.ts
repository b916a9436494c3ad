import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, PLATFORMS, type Job } from '../schema/job';
import {
  applicationsPerWeek,
  byLocation,
  bySite,
  computeInsights,
  funnel,
  responseRate,
  responseTime,
  statusBreakdown,
} from './index';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const now = new Date('2026-11-11T15:00:00.000Z');
const options = { now, weeks: 4, topLocations: 2, utcOffsetMinutes: 60 };

function separately(jobs: readonly Job[]) {
  return {
    statusBreakdown: statusBreakdown(jobs),
    funnel: funnel(jobs),
    responseRate: responseRate(jobs),
    responseTime: responseTime(jobs),
    applicationsPerWeek: applicationsPerWeek(jobs, options),
    bySite: bySite(jobs),
    byLocation: byLocation(jobs, options),
  };
}

describe('computeInsights', () => {
  it('for no jobs: zeros, no rates, empty lists, zero-filled weeks', () => {
    const insights = computeInsights([], options);
    expect(insights.statusBreakdown.total).toBe(0);
    expect(insights.funnel.map((step) => step.count)).toEqual([0, 0, 0, 0]);
    expect(insights.responseRate.rate).toBeNull();
    expect(insights.responseTime.medianDays).toBeNull();
    expect(insights.applicationsPerWeek.weeks.map((week) => week.count)).toEqual([0, 0, 0, 0]);
    expect(insights.bySite).toEqual([]);
    expect(insights.byLocation).toEqual([]);
  });

  it('for one application', () => {
    const insights = computeInsights([makeJob({ appliedAt: '2026-11-10T08:00:00.000Z', platform: 'internshala', location: 'Pune' })], options);
    expect(insights.funnel[0]?.count).toBe(1);
    expect(insights.responseRate).toMatchObject({ applied: 1, responded: 0, rate: 0, awaiting: 1 });
    expect(insights.applicationsPerWeek.weeks.map((week) => week.count)).toEqual([0, 0, 0, 1]);
    expect(insights.bySite).toEqual([{ platform: 'internshala', applications: 1, responded: 0, responseRate: 0 }]);
    expect(insights.byLocation.map((row) => row.name)).toEqual(['Pune']);
  });

  it('gives the same answers as each function on its own', () => {
    const jobs = [
      savedJob(),
      makeJob({ appliedAt: '2026-10-20T08:00:00.000Z', location: 'Remote' }),
      jobThrough('2026-10-27T08:00:00.000Z', [['interview', '2026-11-03T08:00:00.000Z'], ['offer', '2026-11-09T08:00:00.000Z']], { platform: 'internshala', location: 'Pune' }),
      jobThrough('2026-11-02T08:00:00.000Z', [['rejected', '2026-11-04T08:00:00.000Z']], { location: 'Mumbai' }),
      jobThrough('2026-11-03T08:00:00.000Z', [['ghosted', '2026-11-10T08:00:00.000Z']], { location: undefined }),
    ];
    expect(computeInsights(jobs, options)).toEqual(separately(jobs));
  });
});

const isoBetween = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((ms) => new Date(ms).toISOString());

const arbitraryJob: fc.Arbitrary<Job> = fc
  .record({
    status: fc.constantFrom(...JOB_STATUSES),
    platform: fc.constantFrom(...PLATFORMS),
    appliedAt: fc.option(isoBetween('2026-08-01T00:00:00Z', '2026-12-31T00:00:00Z'), { nil: undefined }),
    history: fc.array(fc.record({ status: fc.constantFrom(...JOB_STATUSES), at: isoBetween('2026-08-01T00:00:00Z', '2026-12-31T00:00:00Z') }), { maxLength: 5 }),
    location: fc.option(fc.constantFrom('Berlin', 'berlin', 'Remote', 'Work from home', 'Pune (Hybrid)', 'Delhi', 'Mumbai', ''), { nil: undefined }),
  })
  .map(({ status, platform, appliedAt, history, location }) => makeJob({ status, platform, appliedAt, statusHistory: history, location }));

describe('computeInsights invariants over any jobs', () => {
  it('agree with each other', () => {
    fc.assert(
      fc.property(fc.array(arbitraryJob, { maxLength: 40 }), (jobs) => {
        const insights = computeInsights(jobs, options);
        const applied = insights.responseRate.applied;
        const counts = insights.funnel.map((step) => step.count);

        expect(insights.statusBreakdown.total).toBe(jobs.length);
        expect(insights.statusBreakdown.statuses.reduce((sum, row) => sum + row.count, 0)).toBe(jobs.length);
        expect(counts[0]).toBe(applied);
        expect(counts[1]).toBe(insights.responseRate.responded);
        for (let i = 1; i < counts.length; i += 1) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
        expect(insights.bySite.reduce((sum, row) => sum + row.applications, 0)).toBe(applied);
        expect(insights.byLocation.reduce((sum, row) => sum + row.applications, 0)).toBe(applied);
        expect(insights.byLocation.length).toBeLessThanOrEqual(options.topLocations + 1);
        expect(insights.responseTime.count + insights.responseTime.undated).toBe(insights.responseRate.responded);
        expect(insights.responseTime.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(insights.responseTime.count);
        expect(insights.applicationsPerWeek.total).toBeLessThanOrEqual(applied);
        const { awaiting, ghosted, withdrawn, responded } = insights.responseRate;
        expect(awaiting).toBeGreaterThanOrEqual(0);
        expect(awaiting + ghosted + withdrawn + responded).toBe(applied);
        expect(insights).toEqual(separately(jobs));
      }),
    );
  });
});
