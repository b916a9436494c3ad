/**
 * Which of a person's jobs the Resumes page and "Apply next" look at: the
 * jobs they are applying to (for feedback across them), the jobs to offer in
 * a job chooser, and the saved jobs to rank. Pure, so the pages stay thin.
 */
import type { Job, JobStatus } from '../schema/job';
import { MAX_FEEDBACK_JOBS, type FeedbackJob } from './feedback';
import { matchJobOf } from './job-input';
import { isCandidate, MAX_RECOMMEND_JOBS, type RecommendCandidate } from './recommend';

/** Still in play: saved to apply to, or applied and waiting or in the process. Offers and closed jobs need no better resume. */
export const APPLYING_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['saved', 'applied', 'assessment', 'interview']);

/** Most choices a job chooser lists: a select with thousands of options helps nobody. */
export const MAX_JOB_CHOICES = 300;

type JobFields = Pick<Job, 'id' | 'title' | 'company' | 'status' | 'description' | 'location' | 'updatedAt'>;

/** Newest change first, then by id, so the order never depends on the input's. */
function byRecentChange(a: JobFields, b: JobFields): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The jobs a person is applying to, most recently changed first, as many as feedback reads. */
export function applyingJobs(jobs: readonly JobFields[], max: number = MAX_FEEDBACK_JOBS): FeedbackJob[] {
  return jobs
    .filter((job) => APPLYING_STATUSES.has(job.status))
    .sort(byRecentChange)
    .slice(0, Math.max(0, max))
    .map((job) => ({ id: job.id, job: matchJobOf(job) }));
}

export interface JobChoice {
  id: string;
  /** "Backend Engineer, Acme (saved)". */
  label: string;
  applying: boolean;
}

/** The jobs to offer in a chooser: those being applied to first, then the rest, each newest change first. */
export function jobChoices(jobs: readonly JobFields[], max: number = MAX_JOB_CHOICES): JobChoice[] {
  const applying = jobs.filter((job) => APPLYING_STATUSES.has(job.status)).sort(byRecentChange);
  const others = jobs.filter((job) => !APPLYING_STATUSES.has(job.status)).sort(byRecentChange);
  return [...applying, ...others].slice(0, Math.max(0, max)).map((job) => ({
    id: job.id,
    label: `${[job.title, job.company].filter((part) => part.trim()).join(', ') || 'Untitled job'} (${job.status})`,
    applying: APPLYING_STATUSES.has(job.status),
  }));
}

/**
 * The saved jobs to rank for "Apply next", by id (ties in the ranking keep
 * that order, and an edit elsewhere in the list does not reorder them), at
 * most what recommend reads.
 */
export function recommendCandidates(jobs: readonly JobFields[]): RecommendCandidate[] {
  return jobs
    .filter((job) => isCandidate(job.status))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_RECOMMEND_JOBS)
    .map((job) => ({ id: job.id, status: job.status, job: matchJobOf(job) }));
}

/**
 * Whether two candidate lists would rank the same: same jobs, same text. The
 * job list changes with every write to any job (a note, a stored match), and
 * ranking again for nothing would keep the worker busy.
 */
export function sameCandidates(a: readonly RecommendCandidate[], b: readonly RecommendCandidate[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.id === y.id && x.status === y.status && x.job.title === y.job.title && x.job.description === y.job.description && x.job.location === y.job.location;
    })
  );
}
