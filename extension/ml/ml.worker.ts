/**
 * The ML web worker: the shared matching engine (shared/match) off the
 * dashboard's thread, so matching, ranking thousands of jobs and fitting the
 * odds model never stall a page. Job and resume analyses stay cached here
 * between calls. Everything it needs ships in the extension; nothing is fetched.
 */
import * as Comlink from 'comlink';
import { checkAts } from '../../shared/match/ats-check';
import { AnalysisCache } from '../../shared/match/job-analysis-cache';
import { match } from '../../shared/match/match';
import { interviewOdds } from '../../shared/match/odds';
import { rankJobs, rankResumes, refreshAnalyses } from '../../shared/match/rank-jobs';
import type { MlWorkerApi } from './ml-api';

const cache = new AnalysisCache();

const api: MlWorkerApi = {
  match: async (resume, job) => match(resume, job),
  rankJobs: async (resume, jobs) => rankJobs(cache, resume, jobs),
  rankResumes: async (resumes, jobId, job) => rankResumes(cache, resumes, jobId, job),
  refreshAnalyses: async (resume, jobs, analyzedAt) => refreshAnalyses(cache, resume, jobs, analyzedAt),
  ats: async (input) => checkAts(input),
  odds: async (history, candidate) => interviewOdds(history, candidate),
};

Comlink.expose(api);
