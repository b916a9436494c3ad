import type { ActiveUsersPoint, CaptureHealthRow, CommunityFigures, PlatformAnalyticsReport, PlatformCompanyRow, PlatformCountRow, PlatformSiteRow } from '../admin/console-api';
import { normaliseForMatch } from '../jobs/duplicates';
import { isoWeekLabel, mondayOf } from '../insights/iso-week';
import { DAY_MS } from '../insights/options';
import { ratio } from '../insights/ratio';
import { JOB_STATUSES } from '../schema/job';
import type { UserContribution } from './contribution';
import { histogramMedian, mergeHistogram } from './day-histogram';
import { hiddenGroups, shown } from './suppress';
import { commonestSpelling } from '../insights/commonest-spelling';

/**
 * The platform's figures as running sums of every contributing user's
 * contribution (contribution.ts). `apply(c, 1)` adds a user, `apply(c, -1)`
 * takes them away, so replacing one user costs the size of their
 * contribution, whatever the number of users. `report` turns the sums into the
 * console's answer with small groups hidden (suppress.ts).
 */

/** Rows of a table with free-text keys (places, companies) in one answer: the largest. */
export const MAX_NAMED_ROWS = 100;
export const ACTIVE_DAYS_SHOWN = 30;
export const ACTIVE_WEEKS_SHOWN = 12;
export const ACTIVE_MONTHS_SHOWN = 12;
export const CAPTURE_HEALTH_DAYS_SHOWN = 30;

interface Counted {
  users: number;
  applications: number;
}

interface SiteSums extends Counted {
  responded: number;
  interview: number;
  offer: number;
  /** Users with at least one dated response on the site: the people behind its median. */
  responders: number;
  days: Map<number, number>;
}

interface NamedSums extends Counted {
  /** Spelling → users spelling the group so; the commonest names the row. */
  names: Map<string, number>;
}

interface CompanySums {
  responders: number;
  names: Map<string, number>;
  days: Map<number, number>;
}

/** Gets or makes the group, counts the user in or out, and forgets a group nobody is in any more. */
function touch<T extends { users?: number; responders?: number }>(map: Map<string, T>, key: string, make: () => T, sign: 1 | -1, field: 'users' | 'responders' = 'users'): T {
  let group = map.get(key);
  if (!group) map.set(key, (group = make()));
  (group[field] as number) += sign;
  return group;
}

function dropEmpty<T>(map: Map<string, T>, key: string, empty: (group: T) => boolean): void {
  const group = map.get(key);
  if (group && empty(group)) map.delete(key);
}

function addName(names: Map<string, number>, name: string, sign: 1 | -1): void {
  const next = (names.get(name) ?? 0) + sign;
  if (next > 0) names.set(name, next);
  else names.delete(name);
}

const monthOfDay = (day: string) => day.slice(0, 7);
const weekOfDay = (day: string) => isoWeekLabel(mondayOf(Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)));

export class PlatformTotals {
  contributors = 0;
  readonly months = new Map<string, Counted>();
  readonly sites = new Map<string, SiteSums>();
  readonly locations = new Map<string, NamedSums>();
  readonly statuses = new Map<string, Counted>();
  readonly companies = new Map<string, CompanySums>();
  readonly activeDays = new Map<string, number>();
  readonly activeWeeks = new Map<string, number>();
  readonly activeMonths = new Map<string, number>();
  readonly captures = { automatic: { users: 0, captures: 0 }, manual: { users: 0, captures: 0 } };
  readonly captureHealth = new Map<string, { users: number; captures: number }>();

  apply(c: UserContribution, sign: 1 | -1): void {
    // A user with no jobs yet (a new account's empty database) adds nothing, and is not counted as contributing.
    if (c.captures.automatic + c.captures.manual === 0) return;
    this.contributors += sign;
    const counted = () => ({ users: 0, applications: 0 });
    for (const [key, applications] of Object.entries(c.months)) {
      touch(this.months, key, counted, sign).applications += sign * applications;
      dropEmpty(this.months, key, (group) => group.users === 0);
    }
    for (const [key, applications] of Object.entries(c.statuses)) {
      touch(this.statuses, key, counted, sign).applications += sign * applications;
      dropEmpty(this.statuses, key, (group) => group.users === 0);
    }
    for (const [key, site] of Object.entries(c.sites)) {
      const sums = touch(this.sites, key, () => ({ users: 0, applications: 0, responded: 0, interview: 0, offer: 0, responders: 0, days: new Map() }), sign);
      sums.applications += sign * site.applications;
      sums.responded += sign * site.responded;
      sums.interview += sign * site.interview;
      sums.offer += sign * site.offer;
      if (Object.keys(site.responseDays).length > 0) sums.responders += sign;
      mergeHistogram(sums.days, site.responseDays, sign);
      dropEmpty(this.sites, key, (group) => group.users === 0);
    }
    for (const [key, place] of Object.entries(c.locations)) {
      const sums = touch(this.locations, key, () => ({ users: 0, applications: 0, names: new Map() }), sign);
      sums.applications += sign * place.applications;
      addName(sums.names, place.name, sign);
      dropEmpty(this.locations, key, (group) => group.users === 0);
    }
    for (const [key, company] of Object.entries(c.companies)) {
      const sums = touch(this.companies, key, () => ({ responders: 0, names: new Map(), days: new Map() }), sign, 'responders');
      addName(sums.names, company.name, sign);
      mergeHistogram(sums.days, company.responseDays, sign);
      dropEmpty(this.companies, key, (group) => group.responders === 0);
    }
    const count = (map: Map<string, number>, key: string) => {
      const next = (map.get(key) ?? 0) + sign;
      if (next > 0) map.set(key, next);
      else map.delete(key);
    };
    const weeks = new Set<string>();
    const months = new Set<string>();
    for (const day of c.activityDays) {
      count(this.activeDays, day);
      weeks.add(weekOfDay(day));
      months.add(monthOfDay(day));
    }
    for (const week of weeks) count(this.activeWeeks, week);
    for (const month of months) count(this.activeMonths, month);
    for (const kind of ['automatic', 'manual'] as const) {
      if (c.captures[kind] === 0) continue;
      this.captures[kind].users += sign;
      this.captures[kind].captures += sign * c.captures[kind];
    }
    for (const [key, captures] of Object.entries(c.captureHealth)) {
      const sums = touch(this.captureHealth, key, () => ({ users: 0, captures: 0 }), sign);
      sums.captures += sign * captures;
      dropEmpty(this.captureHealth, key, (group) => group.users === 0);
    }
  }

  report(options: { minGroup: number; now: Date }): PlatformAnalyticsReport {
    const { minGroup, now } = options;
    return {
      generatedAt: now.toISOString(),
      minGroup,
      contributors: this.contributors,
      applicationsByMonth: countRows([...this.months].sort(([a], [b]) => a.localeCompare(b)), minGroup),
      bySite: this.siteRows(minGroup),
      byLocation: namedRows([...this.locations].map(([, sums]) => [commonestSpelling(sums.names), sums]), minGroup),
      byStatus: countRows(JOB_STATUSES.flatMap((status) => {
        const sums = this.statuses.get(status);
        return sums ? [[status, sums] as [string, Counted]] : [];
      }), minGroup),
      byCompany: this.companyRows(minGroup),
      activeUsers: this.activeUsers(minGroup, now),
      captures: this.captureShares(minGroup),
      captureHealth: this.captureHealthRows(minGroup, now),
    };
  }

  /** The pooled figures one person asked for; groups too small are left out. */
  community(request: { companies: readonly string[]; sites: readonly string[] }, options: { minGroup: number; now: Date }): CommunityFigures {
    const companies: CommunityFigures['companies'] = [];
    for (const asked of request.companies) {
      const sums = this.companies.get(normaliseForMatch(asked));
      const median = sums ? histogramMedian(sums.days) : null;
      if (!sums || sums.responders < options.minGroup || median === null) continue;
      companies.push({ company: commonestSpelling(sums.names), medianResponseDays: median, users: sums.responders });
    }
    const siteRows = this.siteRows(options.minGroup);
    const sites: CommunityFigures['sites'] = [];
    for (const asked of request.sites) {
      const row = siteRows.find((candidate) => candidate.key === asked);
      if (row?.responseRate == null || row.users === null) continue;
      sites.push({ site: row.key, responseRate: row.responseRate, users: row.users });
    }
    return { generatedAt: options.now.toISOString(), minGroup: options.minGroup, companies, sites };
  }

  private siteRows(minGroup: number): PlatformSiteRow[] {
    const entries = [...this.sites].sort(([a], [b]) => a.localeCompare(b));
    const hidden = hiddenGroups(entries.map(([, sums]) => sums.users), minGroup, { complementary: true });
    return entries.map(([key, sums], index) => {
      const hide = hidden[index]!;
      // A median is not a sum: only its own group size matters, the people who heard back.
      const median = sums.responders < minGroup ? null : histogramMedian(sums.days);
      return {
        key,
        applications: shown(sums.applications, hide),
        users: shown(sums.users, hide),
        responseRate: shown(ratio(sums.responded, sums.applications), hide),
        interviewRate: shown(ratio(sums.interview, sums.applications), hide),
        offerRate: shown(ratio(sums.offer, sums.applications), hide),
        medianResponseDays: shown(median, hide),
      };
    });
  }

  private companyRows(minGroup: number): PlatformCompanyRow[] {
    return [...this.companies.values()]
      .filter((sums) => sums.responders >= minGroup)
      .map((sums) => ({ company: commonestSpelling(sums.names), medianResponseDays: histogramMedian(sums.days), users: sums.responders }))
      .sort((a, b) => b.users - a.users || a.company.localeCompare(b.company))
      .slice(0, MAX_NAMED_ROWS);
  }

  private activeUsers(minGroup: number, now: Date): PlatformAnalyticsReport['activeUsers'] {
    const today = Math.floor(now.getTime() / DAY_MS);
    const point = (period: string, users = 0): ActiveUsersPoint => ({ period, users: users === 0 || users >= minGroup ? users : null });
    const daily: ActiveUsersPoint[] = [];
    for (let day = today - ACTIVE_DAYS_SHOWN + 1; day <= today; day += 1) {
      const label = new Date(day * DAY_MS).toISOString().slice(0, 10);
      daily.push(point(label, this.activeDays.get(label)));
    }
    const weekly: ActiveUsersPoint[] = [];
    for (let weeksAgo = ACTIVE_WEEKS_SHOWN - 1; weeksAgo >= 0; weeksAgo -= 1) {
      const label = isoWeekLabel(mondayOf(today) - 7 * weeksAgo);
      weekly.push(point(label, this.activeWeeks.get(label)));
    }
    const monthly: ActiveUsersPoint[] = [];
    for (let monthsAgo = ACTIVE_MONTHS_SHOWN - 1; monthsAgo >= 0; monthsAgo -= 1) {
      const label = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 7);
      monthly.push(point(label, this.activeMonths.get(label)));
    }
    return { daily, weekly, monthly };
  }

  private captureShares(minGroup: number): PlatformAnalyticsReport['captures'] {
    const { automatic, manual } = this.captures;
    const [hideAutomatic, hideManual] = hiddenGroups([automatic.users, manual.users], minGroup, { complementary: true });
    return { automatic: shown(automatic.captures, hideAutomatic!), manual: shown(manual.captures, hideManual!) };
  }

  private captureHealthRows(minGroup: number, now: Date): CaptureHealthRow[] {
    const from = new Date(now.getTime() - (CAPTURE_HEALTH_DAYS_SHOWN - 1) * DAY_MS).toISOString().slice(0, 10);
    const rows: CaptureHealthRow[] = [];
    for (const [key, sums] of this.captureHealth) {
      const [day, site, layout] = key.split('|') as [string, string, string];
      if (day < from) continue;
      rows.push({ day, site, layout, captures: sums.users >= minGroup ? sums.captures : null });
    }
    return rows.sort((a, b) => a.day.localeCompare(b.day) || a.site.localeCompare(b.site) || a.layout.localeCompare(b.layout));
  }
}

/** A table whose keys name nobody (months, statuses): hidden rows stay, as null. */
function countRows(entries: [string, Counted][], minGroup: number): PlatformCountRow[] {
  const hidden = hiddenGroups(entries.map(([, sums]) => sums.users), minGroup, { complementary: true });
  return entries.map(([key, sums], index) => ({ key, applications: shown(sums.applications, hidden[index]!), users: shown(sums.users, hidden[index]!) }));
}

/**
 * A table keyed by free text (places): a small group's name is itself
 * telling ("someone here applies in <village>"), so those rows are left out;
 * a large group hidden beside them stays, as null. Shown rows come largest
 * first, the hidden ones after by name, so the order says nothing of their size.
 */
function namedRows(entries: [string, Counted][], minGroup: number): PlatformCountRow[] {
  const hidden = hiddenGroups(entries.map(([, sums]) => sums.users), minGroup, { complementary: true });
  const shownRows: PlatformCountRow[] = [];
  const hiddenRows: PlatformCountRow[] = [];
  entries.forEach(([key, sums], index) => {
    if (sums.users < minGroup) return;
    if (hidden[index]) hiddenRows.push({ key, applications: null, users: null });
    else shownRows.push({ key, applications: sums.applications, users: sums.users });
  });
  shownRows.sort((a, b) => b.applications! - a.applications! || a.key.localeCompare(b.key));
  hiddenRows.sort((a, b) => a.key.localeCompare(b.key));
  return [...shownRows, ...hiddenRows].slice(0, MAX_NAMED_ROWS);
}
