import { checkAts, type AtsCheckInput, type AtsReport } from '../../shared/match/ats-check';
import { feedbackForJob, feedbackForJobs, type FeedbackItem, type FeedbackJob } from '../../shared/match/feedback';
import { analyzeJob, analyzeResume, matchAnalyzed, type MatchJob, type MatchResult, type MatchResume } from '../../shared/match/match';
import { interviewOdds, type OddsFeatures, type OddsOutcome, type OddsResult } from '../../shared/match/odds';
import { recommend, type RecommendCandidate, type Recommendation } from '../../shared/match/recommend';

/**
 * One unit of the built-in engine's work, as a worker thread (worker.ts) or,
 * without a pool, the calling thread runs it. Resumes arrive already read
 * (resumeFromJson) and checked for size: the task only computes.
 */

export type MlTask =
  | { kind: 'match'; resume: MatchResume; job: MatchJob }
  | { kind: 'ats'; input: AtsCheckInput }
  | { kind: 'interview'; history: OddsOutcome[]; candidate: OddsFeatures }
  | { kind: 'recommend'; resume: MatchResume; jobs: RecommendCandidate[]; limit?: number }
  /** `job` for one job; `jobs` for the jobs a person is applying to (items then name the jobs they help). */
  | { kind: 'feedback'; resume: MatchResume; job?: MatchJob; jobs?: FeedbackJob[]; limit?: number };

export interface MlTaskResults {
  match: MatchResult;
  ats: AtsReport;
  interview: OddsResult;
  recommend: Recommendation[];
  feedback: FeedbackItem[];
}

export function runTask(task: MlTask): MlTaskResults[MlTask['kind']] {
  switch (task.kind) {
    case 'match': return matchAnalyzed(analyzeResume(task.resume), analyzeJob(task.job));
    case 'ats': return checkAts(task.input);
    case 'interview': return interviewOdds(task.history, task.candidate);
    case 'recommend': return recommend(task.resume, task.jobs, task.limit);
    case 'feedback': return task.job ? feedbackForJob(task.resume, task.job, task.limit) : feedbackForJobs(task.resume, task.jobs ?? [], task.limit);
  }
}
