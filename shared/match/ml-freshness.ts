/**
 * Whether a stored `mlAnalysis` still answers for the job and resume it would
 * be computed from now. The stored summary ends with a key of its inputs
 * (engine and taxonomy versions, the resume as matched, the job's title,
 * description and location), so a changed description, another active resume
 * or a new taxonomy each make it stale (the versions are in the resume's part,
 * ./resume-key.ts, kept apart so pages that only read keys skip the taxonomy), with no field added to the synced
 * job schema and no clock compared across devices.
 */
import { JOB_LIMITS, type Job } from '../schema/job';
import { matchJobOf } from './job-input';
import { stableHash } from '../transfer/hash';
import type { MatchJob } from './match';
import type { MlAnalysis } from './ml-analysis';

const MARK = '; inputs ';
const KEY = /; inputs ([0-9a-z]+\.[0-9a-z]+)$/;

/** The job's part: only the fields matching reads. */
export function jobInputsKey(job: MatchJob): string {
  return stableHash(JSON.stringify([job.title ?? '', job.description ?? '', job.location ?? '']));
}

export function inputsKey(resumeKey: string, jobKey: string): string {
  return `${resumeKey}.${jobKey}`;
}

/** The analysis with its inputs' key at the end of the summary (the summary shortened if it must be). */
export function withInputsKey(analysis: MlAnalysis, key: string): MlAnalysis {
  const suffix = `${MARK}${key}`;
  const room = JOB_LIMITS.mlSummaryLength - suffix.length;
  const summary = (analysis.summary ?? '').replace(KEY, '');
  return { ...analysis, summary: `${summary.length > room ? `${summary.slice(0, room - 1)}…` : summary}${suffix}` };
}

/** The key a stored analysis was computed from, if it names one. */
export function storedInputsKey(analysis: MlAnalysis | undefined): string | undefined {
  return analysis?.summary ? KEY.exec(analysis.summary)?.[1] : undefined;
}

export function isAnalysisFresh(analysis: MlAnalysis | undefined, key: string): boolean {
  return storedInputsKey(analysis) === key;
}

/** The summary as a person reads it: without the key. */
export function readableSummary(analysis: MlAnalysis | undefined): string | undefined {
  return analysis?.summary?.replace(KEY, '');
}

/**
 * The job with `mlAnalysis` stored, if its title, description and location are
 * still those the analysis was computed from (`jobKey`); otherwise, or when
 * that analysis is already stored, the job unchanged (a later pass computes it again).
 * `updatedAt` stays as it was: a score computed in the background is not an
 * edit, and bumping it would reorder the person's list (sorted by last update)
 * every time their resume changes.
 */
export function withStoredAnalysis(job: Job, jobKey: string, mlAnalysis: MlAnalysis): Job {
  if (jobInputsKey(matchJobOf(job)) !== jobKey) return job;
  if (job.mlAnalysis && storedInputsKey(job.mlAnalysis) === storedInputsKey(mlAnalysis) && job.mlAnalysis.matchScore === mlAnalysis.matchScore) return job;
  return { ...job, mlAnalysis };
}
