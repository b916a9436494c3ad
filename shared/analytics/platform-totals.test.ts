import { describe, expect, it } from 'vitest';
import type { PlatformAnalyticsReport } from '../admin/console-api';
import { jobThrough } from '../insights/test-jobs';
import type { Job, Platform } from '../schema/job';
import { contributionOf, type UserContribution } from './contribution';
import { PlatformTotals } from './platform-totals';
import { reportCsv } from './report-csv';

const NOW = new Date('2026-11-20T12:00:00.000Z');

/** A user with `count` jobs on `site` in `place`, each answered after `days` days. */
function user(site: Platform, place: string, count: number, days: number, company = 'Acme Robotics'): UserContribution {
  const jobs: Job[] = [];
  for (let index = 0; index < count; index += 1) {
    const applied = new Date(Date.UTC(2026, 10, 1 + index, 9));
    jobs.push(jobThrough(applied.toISOString(), [['interview', new Date(applied.getTime() + days * 86_400_000).toISOString()]], { platform: site, location: place, company }));
  }
  return contributionOf(jobs);
}

function totalsOf(contributions: UserContribution[]): PlatformTotals {
  const totals = new PlatformTotals();
  for (const contribution of contributions) totals.apply(contribution, 1);
  return totals;
}

const row = <T extends { key: string }>(rows: T[], key: string): T | undefined => rows.find((candidate) => candidate.key === key);

describe('PlatformTotals', () => {
  const large = Array.from({ length: 12 }, (_, index) => user('linkedin', 'Berlin, Germany', 2, index % 5));
  const other = Array.from({ length: 11 }, () => user('indeed', 'Paris, France', 2, 3));
  const small = Array.from({ length: 9 }, () => user('naukri', 'Pune, India', 3, 1, 'Tiny Startup'));

  it('gives the same figures when a user is replaced as when everything is summed again', () => {
    const totals = totalsOf([...large, ...other]);
    const replaced = user('naukri', 'Pune, India', 5, 8);
    totals.apply(large[0]!, -1);
    totals.apply(replaced, 1);
    const fresh = totalsOf([replaced, ...large.slice(1), ...other]);
    expect(totals.report({ minGroup: 10, now: NOW })).toEqual(fresh.report({ minGroup: 10, now: NOW }));
    expect(totals.sites.get('naukri')?.users).toBe(1);
  });

  it('forgets a group once its last user is taken away', () => {
    const totals = totalsOf([large[0]!]);
    totals.apply(large[0]!, -1);
    expect(totals.report({ minGroup: 10, now: NOW })).toEqual(new PlatformTotals().report({ minGroup: 10, now: NOW }));
    expect(totals.sites.size + totals.companies.size + totals.locations.size + totals.activeDays.size).toBe(0);
  });

  it('shows groups of ten or more with their rates and median', () => {
    const report = totalsOf([...large, ...other]).report({ minGroup: 10, now: NOW });
    expect(report.contributors).toBe(23);
    expect(row(report.bySite, 'linkedin')).toEqual({ key: 'linkedin', applications: 24, users: 12, responseRate: 1, interviewRate: 1, offerRate: 0, medianResponseDays: 1.5 });
    expect(row(report.bySite, 'indeed')).toMatchObject({ applications: 22, users: 11, medianResponseDays: 3 });
    expect(report.byCompany).toEqual([{ company: 'Acme Robotics', medianResponseDays: 3, users: 23 }]);
  });

  describe('a group of nine', () => {
    const report = totalsOf([...large, ...other, ...small]).report({ minGroup: 10, now: NOW });
    const smallApplications = 9 * 3;

    it('is hidden wherever it would show', () => {
      expect(row(report.bySite, 'naukri')).toEqual({ key: 'naukri', applications: null, users: null, responseRate: null, interviewRate: null, offerRate: null, medianResponseDays: null });
      expect(report.byLocation.map((place) => place.key)).not.toContain('Pune, India');
      expect(report.byCompany.map((company) => company.company)).not.toContain('Tiny Startup');
    });

    it('cannot be found by subtracting the shown groups from a total', () => {
      // All 32 users applied in November: that row is shown, so every table's total is known.
      const total = row(report.applicationsByMonth, '2026-11')!.applications!;
      expect(total).toBe(24 + 22 + smallApplications);
      for (const table of [report.bySite, report.byLocation, report.byStatus, report.applicationsByMonth] as PlatformAnalyticsReport['byStatus'][]) {
        const shownSum = table.reduce((sum, entry) => sum + (entry.applications ?? 0), 0);
        expect(total - shownSum).not.toBe(smallApplications);
      }
      // The partner hidden beside it is the smaller of the large groups.
      expect(row(report.bySite, 'indeed')!.applications).toBeNull();
      expect(row(report.bySite, 'linkedin')!.applications).toBe(24);
    });

    it('appears once it has ten people', () => {
      const grown = totalsOf([...large, ...other, ...small, user('naukri', 'Pune, India', 3, 1, 'Tiny Startup')]).report({ minGroup: 10, now: NOW });
      expect(row(grown.bySite, 'naukri')).toMatchObject({ applications: 30, users: 10 });
      expect(grown.byCompany.map((company) => company.company)).toContain('Tiny Startup');
    });
  });

  it('hides active-user counts and capture figures of fewer than ten people', () => {
    const report = totalsOf(small).report({ minGroup: 10, now: NOW });
    expect(report.activeUsers.daily).toHaveLength(30);
    expect(report.activeUsers.weekly).toHaveLength(12);
    expect(report.activeUsers.monthly).toHaveLength(12);
    const points = [...report.activeUsers.daily, ...report.activeUsers.weekly, ...report.activeUsers.monthly];
    // Nine people were active in November: hidden; the empty periods say 0.
    expect(points.find((point) => point.period === '2026-11')).toEqual({ period: '2026-11', users: null });
    expect(points.every((point) => point.users === null || point.users === 0)).toBe(true);
    expect(report.captures).toEqual({ automatic: null, manual: null });
    expect(report.captureHealth.every((health) => health.captures === null)).toBe(true);
    const shown = totalsOf(large).report({ minGroup: 10, now: NOW });
    expect(shown.activeUsers.monthly.at(-1)).toEqual({ period: '2026-11', users: 12 });
    expect(shown.captures).toEqual({ automatic: 24, manual: 0 });
  });

  it('answers a person\'s pooled figures for large enough groups only, matching spellings of a company', () => {
    const totals = totalsOf([...large, ...other, ...small]);
    const figures = totals.community({ companies: ['acme  ROBOTICS', 'Tiny Startup', 'Nobody'], sites: ['linkedin', 'naukri'] }, { minGroup: 10, now: NOW });
    expect(figures.companies).toEqual([{ company: 'Acme Robotics', medianResponseDays: 3, users: 23 }]);
    expect(figures.sites).toEqual([{ site: 'linkedin', responseRate: 1, users: 12 }]);
  });
});

describe('reportCsv', () => {
  it('writes one row per figure with hidden ones empty, and defuses formulas', () => {
    const csv = reportCsv(totalsOf([...Array.from({ length: 10 }, () => user('linkedin', '=HYPERLINK("x")', 1, 2)), user('indeed', 'Paris', 1, 1)]).report({ minGroup: 10, now: NOW }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,key,metric,value');
    expect(lines).toContain('byStatus,interview,applications,11');
    // Indeed's one person is hidden, and LinkedIn beside it, the only group that could give it away.
    expect(lines).toContain('bySite,indeed,applications,');
    expect(lines).toContain('bySite,linkedin,applications,');
    expect(lines).toContain('summary,,contributors,11');
    expect(lines.some((line) => line.startsWith('byLocation,"\'=HYPERLINK'))).toBe(true);
  });
});

describe('PlatformTotals with an empty contribution', () => {
  it('does not count a user without jobs as contributing', () => {
    const totals = totalsOf([contributionOf([]), user('linkedin', 'Berlin', 1, 1)]);
    expect(totals.contributors).toBe(1);
    totals.apply(contributionOf([]), -1);
    expect(totals.contributors).toBe(1);
  });
});
