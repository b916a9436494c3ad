import { JOB_DOC_VERSION, type Job, type JobStatus } from '../schema/job';

/** Test data for the insight tests: a valid Job with the fields that matter spelled out. */

let sequence = 0;

export function makeJob(overrides: Partial<Job> = {}): Job {
  sequence += 1;
  const at = overrides.appliedAt ?? overrides.createdAt ?? '2026-11-02T09:00:00.000Z';
  return {
    schemaVersion: JOB_DOC_VERSION,
    id: `linkedin:${4_000_000_000 + sequence}`,
    title: 'Frontend Engineer',
    company: 'Acme Robotics',
    platform: 'linkedin',
    url: `https://www.linkedin.com/jobs/view/${4_000_000_000 + sequence}/`,
    appliedAt: at,
    status: 'applied',
    statusHistory: [{ status: 'applied', at }],
    source: 'auto_detect',
    location: 'Berlin, Germany',
    isActive: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A job applied at `appliedAt` that then went through `moves` ([status, ISO time] pairs), ending in the last. */
export function jobThrough(appliedAt: string, moves: readonly (readonly [JobStatus, string])[], overrides: Partial<Job> = {}): Job {
  const history = [{ status: 'applied' as JobStatus, at: appliedAt }, ...moves.map(([status, at]) => ({ status, at }))];
  return makeJob({
    appliedAt,
    status: history[history.length - 1]!.status,
    statusHistory: history,
    ...overrides,
  });
}

/** A job only saved, never applied to. */
export function savedJob(overrides: Partial<Job> = {}): Job {
  const at = overrides.createdAt ?? '2026-11-01T09:00:00.000Z';
  return makeJob({
    appliedAt: undefined,
    status: 'saved',
    statusHistory: [{ status: 'saved', at }],
    createdAt: at,
    updatedAt: at,
    source: 'manual',
    ...overrides,
  });
}
