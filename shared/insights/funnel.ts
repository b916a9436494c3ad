import type { Job } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { ratio } from './ratio';

export const FUNNEL_STAGES = ['applied', 'responded', 'interview', 'offer'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStep {
  stage: FunnelStage;
  /** Jobs that reached this stage or a later one (see job-facts.ts for each definition). */
  count: number;
  /** count / applied, or null when nothing was applied to. */
  shareOfApplied: number | null;
}

/** Applied → responded → interview → offer; each stage counts jobs that got at least that far. */
export function funnelOfFacts(facts: readonly JobFacts[]): FunnelStep[] {
  let applied = 0;
  let responded = 0;
  let interview = 0;
  let offer = 0;
  for (const fact of facts) {
    if (!fact.applied) continue;
    applied += 1;
    if (fact.responded) responded += 1;
    if (fact.reachedInterview) interview += 1;
    if (fact.reachedOffer) offer += 1;
  }
  const counts: Record<FunnelStage, number> = { applied, responded, interview, offer };
  return FUNNEL_STAGES.map((stage) => ({ stage, count: counts[stage], shareOfApplied: ratio(counts[stage], applied) }));
}

export function funnel(jobs: readonly Job[]): FunnelStep[] {
  return funnelOfFacts(factsOf(jobs));
}
