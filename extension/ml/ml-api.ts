import type { AtsCheckInput, AtsReport } from '../../shared/match/ats-check';
import type { MatchJob, MatchResult, MatchResume } from '../../shared/match/match';
import type { FeedbackItem, FeedbackJob } from '../../shared/match/feedback';
import type { OddsFeatures, OddsOutcome, OddsResult } from '../../shared/match/odds';
import type { RecommendCandidate, Recommendation } from '../../shared/match/recommend';
import type { RankJob, RankResume, RankedJob, RefreshJob, RefreshedJob } from '../../shared/match/rank-jobs';

export type { RankJob, RankResume, RankedJob, RefreshJob, RefreshedJob };

/**
 * The ML worker's methods, one per line (other pages add theirs here). Every
 * method runs the shared engine (shared/match) off the page's thread.
 */
export interface MlWorkerApi {
  match(resume: MatchResume, job: MatchJob): Promise<MatchResult>;
  rankJobs(resume: MatchResume, jobs: RankJob[]): Promise<RankedJob[]>;
  rankResumes(resumes: RankResume[], jobId: string, job: MatchJob): Promise<RankedJob[]>;
  refreshAnalyses(resume: MatchResume, jobs: RefreshJob[], analyzedAt: string): Promise<RefreshedJob[]>;
  ats(input: AtsCheckInput): Promise<AtsReport>;
  odds(history: OddsOutcome[], candidate: OddsFeatures): Promise<OddsResult>;
  feedback(resume: MatchResume, jobs: FeedbackJob[], limit?: number): Promise<FeedbackItem[]>;
  recommend(resume: MatchResume, jobs: RecommendCandidate[], limit?: number): Promise<Recommendation[]>;
}
