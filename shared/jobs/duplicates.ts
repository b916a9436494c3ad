import { jobSchema, type Job } from '../schema/job';

/**
 * Reposted jobs: the same company and title under a new URL or id. Matching
 * on normalised company + title within about 30 days is what worked for
 * similar tools; anything looser merges jobs that are really different.
 */

const DAY_MS = 86_400_000;

/** Case, accents, punctuation and whitespace folded: "Acme, Inc." ≈ "acme inc". */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function timeOf(job: Job): number {
  return Date.parse(job.appliedAt ?? job.createdAt);
}

export function findPossibleDuplicate(candidate: Job, others: Iterable<Job>, windowDays = 30): Job | undefined {
  const company = normaliseForMatch(candidate.company);
  const title = normaliseForMatch(candidate.title);
  if (!company || !title) return undefined;
  const at = timeOf(candidate);
  for (const other of others) {
    if (other.id === candidate.id) continue;
    if (normaliseForMatch(other.company) !== company || normaliseForMatch(other.title) !== title) continue;
    if (Math.abs(timeOf(other) - at) <= windowDays * DAY_MS) return other;
  }
  return undefined;
}

const FILLABLE = [
  'siteJobId', 'location', 'description', 'salary', 'employmentType', 'postedAt', 'duration', 'startDate', 'mlAnalysis',
] as const;

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * `keep` absorbing `duplicate`: blanks filled from the duplicate, status
 * histories merged as a set in time order, the earlier application time and
 * creation time kept, the duplicate flag cleared. The caller deletes `duplicate`.
 */
export function mergeDuplicate(keep: Job, duplicate: Job, now: Date): Job {
  const merged: Job = { ...keep };
  for (const key of FILLABLE) {
    if (merged[key] === undefined && duplicate[key] !== undefined) {
      (merged as Record<string, unknown>)[key] = duplicate[key];
    }
  }
  const seen = new Set<string>();
  merged.statusHistory = [...keep.statusHistory, ...duplicate.statusHistory]
    .filter((change) => {
      const key = `${change.status}@${change.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const appliedAt = earlier(keep.appliedAt, duplicate.appliedAt);
  if (appliedAt) merged.appliedAt = appliedAt;
  merged.createdAt = earlier(keep.createdAt, duplicate.createdAt) ?? keep.createdAt;
  delete merged.possibleDuplicateOf;
  merged.updatedAt = now.toISOString();
  return jobSchema.parse(merged);
}
