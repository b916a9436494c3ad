import { skillGaps, type SkillGaps } from '../../../shared/insights/skill-gaps';
import { toMlAnalysis } from '../../../shared/match/ml-analysis';
import type { Resume } from '../../../shared/resume/doc/resume-doc';
import type { Job } from '../../../shared/schema/job';
import type { MlEngine } from '../../ml/engine';

/**
 * The skills a user's jobs ask for and their active resume does not show:
 * the most recently updated jobs with a description are matched against the
 * active resume by the server's engine (shared/match, in its worker), then
 * counted by shared/insights' skillGaps. Without an active resume, the
 * matches stored on the jobs are counted instead.
 */

/** Most jobs matched for one answer, the most recently updated first: a bound on the engine time one request takes. */
export const MAX_JOBS_MATCHED = 100;

export interface UserSkillGaps extends SkillGaps {
  /** `active-resume`: matched now against `resumeId`; `stored-matches`: the jobs' own `mlAnalysis`. */
  basis: 'active-resume' | 'stored-matches';
  resumeId?: string;
  /** Jobs with a description beyond MAX_JOBS_MATCHED, left out. */
  jobsNotMatched: number;
}

export interface GapInputs {
  /** Every job (its stored match is what counts without a resume). */
  jobs: readonly Job[];
  /** The most recently updated jobs with a description, at most MAX_JOBS_MATCHED. */
  recentDescribed: readonly Job[];
  /** How many jobs have a description in all. */
  describedTotal: number;
}

export async function userSkillGaps(engine: MlEngine, inputs: GapInputs, resume: Resume | undefined): Promise<UserSkillGaps> {
  if (!resume) return { ...skillGaps(inputs.jobs), basis: 'stored-matches', jobsNotMatched: 0 };
  const matched: Job[] = [];
  const at = new Date().toISOString();
  // One at a time: the engine's queue is shared with every user's match requests.
  for (const job of inputs.recentDescribed.slice(0, MAX_JOBS_MATCHED)) {
    const result = await engine.run('match', { resume: resume.resume, job: { title: job.title, description: job.description, ...(job.location ? { location: job.location } : {}) } });
    matched.push({ ...job, mlAnalysis: toMlAnalysis(result, at) });
  }
  return { ...skillGaps(matched), basis: 'active-resume', resumeId: resume.id, jobsNotMatched: Math.max(0, inputs.describedTotal - matched.length) };
}
