import { JOB_DOC_VERSION, type Job, type JobStatus } from '../schema/job';

/**
 * Pure edits of a job, as the dashboard makes them. Each returns a new job
 * with `updatedAt` set to `at`; the caller stores it through the validating
 * write path (extension/db/jobs.ts), which also stamps per-field edit times.
 */

/** Moves a job to `status`, recording the move in its history. Applying first sets `appliedAt`. */
export function withStatus(job: Job, status: JobStatus, at: string): Job {
  if (job.status === status) return job;
  return {
    ...job,
    status,
    statusHistory: [...job.statusHistory, { status, at }],
    ...(status === 'applied' && !job.appliedAt ? { appliedAt: at } : {}),
    updatedAt: at,
  };
}

/** Tags are a set: trimmed, case-insensitively unique, in the order first given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

export function withTags(job: Job, add: readonly string[], remove: readonly string[], at: string): Job {
  const removing = new Set(remove.map((tag) => tag.trim().toLowerCase()));
  const tags = normaliseTags([...(job.tags ?? []), ...add]).filter((tag) => !removing.has(tag.toLowerCase()));
  return { ...job, tags, updatedAt: at };
}

/** A random id for a note, contact or interview: unique per job, safe in the schema's pattern. */
export function newEntryId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export interface NewJobInput {
  title: string;
  company: string;
  url: string;
  status: JobStatus;
  location?: string;
}

/** A job added by hand; its id is random, as there is no site id to derive one from. */
export function manualJob(input: NewJobInput, at: string): Job {
  const applied = input.status !== 'saved';
  return {
    id: `manual:${newEntryId()}`,
    schemaVersion: JOB_DOC_VERSION,
    title: input.title,
    company: input.company,
    platform: 'other',
    url: input.url,
    status: input.status,
    statusHistory: [{ status: input.status, at }],
    ...(applied ? { appliedAt: at } : {}),
    source: 'manual',
    ...(input.location ? { location: input.location } : {}),
    isActive: true,
    createdAt: at,
    updatedAt: at,
  };
}
