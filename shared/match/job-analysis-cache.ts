/**
 * Job analyses kept between calls, by job id and the key of the job's text,
 * so ranking thousands of jobs again (another resume, a new job captured)
 * analyses only the jobs that are new or changed. Resume analyses are kept
 * the same way by the resume's key. Oldest entries go first past the cap.
 */
import { analyzeJob, analyzeResume, type JobAnalysis, type MatchJob, type MatchResume, type ResumeAnalysis } from './match';
import { jobInputsKey } from './ml-freshness';
import { resumeInputsKey } from './resume-key';

/** Above any one person's saved jobs; each entry is a few kilobytes. */
export const MAX_CACHED_JOBS = 30_000;
const MAX_CACHED_RESUMES = 8;

export class AnalysisCache {
  private readonly jobs = new Map<string, { key: string; analysis: JobAnalysis }>();
  private readonly resumes = new Map<string, ResumeAnalysis>();

  constructor(private readonly maxJobs = MAX_CACHED_JOBS) {}

  get size(): number {
    return this.jobs.size;
  }

  /** `key` when the caller has it already (jobInputsKey of the job). */
  job(id: string, job: MatchJob, key = jobInputsKey(job)): JobAnalysis {
    const hit = this.jobs.get(id);
    if (hit && hit.key === key) {
      // Refreshed to newest, so the entries evicted are the ones not asked for longest.
      this.jobs.delete(id);
      this.jobs.set(id, hit);
      return hit.analysis;
    }
    const analysis = analyzeJob(job);
    this.jobs.delete(id);
    this.jobs.set(id, { key, analysis });
    evict(this.jobs, this.maxJobs);
    return analysis;
  }

  resume(resume: MatchResume, key = resumeInputsKey(resume)): ResumeAnalysis {
    let analysis = this.resumes.get(key);
    if (!analysis) {
      analysis = analyzeResume(resume);
      this.resumes.set(key, analysis);
      evict(this.resumes, MAX_CACHED_RESUMES);
    }
    return analysis;
  }
}

function evict<V>(map: Map<string, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}
