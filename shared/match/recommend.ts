/**
 * "Apply next": the saved jobs a person has not applied to yet, ranked by how
 * well the resume fits them, each with the reasons in a few words. Ties keep
 * the order given, so the same inputs always give the same list.
 */
import type { JobStatus } from '../schema/job';
import { MAX_RECOMMEND_JOBS } from './input-limits';
import { analyzeJob, analyzeResume, exactScore, matchAnalyzed, type Band, type JobAnalysis, type MatchJob, type MatchResult, type MatchResume, type ResumeAnalysis } from './match';

export interface RecommendCandidate {
  readonly id: string;
  readonly status: JobStatus;
  readonly job: MatchJob;
}

export interface Recommendation {
  readonly id: string;
  readonly score: number;
  readonly band: Band;
  /** Why it fits (or what holds it back), most telling first. */
  readonly reasons: readonly string[];
  /** Required skills the resume does not show, at most a few. */
  readonly missing: readonly string[];
}

export { MAX_RECOMMEND_JOBS };

export const DEFAULT_RECOMMENDATIONS = 20;
const MISSING_SHOWN = 3;

/** Only jobs still to apply to: saved ones. */
export const isCandidate = (status: JobStatus): boolean => status === 'saved';

function reasonsOf(result: MatchResult): { reasons: string[]; missing: string[] } {
  const reasons: string[] = [];
  const required = result.skills.required;
  const met = required.filter((s) => s.status === 'met').length;
  if (required.length > 0) reasons.push(`Shows ${met} of ${required.length} required skills`);
  const niceMet = result.skills.niceToHave.filter((s) => s.status === 'met').length;
  if (niceMet > 0) reasons.push(`${niceMet} nice-to-have skill${niceMet === 1 ? '' : 's'} too`);
  if (result.title.score >= 0.7) reasons.push('Your title fits the role');
  const { yearsAsked, yearsShown } = result.experience;
  if (yearsAsked !== undefined && yearsShown !== undefined) reasons.push(yearsShown >= yearsAsked ? `${yearsShown}+ years shown, ${yearsAsked} asked` : `${yearsAsked} years asked, ${yearsShown} shown`);
  if (result.location.remote) reasons.push('Remote');
  if (result.basis === 'title-only') reasons.push('Scored on the title only (no description)');
  const missing = required.filter((s) => s.status === 'missing').map((s) => s.name).slice(0, MISSING_SHOWN);
  return { reasons, missing };
}

export function recommend(resume: MatchResume, jobs: readonly RecommendCandidate[], limit = DEFAULT_RECOMMENDATIONS): Recommendation[] {
  const open = jobs.slice(0, MAX_RECOMMEND_JOBS).filter((j) => isCandidate(j.status));
  return recommendAnalyzed(analyzeResume(resume), open.map((j) => ({ id: j.id, status: j.status, analysis: analyzeJob(j.job) })), limit);
}

/** For callers that keep job analyses between calls (the extension's worker). */
export function recommendAnalyzed(resume: ResumeAnalysis, jobs: readonly { id: string; status: JobStatus; analysis: JobAnalysis }[], limit = DEFAULT_RECOMMENDATIONS): Recommendation[] {
  return jobs
    .filter((j) => isCandidate(j.status))
    .map((j, i) => {
      const result = matchAnalyzed(resume, j.analysis);
      return { id: j.id, i, exact: exactScore(result.components), result };
    })
    .sort((a, b) => b.exact - a.exact || a.i - b.i)
    .slice(0, Math.max(0, limit))
    .map(({ id, result }) => ({ id, score: result.score, band: result.band, ...reasonsOf(result) }));
}
