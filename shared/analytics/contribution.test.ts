import { describe, expect, it } from 'vitest';
import { computeInsights } from '../insights';
import { jobThrough, makeJob, savedJob } from '../insights/test-jobs';
import { contributionOf, RESPONSE_DAYS_CAP } from './contribution';

describe('contributionOf', () => {
  const jobs = [
    jobThrough('2026-10-01T09:00:00.000Z', [['interview', '2026-10-04T12:00:00.000Z']], { company: 'Acme Robotics', platform: 'linkedin' }),
    jobThrough('2026-10-20T09:00:00.000Z', [['rejected', '2026-10-21T08:00:00.000Z']], { company: 'ACME robotics ', platform: 'linkedin', location: 'berlin,  germany (Hybrid)' }),
    jobThrough('2026-11-02T09:00:00.000Z', [['offer', '2026-11-09T09:00:00.000Z']], { company: 'Globex', platform: 'indeed', source: 'manual', location: 'Pune, India' }),
    makeJob({ appliedAt: '2026-11-03T09:00:00.000Z', platform: 'indeed', detection: { rulesVersion: 3, signal: 'easy_apply', layout: 'jobs_view' } }),
    savedJob({ createdAt: '2026-11-05T09:00:00.000Z' }),
  ];
  const contribution = contributionOf(jobs);

  it('counts applications as the Insights page does (saved jobs are not applications)', () => {
    const insights = computeInsights(jobs);
    const applied = insights.funnel.find((step) => step.stage === 'applied')!.count;
    expect(Object.values(contribution.statuses).reduce((sum, count) => sum + count, 0)).toBe(applied);
    expect(Object.values(contribution.months).reduce((sum, count) => sum + count, 0)).toBe(applied);
    for (const site of insights.bySite) {
      expect(contribution.sites[site.platform]).toMatchObject({ applications: site.applications, responded: site.responded });
    }
    expect(contribution.months).toEqual({ '2026-10': 2, '2026-11': 2 });
    expect(contribution.statuses).toEqual({ interview: 1, rejected: 1, offer: 1, applied: 1 });
    expect(contribution.sites.linkedin).toMatchObject({ interview: 1, offer: 0 });
    expect(contribution.sites.indeed).toMatchObject({ interview: 1, offer: 1 });
  });

  it('keeps whole days to first response per site and per company, spellings of one company together', () => {
    expect(contribution.sites.linkedin!.responseDays).toEqual({ 3: 1, 0: 1 });
    expect(contribution.sites.indeed!.responseDays).toEqual({ 7: 1 });
    expect(Object.keys(contribution.companies)).toEqual(['acme robotics', 'globex']);
    expect(contribution.companies['acme robotics']!.responseDays).toEqual({ 3: 1, 0: 1 });
  });

  it('caps the days to first response, so one histogram stays small', () => {
    const late = contributionOf([jobThrough('2024-01-01T00:00:00.000Z', [['rejected', '2026-01-01T00:00:00.000Z']])]);
    expect(late.sites.linkedin!.responseDays).toEqual({ [RESPONSE_DAYS_CAP]: 1 });
  });

  it('groups places as the Insights page does and names them by the commonest spelling', () => {
    expect(contribution.locations['berlin germany']).toEqual({ name: 'Berlin, Germany', applications: 3 });
    expect(contribution.locations['pune india']).toEqual({ name: 'Pune, India', applications: 1 });
  });

  it('counts captures, automatic against manual, per day, site and layout', () => {
    expect(contribution.captures).toEqual({ automatic: 3, manual: 2 });
    expect(contribution.captureHealth).toMatchObject({ '2026-11-03|indeed|jobs_view': 1, '2026-11-02|indeed|manual': 1, '2026-11-05|linkedin|manual': 1 });
  });

  it('lists the days the jobs moved on, once each, in order', () => {
    expect(contribution.activityDays[0]).toBe('2026-10-01');
    expect(contribution.activityDays).toContain('2026-10-04');
    expect(new Set(contribution.activityDays).size).toBe(contribution.activityDays.length);
    expect([...contribution.activityDays].sort()).toEqual(contribution.activityDays);
  });

  it('is the same whatever the order of the jobs', () => {
    expect(contributionOf([...jobs].reverse())).toEqual(contribution);
  });
});

describe('active days from syncing', () => {
  it('counts the days the devices synced beside the days of job activity, once each, and ignores malformed days', () => {
    const contribution = contributionOf([], ['2026-11-30', '2026-12-01', '2026-12-01', 'not a day']);
    expect(contribution.activityDays).toEqual(['2026-11-30', '2026-12-01']);
  });
});
