import type { Job } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { ratio } from './ratio';

export interface ResponseRate {
  applied: number;
  responded: number;
  /** responded / applied, or null when nothing was applied to. */
  rate: number | null;
  /** Applications without a response, by why: still open, marked ghosted, or withdrawn. */
  awaiting: number;
  ghosted: number;
  withdrawn: number;
}

/** The share of applications an employer answered (see job-facts.ts for "responded"). */
export function responseRateOfFacts(facts: readonly JobFacts[]): ResponseRate {
  let applied = 0;
  let responded = 0;
  let ghosted = 0;
  let withdrawn = 0;
  for (const fact of facts) {
    if (!fact.applied) continue;
    applied += 1;
    if (fact.responded) responded += 1;
    else if (fact.job.status === 'ghosted') ghosted += 1;
    else if (fact.job.status === 'withdrawn') withdrawn += 1;
  }
  return {
    applied,
    responded,
    rate: ratio(responded, applied),
    awaiting: applied - responded - ghosted - withdrawn,
    ghosted,
    withdrawn,
  };
}

export function responseRate(jobs: readonly Job[]): ResponseRate {
  return responseRateOfFacts(factsOf(jobs));
}
