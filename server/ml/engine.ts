import crypto from 'node:crypto';
import type { AtsCheckInput, AtsReport } from '../../shared/match/ats-check';
import { MatchInputError, checkTextSize } from '../../shared/match/input-limits';
import type { MatchJob, MatchResult, MatchResume } from '../../shared/match/match';
import type { OddsFeatures, OddsOutcome, OddsResult } from '../../shared/match/odds';
import { resumeFromJson } from '../../shared/match/resume-input';
import { ALGORITHM_VERSION, TAXONOMY_VERSION } from '../../shared/match/versions';
import { HttpError } from '../errors';
import { LruCache } from './lru';
import type { MlPool } from './pool';

/**
 * The server's ML answers, from the shared offline engine (the same code the
 * extension runs), with match results cached in process. Every answer names
 * the engine that produced it, so a client can tell this one from a semantic
 * or external engine added later.
 */

export const ENGINE = 'offline';

export interface MatchAnswer extends MatchResult {
  engine: typeof ENGINE;
  /** Served from the in-process cache (same normalised inputs, same algorithm and taxonomy). */
  cached: boolean;
}

export interface MlEngineOptions {
  /** Most match results kept; the least recently used go first. */
  cacheEntries?: number;
  /** Part of every cache key; tests change it to show a new algorithm misses. */
  algorithmVersion?: string;
  /** YYYY-MM that "Present" in a parsed resume's roles resolves to; defaults to the current month (UTC). */
  month?: () => string;
  /** Worker threads for the match, the ATS check and the odds; without one they run on the calling thread (unit tests). */
  pool?: MlPool;
}

export interface MlEngine {
  match(resume: unknown, job: MatchJob): Promise<MatchAnswer>;
  ats(input: AtsCheckInput): Promise<AtsReport & { engine: typeof ENGINE }>;
  interview(history: OddsOutcome[], candidate: OddsFeatures): Promise<OddsResult & { engine: typeof ENGINE }>;
  readonly cacheSize: number;
  close(): Promise<void>;
}

export const DEFAULT_CACHE_ENTRIES = 500;

/** One form for text that means the same (NFKC, as the engine reads it; line endings), applied before both keying and matching. */
const norm = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.normalize('NFKC').replace(/\r\n?/g, '\n'));

function normaliseResume(r: MatchResume): MatchResume {
  const title = norm(r.title);
  const location = norm(r.location);
  return {
    text: norm(r.text) ?? '',
    ...(title !== undefined ? { title } : {}),
    ...(location !== undefined ? { location } : {}),
    ...(r.skills ? { skills: r.skills.map((s) => norm(s) ?? '') } : {}),
    ...(r.yearsFromDates !== undefined ? { yearsFromDates: r.yearsFromDates } : {}),
  };
}

function normaliseJob(j: MatchJob): MatchJob {
  const title = norm(j.title);
  const description = norm(j.description);
  const location = norm(j.location);
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(location !== undefined ? { location } : {}),
  };
}

/** Fields in a fixed order, so the key depends on values only, never on how the client ordered its JSON. */
export function matchCacheKey(version: string, resume: MatchResume, job: MatchJob): string {
  const canonical = JSON.stringify([
    version,
    TAXONOMY_VERSION,
    [resume.text, resume.title ?? null, resume.location ?? null, resume.skills ?? null, resume.yearsFromDates ?? null],
    [job.title ?? null, job.description ?? null, job.location ?? null],
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** The engine's input errors as HTTP answers; their messages name the field and its length, never its text. */
function asHttpError(error: unknown): unknown {
  if (error instanceof MatchInputError) {
    return error.code === 'too_large'
      ? new HttpError(413, 'input_too_large', error.message)
      : new HttpError(400, 'validation_failed', error.message);
  }
  return error;
}

async function runAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asHttpError(error);
  }
}

/** The engine itself, loaded only when no worker pool runs it (tests): with a pool the model stays off this thread. */
async function inProcess() {
  const [match, ats, odds] = await Promise.all([import('../../shared/match/match'), import('../../shared/match/ats-check'), import('../../shared/match/odds')]);
  return { ...match, checkAts: ats.checkAts, interviewOdds: odds.interviewOdds };
}

const currentMonth = () => new Date().toISOString().slice(0, 7);

export function createMlEngine(options: MlEngineOptions = {}): MlEngine {
  const version = options.algorithmVersion ?? ALGORITHM_VERSION;
  const month = options.month ?? currentMonth;
  const cache = new LruCache<MatchResult>(options.cacheEntries ?? DEFAULT_CACHE_ENTRIES);

  return {
    match(resumeJson, jobInput) {
      return runAsync(async () => {
        // Resolved first, so a parsed resume and its month's "Present" are part of the key.
        const resume = normaliseResume(resumeFromJson(resumeJson, month()));
        const job = normaliseJob(jobInput);
        // Refused here, before a worker or the cache sees them (the engine checks again).
        checkTextSize(resume.text, 'The resume');
        checkTextSize(job.description ?? '', 'The job description');
        const key = matchCacheKey(version, resume, job);
        const hit = cache.get(key);
        if (hit) return { ...hit, engine: ENGINE, cached: true };
        const result = options.pool
          ? ((await options.pool.run({ kind: 'match', resume, job })) as MatchResult)
          : await inProcess().then(({ matchAnalyzed, analyzeResume, analyzeJob }) => matchAnalyzed(analyzeResume(resume), analyzeJob(job)));
        cache.set(key, result);
        return { ...result, engine: ENGINE, cached: false };
      });
    },
    ats(input) {
      return runAsync(async () => {
        checkTextSize(input.text, 'The resume text');
        if (input.job) {
          checkTextSize(input.job.text, 'The job text');
          checkTextSize(input.job.title ?? '', 'The job title');
        }
        const report = options.pool ? ((await options.pool.run({ kind: 'ats', input })) as AtsReport) : (await inProcess()).checkAts(input);
        return { ...report, engine: ENGINE };
      });
    },
    interview(history, candidate) {
      return runAsync(async () => {
        const odds = options.pool ? ((await options.pool.run({ kind: 'interview', history, candidate })) as OddsResult) : (await inProcess()).interviewOdds(history, candidate);
        return { ...odds, engine: ENGINE };
      });
    },
    get cacheSize() {
      return cache.size;
    },
    close() {
      return options.pool?.close() ?? Promise.resolve();
    },
  };
}
