import type { Job } from '../schema/job';
import { normaliseForMatch } from '../jobs/duplicates';
import { jobFacts } from '../insights/job-facts';
import { normaliseLocation } from '../insights/location';
import { DAY_MS } from '../insights/options';
import { commonestSpelling } from '../insights/commonest-spelling';

/**
 * What one user's jobs add to the platform's figures, computed from their
 * database alone with the Insights definitions (shared/insights/job-facts.ts:
 * applied, responded, time to first response). Every field is a count or a
 * histogram, so the platform's figures are sums of contributions: replacing
 * one user's contribution is a subtraction and an addition, never a pass over
 * everyone's jobs.
 *
 * Medians are kept as histograms of whole days to first response (capped at
 * RESPONSE_DAYS_CAP): histograms add up exactly, take at most a few hundred
 * entries per group whatever the number of jobs, and whole days are the
 * precision the figure is shown at ("heard back in a median of N days").
 */

export const RESPONSE_DAYS_CAP = 365;
/** Activity days kept per user, the latest: enough for a year of daily, weekly and monthly active users. */
export const ACTIVITY_DAYS_KEPT = 400;
/** Capture days kept per user, the latest: capture health is a recent view (a redesign shows as a fall). */
export const CAPTURE_DAYS_KEPT = 90;

/** Day counts (whole days to first response, 0..RESPONSE_DAYS_CAP) → responses. */
export type DayHistogram = Record<string, number>;

export interface SiteContribution {
  applications: number;
  responded: number;
  interview: number;
  offer: number;
  responseDays: DayHistogram;
}

export interface UserContribution {
  /** `YYYY-MM` of the application → applications. */
  months: Record<string, number>;
  sites: Record<string, SiteContribution>;
  /** Normalised place key → applications and the user's commonest spelling. */
  locations: Record<string, { name: string; applications: number }>;
  /** Current status → applications. */
  statuses: Record<string, number>;
  /** Normalised company key → the user's spelling and their days to first response (companies that answered, dated). */
  companies: Record<string, { name: string; responseDays: DayHistogram }>;
  /** `YYYY-MM-DD` days on which the user's jobs were created, changed or moved, latest ACTIVITY_DAYS_KEPT. */
  activityDays: string[];
  captures: { automatic: number; manual: number };
  /** `YYYY-MM-DD|site|layout` → captures made that day. */
  captureHealth: Record<string, number>;
}

const utcDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

function dayOf(iso: string | undefined): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? utcDay(ms) : null;
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** The key under which one layout of one site is counted; `manual` for jobs typed in. */
export function captureLayout(job: Job): string {
  if (job.source === 'manual') return 'manual';
  return job.detection?.layout ?? job.detection?.signal ?? 'unknown';
}

/** The most used spelling per key (commonestSpelling). */
function commonest(spellings: Map<string, Map<string, number>>): Map<string, string> {
  return new Map([...spellings].map(([key, names]) => [key, commonestSpelling(names)]));
}

function noteSpelling(spellings: Map<string, Map<string, number>>, key: string, name: string): void {
  let names = spellings.get(key);
  if (!names) spellings.set(key, (names = new Map()));
  names.set(name, (names.get(name) ?? 0) + 1);
}

export function emptyContribution(): UserContribution {
  return { months: {}, sites: {}, locations: {}, statuses: {}, companies: {}, activityDays: [], captures: { automatic: 0, manual: 0 }, captureHealth: {} };
}

/**
 * One user's contribution. `syncDays` are the UTC days their devices synced
 * (kept on the account by the server): with the days their jobs were
 * created, edited or moved on, they make the user's active days.
 */
export function contributionOf(jobs: Iterable<Job>, syncDays: readonly string[] = []): UserContribution {
  const out = emptyContribution();
  const locationNames = new Map<string, Map<string, number>>();
  const companyNames = new Map<string, Map<string, number>>();
  const companyDays = new Map<string, DayHistogram>();
  const activity = new Set<string>(syncDays.filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day)));
  const captureDays = new Map<string, Record<string, number>>();

  for (const job of jobs) {
    const fact = jobFacts(job);
    for (const iso of [job.createdAt, job.updatedAt, ...job.statusHistory.map((change) => change.at)]) {
      const day = dayOf(iso);
      if (day) activity.add(day);
    }
    if (job.source === 'manual') out.captures.manual += 1;
    else out.captures.automatic += 1;
    const captureDay = dayOf(job.createdAt);
    if (captureDay) {
      let counts = captureDays.get(captureDay);
      if (!counts) captureDays.set(captureDay, (counts = {}));
      bump(counts, `${captureDay}|${job.platform}|${captureLayout(job)}`);
    }

    if (!fact.applied) continue;
    if (fact.appliedMs !== null) bump(out.months, new Date(fact.appliedMs).toISOString().slice(0, 7));
    bump(out.statuses, job.status);

    const site = (out.sites[job.platform] ??= { applications: 0, responded: 0, interview: 0, offer: 0, responseDays: {} });
    site.applications += 1;
    if (fact.responded) site.responded += 1;
    if (fact.reachedInterview) site.interview += 1;
    if (fact.reachedOffer) site.offer += 1;

    const place = normaliseLocation(job.location);
    if (place.kind === 'place') {
      noteSpelling(locationNames, place.key, place.name);
      const location = (out.locations[place.key] ??= { name: '', applications: 0 });
      location.applications += 1;
    }

    if (fact.responded && fact.firstResponseMs !== null && fact.appliedMs !== null) {
      const days = String(Math.min(RESPONSE_DAYS_CAP, Math.floor(Math.max(0, fact.firstResponseMs - fact.appliedMs) / DAY_MS)));
      bump(site.responseDays, days);
      const company = normaliseForMatch(job.company);
      if (company) {
        noteSpelling(companyNames, company, job.company.trim());
        let histogram = companyDays.get(company);
        if (!histogram) companyDays.set(company, (histogram = {}));
        bump(histogram, days);
      }
    }
  }

  for (const [key, name] of commonest(locationNames)) out.locations[key]!.name = name;
  const companySpelling = commonest(companyNames);
  for (const [key, responseDays] of companyDays) out.companies[key] = { name: companySpelling.get(key)!, responseDays };
  out.activityDays = [...activity].sort().slice(-ACTIVITY_DAYS_KEPT);
  for (const day of [...captureDays.keys()].sort().slice(-CAPTURE_DAYS_KEPT)) Object.assign(out.captureHealth, captureDays.get(day));
  return out;
}
