/**
 * The ML web worker: the shared matching engine (shared/match) off the
 * dashboard's thread, so matching, ranking thousands of jobs and fitting the
 * odds model never stall a page. Job and resume analyses stay cached here
 * between calls. Everything it needs ships in the extension; nothing is fetched.
 */
import * as Comlink from 'comlink';
import { checkAts } from '../../shared/match/ats-check';
import { feedbackAnalyzed, MAX_FEEDBACK_JOBS } from '../../shared/match/feedback';
import { AnalysisCache } from '../../shared/match/job-analysis-cache';
import { match } from '../../shared/match/match';
import { interviewOdds } from '../../shared/match/odds';
import { rankJobs, rankResumes, refreshAnalyses } from '../../shared/match/rank-jobs';
import { isCandidate, MAX_RECOMMEND_JOBS, recommendAnalyzed } from '../../shared/match/recommend';
import type { MlWorkerApi } from './ml-api';

const cache = new AnalysisCache();

const api: MlWorkerApi = {
  match: async (resume, job) => match(resume, job),
  rankJobs: async (resume, jobs) => rankJobs(cache, resume, jobs),
  rankResumes: async (resumes, jobId, job) => rankResumes(cache, resumes, jobId, job),
  refreshAnalyses: async (resume, jobs, analyzedAt) => refreshAnalyses(cache, resume, jobs, analyzedAt),
  ats: async (input) => checkAts(input),
  odds: async (history, candidate) => interviewOdds(history, candidate),
  feedback: async (resume, jobs, limit) => feedbackAnalyzed(cache.resume(resume), jobs.slice(0, MAX_FEEDBACK_JOBS).map((j) => ({ id: j.id, analysis: cache.job(j.id, j.job) })), limit),
  // Only saved jobs are analysed: the rest of a person's thousands of jobs cost nothing here.
  recommend: async (resume, jobs, limit) => recommendAnalyzed(cache.resume(resume), jobs.slice(0, MAX_RECOMMEND_JOBS).filter((j) => isCandidate(j.status)).map((j) => ({ id: j.id, status: j.status, analysis: cache.job(j.id, j.job) })), limit),
};

Comlink.expose(api);
