import type { Job, JobStatus, Platform } from '../../schema/job';
import { factsOf } from './job-facts';
import { matchesTerms, searchTerms, searchTextOf } from './search-text';

/**
 * What the table shows: every condition set must hold (AND). Within one
 * list a job needs any of the statuses or sites chosen, but every tag chosen:
 * statuses and sites exclude each other, tags add up ("remote" and "referral").
 */
export interface JobQuery {
  /** Words that must all appear in the title, company, location, tags, notes or description. */
  readonly text: string;
  readonly statuses: readonly JobStatus[];
  readonly platforms: readonly Platform[];
  readonly tags: readonly string[];
  /** Part of the location, any case. */
  readonly location: string;
  /** First and last local day (`YYYY-MM-DD`, as a date input gives it) of the application date; '' leaves that end open. */
  readonly appliedFrom: string;
  readonly appliedTo: string;
}

export const EMPTY_QUERY: JobQuery = {
  text: '',
  statuses: [],
  platforms: [],
  tags: [],
  location: '',
  appliedFrom: '',
  appliedTo: '',
};

/** How many conditions narrow the list (the search box counts as one). */
export function activeConditions(query: JobQuery): number {
  return (
    (query.text.trim() ? 1 : 0) +
    (query.statuses.length ? 1 : 0) +
    (query.platforms.length ? 1 : 0) +
    (query.tags.length ? 1 : 0) +
    (query.location.trim() ? 1 : 0) +
    (query.appliedFrom || query.appliedTo ? 1 : 0)
  );
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of `day`, `offsetDays` later; undefined for '' or a malformed day. */
function localMidnight(day: string, offsetDays: number): number | undefined {
  const match = DAY.exec(day.trim());
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays).getTime();
}

/**
 * The query as one predicate, with everything that does not depend on the job
 * worked out once. Cheap checks run first so the text search only sees jobs
 * that passed them.
 */
export function compileQuery(query: JobQuery): (job: Job) => boolean {
  const statuses = query.statuses.length ? new Set<string>(query.statuses) : undefined;
  const platforms = query.platforms.length ? new Set<string>(query.platforms) : undefined;
  const tags = [...new Set(query.tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
  const location = query.location.trim().toLowerCase();
  const from = localMidnight(query.appliedFrom, 0);
  // Inclusive last day: anything before the next day's midnight.
  const before = localMidnight(query.appliedTo, 1);
  const terms = searchTerms(query.text);
  const needsFacts = tags.length > 0 || location !== '' || from !== undefined || before !== undefined;

  return (job) => {
    if (statuses && !statuses.has(job.status)) return false;
    if (platforms && !platforms.has(job.platform)) return false;
    if (needsFacts) {
      const facts = factsOf(job);
      if (from !== undefined && !(facts.appliedMs >= from)) return false;
      if (before !== undefined && !(facts.appliedMs < before)) return false;
      if (location && !facts.location.includes(location)) return false;
      for (const tag of tags) if (!facts.tags.includes(tag)) return false;
    }
    return terms.length === 0 || matchesTerms(searchTextOf(job), terms);
  };
}

/** The jobs that match, in their given order; the list itself when nothing narrows it. */
export function filterJobs(jobs: readonly Job[], query: JobQuery): readonly Job[] {
  if (activeConditions(query) === 0) return jobs;
  return jobs.filter(compileQuery(query));
}
