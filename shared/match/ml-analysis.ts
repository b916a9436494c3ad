/**
 * A match as the job document stores it (`mlAnalysis` in the job schema):
 * the score, the skills met and missing, and a one-line summary naming the
 * algorithm and taxonomy versions, so a stored score can be told stale.
 */
import { JOB_LIMITS, mlAnalysisSchema } from '../schema/job';
import type { MatchResult } from './match';
import type { z } from 'zod';

export type MlAnalysis = z.infer<typeof mlAnalysisSchema>;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `analyzedAt` is passed in (an ISO time) so the conversion stays a pure function. */
export function toMlAnalysis(result: MatchResult, analyzedAt: string): MlAnalysis {
  const all = [...result.skills.required, ...result.skills.niceToHave];
  const names = (status: 'met' | 'missing') => all.filter((s) => s.status === status).map((s) => clip(s.name, JOB_LIMITS.mlSkillLength)).slice(0, JOB_LIMITS.mlSkillItems);
  const missingRequired = result.skills.required.filter((s) => s.status === 'missing').length;
  const basis = result.basis === 'title-only' ? ' on the title only (no description)' : '';
  const summary = `${result.score}/100 (${result.band})${basis}; ${result.skills.required.length - missingRequired} of ${result.skills.required.length} required skills shown; ${result.algorithmVersion}, taxonomy ${result.taxonomyVersion}`;
  return mlAnalysisSchema.parse({
    matchScore: result.score,
    matchedSkills: names('met'),
    missingSkills: names('missing'),
    summary: clip(summary, JOB_LIMITS.mlSummaryLength),
    analyzedAt,
  });
}
