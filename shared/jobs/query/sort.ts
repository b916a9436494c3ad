import { JOB_STATUSES, type Job } from '../../schema/job';
import { factsOf } from './job-facts';

export const SORT_KEYS = ['title', 'company', 'location', 'platform', 'status', 'tags', 'appliedAt', 'updatedAt', 'matchScore'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface JobSort {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** What the database delivers: most recently changed first. */
export const DEFAULT_SORT: JobSort = { key: 'updatedAt', direction: 'desc' };

/** Dates sort newest first when first chosen, match scores best first; text A to Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'appliedAt' || key === 'updatedAt' || key === 'matchScore' ? 'desc' : 'asc';
}

// Statuses sort in pipeline order (saved before applied before interview), not alphabetically.
const STATUS_RANK = new Map<string, number>(JOB_STATUSES.map((status, index) => [status, index]));

type SortValue = string | number | undefined;

const known = (ms: number) => (Number.isNaN(ms) ? undefined : ms);

/** undefined means "no value": such jobs go last whichever the direction. */
function sortValue(job: Job, key: SortKey): SortValue {
  const facts = factsOf(job);
  switch (key) {
    case 'title':
      return facts.title;
    case 'company':
      return facts.company || undefined;
    case 'location':
      return facts.location || undefined;
    case 'platform':
      return job.platform;
    case 'status':
      return STATUS_RANK.get(job.status);
    case 'tags':
      return facts.tags.length ? [...facts.tags].sort().join('\n') : undefined;
    case 'appliedAt':
      return job.appliedAt ? known(facts.appliedMs) : undefined;
    case 'updatedAt':
      return known(facts.updatedMs);
    case 'matchScore':
      return job.mlAnalysis?.matchScore;
  }
}

/**
 * A sorted copy. Keys are read once per job (decorate, sort, undecorate) and
 * compared with `<`, not a locale collator: over 20,000 jobs a collator costs
 * several times the whole sort. Ties fall back to the most recent change,
 * then the id, so the order never depends on the input's.
 */
export function sortJobs(jobs: readonly Job[], sort: JobSort): Job[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const rows = jobs.map((job) => ({ job, value: sortValue(job, sort.key), updated: known(factsOf(job).updatedMs) ?? 0 }));
  rows.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === undefined) return 1;
      if (b.value === undefined) return -1;
      return a.value < b.value ? -sign : sign;
    }
    if (a.updated !== b.updated) return b.updated - a.updated;
    return a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0;
  });
  return rows.map((row) => row.job);
}
