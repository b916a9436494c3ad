/**
 * From Job documents to the odds model's inputs: the facts of one
 * application, and which applications have an outcome to learn from.
 *
 * - **Interviewed** (the positive outcome): the job reached `interview`, `offer` or `accepted`, in
 *   its history or as its status. This is the insights' "reached interview" (shared/insights/job-facts.ts),
 *   so the odds and the funnel never disagree on what counts.
 * - **Not interviewed** (the negative outcome): applied, no interview, and settled: `rejected` or
 *   `ghosted`, or no interview after PENDING_DAYS since applying (most employers who will interview
 *   have asked by then).
 * - **No outcome** (left out): never applied (`saved`), still pending (applied or in an assessment
 *   less than PENDING_DAYS ago), or `withdrawn` before an interview: the person stopped it, which
 *   says nothing about the employer. Counting pending applications as failures would pull every
 *   estimate down for people who applied recently.
 * - **Days to apply**: from `postedAt` to the moment of application (insights' definition: `appliedAt`,
 *   else the first history entry past `saved`, else `createdAt`). Absent without `postedAt`; a
 *   posting date more than a day after the application is a data error and is dropped, less than
 *   that (time zones) counts as 0.
 * - **Contact**: the job lists at least one contact. Contacts carry no date, so one added after an
 *   interview (the interviewer) also counts; the model can learn that as an effect of the
 *   interview rather than a cause. Noted here because the schema cannot tell the two apart.
 */
import { jobFacts } from '../insights/job-facts';
import { parseIsoMs } from '../insights/iso-time';
import type { Job } from '../schema/job';
import type { OddsFeatures } from './odds-encode';
import type { OddsOutcome } from './odds';

export const PENDING_DAYS = 30;
const DAY_MS = 86_400_000;

/** The features of one job, for fitting or for the estimate; `matchScore` overrides the stored one. */
export function oddsFeaturesOf(job: Job, matchScore?: number): OddsFeatures {
  const facts = jobFacts(job);
  const features: OddsFeatures = { site: job.platform, source: job.source, hasContact: (job.contacts?.length ?? 0) > 0 };
  const score = matchScore ?? job.mlAnalysis?.matchScore;
  if (score !== undefined && Number.isFinite(score)) features.matchScore = score;
  const days = daysBetween(parseIsoMs(job.postedAt), facts.appliedMs);
  if (days !== undefined) features.daysToApply = days;
  return features;
}

/**
 * Features for a saved job not applied to yet, as if applied at `nowMs`: the
 * estimate a person sees before applying keeps counting the days it waits.
 */
export function oddsFeaturesIfAppliedAt(job: Job, nowMs: number, matchScore?: number): OddsFeatures {
  const features = oddsFeaturesOf(job, matchScore);
  if (jobFacts(job).appliedMs !== null) return features;
  const days = daysBetween(parseIsoMs(job.postedAt), nowMs);
  if (days !== undefined) features.daysToApply = days;
  return features;
}

function daysBetween(postedMs: number | null, appliedMs: number | null): number | undefined {
  if (postedMs === null || appliedMs === null) return undefined;
  const days = (appliedMs - postedMs) / DAY_MS;
  return days >= -1 ? Math.max(0, days) : undefined;
}

/** The job's outcome for the model, or undefined when it has none yet (see above). */
export function oddsOutcomeOf(job: Job, nowMs: number, matchScore?: number): OddsOutcome | undefined {
  const facts = jobFacts(job);
  if (!facts.applied) return undefined;
  if (facts.reachedInterview) return { ...oddsFeaturesOf(job, matchScore), interviewed: true };
  if (job.status === 'withdrawn') return undefined;
  const settled = job.status === 'rejected' || job.status === 'ghosted' || (facts.appliedMs !== null && nowMs - facts.appliedMs >= PENDING_DAYS * DAY_MS);
  return settled ? { ...oddsFeaturesOf(job, matchScore), interviewed: false } : undefined;
}

/**
 * Every outcome in the jobs, oldest application first (the model keeps the
 * latest when it must cut), ties by id so the order never depends on the input's.
 * `matchScores` (by job id) overrides the scores stored on the jobs.
 */
export function oddsOutcomesOf(jobs: readonly Job[], nowMs: number, matchScores?: ReadonlyMap<string, number>): OddsOutcome[] {
  const dated: { at: number; id: string; outcome: OddsOutcome }[] = [];
  for (const job of jobs) {
    const outcome = oddsOutcomeOf(job, nowMs, matchScores?.get(job.id));
    if (outcome) dated.push({ at: jobFacts(job).appliedMs ?? 0, id: job.id, outcome });
  }
  dated.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return dated.map((d) => d.outcome);
}
