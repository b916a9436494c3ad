import type { AtsReport } from '../../shared/match/ats-check-types';
import { toMlAnalysis, type MlAnalysis } from '../../shared/match/ml-analysis';
import type { Resume } from '../../shared/resume/doc/resume-doc';
import { atsBlocks, atsPlainLines } from '../../shared/resume/export/ats-blocks';
import type { Job } from '../../shared/schema/job';
import type { MlCache } from '../ml/cache/cache';
import type { MlEngine } from '../ml/engine';
import { LruCache } from '../ml/lru';

/**
 * A stored resume's ATS check, and its match against one of the user's jobs
 * when named, from the server's ML engine (worker threads, the shared code).
 * The resume document holds what was parsed and corrected, not the original
 * file's text, so the check reads the corrected resume in the order the ATS
 * export writes it, with the file's facts (kind, size, pages, OCR) from the
 * document; layout facts only the PDF reader sees are reported not checked.
 * The last analysis of each resume is kept in a bounded cache, valid while
 * the resume is at the same revision: in this process, or in the shared
 * (Redis) ML cache when there is one, so that with several instances the last
 * analysis is the last one any of them made.
 */

export interface ResumeAnalysis {
  resumeId: string;
  /** The revision analysed; a later edit makes this analysis stale. */
  resumeRev: string;
  analyzedAt: string;
  ats: AtsReport & { engine: string };
  /** The skills the resume lists (as parsed, then corrected). */
  skills: string[];
  /** Present when a job was named: its match, as a job document stores it. */
  match?: MlAnalysis & { jobId: string };
}

export interface AnalysisJob {
  id: string;
  job: Pick<Job, 'title' | 'description' | 'location'>;
}

/** Resumes whose last analysis is kept, across users; each is a few kilobytes. */
const CACHE_ENTRIES = 1_000;

export interface ResumeAnalyses {
  analyze(userId: string, resume: Resume, rev: string, job?: AnalysisJob): Promise<ResumeAnalysis>;
  /** The last analysis of the resume at this revision, computed now (without a job) if there is none. */
  latest(userId: string, resume: Resume, rev: string): Promise<ResumeAnalysis>;
}

/** Where the last analyses are kept: an LRU in this process, or a store the instances share. */
type AnalysisStore = Pick<MlCache, 'get' | 'set'>;

function processStore(): AnalysisStore {
  const lru = new LruCache<unknown>(CACHE_ENTRIES);
  return {
    get: (key) => Promise.resolve(lru.get(key)),
    set: (key, value) => Promise.resolve(void lru.set(key, value)),
  };
}

export function createResumeAnalyses(engine: MlEngine, shared?: AnalysisStore): ResumeAnalyses {
  const cache = shared ?? processStore();
  // Prefixed in a shared store, where the ML answers' keys (hashes of their inputs) are too.
  const keyOf = (userId: string, resumeId: string) => `resume-analysis:${JSON.stringify([userId, resumeId])}`;

  async function analyze(userId: string, resume: Resume, rev: string, target?: AnalysisJob): Promise<ResumeAnalysis> {
    const jobText = target ? { ...(target.job.title ? { title: target.job.title } : {}), text: target.job.description ?? '' } : undefined;
    const ats = await engine.run('ats', {
      resume: resume.resume,
      text: atsPlainLines(atsBlocks(resume.resume)).join('\n'),
      kind: resume.outcome.kind,
      bytes: resume.file.size,
      pages: resume.outcome.pages,
      ocrPages: resume.outcome.ocrPages,
      ...(jobText ? { job: jobText } : {}),
    });
    const analyzedAt = new Date().toISOString();
    let match: ResumeAnalysis['match'];
    if (target) {
      const { title, description, location } = target.job;
      const result = await engine.run('match', { resume: resume.resume, job: { title, ...(description ? { description } : {}), ...(location ? { location } : {}) } });
      match = { ...toMlAnalysis(result, analyzedAt), jobId: target.id };
    }
    const analysis: ResumeAnalysis = { resumeId: resume.id, resumeRev: rev, analyzedAt, ats, skills: resume.resume.skills, ...(match ? { match } : {}) };
    // Awaited: the next request may reach another instance (a shared store's write is bounded by its timeout and never throws).
    await cache.set(keyOf(userId, resume.id), analysis);
    return analysis;
  }

  return {
    analyze,
    async latest(userId, resume, rev) {
      const cached = (await cache.get(keyOf(userId, resume.id))) as ResumeAnalysis | undefined;
      return typeof cached === 'object' && cached !== null && cached.resumeRev === rev ? cached : analyze(userId, resume, rev);
    },
  };
}
