/**
 * Many jobs against one resume: a ranking (best first) and the refresh of
 * stored analyses. Each job is analysed once (AnalysisCache); the resume once.
 */
import type { AnalysisCache } from './job-analysis-cache';
import { exactScore, matchAnalyzed, type Band, type MatchJob, type MatchResume } from './match';
import { toMlAnalysis, type MlAnalysis } from './ml-analysis';
import { inputsKey, jobInputsKey, withInputsKey } from './ml-freshness';
import { resumeInputsKey } from './resume-key';

export interface RankJob {
  id: string;
  job: MatchJob;
}

export interface RankedJob {
  id: string;
  score: number;
  band: Band;
}

/** The jobs best first; ties by id, so the order never depends on the input's. */
export function rankJobs(cache: AnalysisCache, resume: MatchResume, jobs: readonly RankJob[]): RankedJob[] {
  const r = cache.resume(resume);
  const scored = jobs.map(({ id, job }) => {
    const result = matchAnalyzed(r, cache.job(id, job));
    return { id, score: result.score, band: result.band, exact: exactScore(result.components) };
  });
  scored.sort((a, b) => b.exact - a.exact || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.map(({ id, score, band }) => ({ id, score, band }));
}

/** A job whose stored analysis may be stale: `storedKey` is the inputs key its mlAnalysis names, if any. */
export interface RefreshJob extends RankJob {
  storedKey?: string;
}

/** A new analysis for a job whose stored one was stale; `jobKey` is what it was computed from. */
export interface RefreshedJob {
  id: string;
  jobKey: string;
  mlAnalysis: MlAnalysis;
}

/** New analyses for the jobs whose stored one was computed from other inputs; fresh ones are left out. */
export function refreshAnalyses(cache: AnalysisCache, resume: MatchResume, jobs: readonly RefreshJob[], analyzedAt: string): RefreshedJob[] {
  const resumeKey = resumeInputsKey(resume);
  const out: RefreshedJob[] = [];
  for (const { id, job, storedKey } of jobs) {
    const jobKey = jobInputsKey(job);
    const key = inputsKey(resumeKey, jobKey);
    if (storedKey === key) continue;
    const result = matchAnalyzed(cache.resume(resume, resumeKey), cache.job(id, job, jobKey));
    out.push({ id, jobKey, mlAnalysis: withInputsKey(toMlAnalysis(result, analyzedAt), key) });
  }
  return out;
}

export interface RankResume {
  id: string;
  resume: MatchResume;
}

/** "Which of my resumes fits this job best": the resumes best first, ties by id. */
export function rankResumes(cache: AnalysisCache, resumes: readonly RankResume[], jobId: string, job: MatchJob): RankedJob[] {
  const j = cache.job(jobId, job);
  const scored = resumes.map(({ id, resume }) => {
    const result = matchAnalyzed(cache.resume(resume), j);
    return { id, score: result.score, band: result.band, exact: exactScore(result.components) };
  });
  scored.sort((a, b) => b.exact - a.exact || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.map(({ id, score, band }) => ({ id, score, band }));
}
