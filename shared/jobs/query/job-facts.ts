import type { Job } from '../../schema/job';

/** What filters and sorting read from a job, normalised once per job object. */
export interface QueryFacts {
  /** appliedAt, else createdAt, in ms since the epoch (NaN when unreadable). */
  readonly appliedMs: number;
  readonly updatedMs: number;
  readonly title: string;
  readonly company: string;
  /** '' when the job has no location. */
  readonly location: string;
  /** Lowercased tags, in the job's order. */
  readonly tags: readonly string[];
}

const facts = new WeakMap<Job, QueryFacts>();

export function appliedIso(job: Job): string {
  return job.appliedAt ?? job.createdAt;
}

export function factsOf(job: Job): QueryFacts {
  let known = facts.get(job);
  if (!known) {
    known = {
      appliedMs: Date.parse(appliedIso(job)),
      updatedMs: Date.parse(job.updatedAt),
      title: job.title.toLowerCase(),
      company: job.company.toLowerCase(),
      location: (job.location ?? '').toLowerCase(),
      tags: (job.tags ?? []).map((tag) => tag.toLowerCase()),
    };
    facts.set(job, known);
  }
  return known;
}
