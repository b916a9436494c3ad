import { JOB_STATUSES, type Job, type JobStatus } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';

export interface StatusCount {
  status: JobStatus;
  count: number;
}

export interface StatusBreakdown {
  /** Every job, saved ones included. */
  total: number;
  /** One row per status in the order of JOB_STATUSES (the order of a job's life), zeros included. */
  statuses: StatusCount[];
}

/** How many jobs are in each status now (their current status, not their history). */
export function statusBreakdownOfFacts(facts: readonly JobFacts[]): StatusBreakdown {
  const counts = new Map<JobStatus, number>(JOB_STATUSES.map((status) => [status, 0]));
  for (const { job } of facts) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  return {
    total: facts.length,
    statuses: JOB_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
  };
}

export function statusBreakdown(jobs: readonly Job[]): StatusBreakdown {
  return statusBreakdownOfFacts(factsOf(jobs));
}
