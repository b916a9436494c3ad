import type { AtsReport } from '../../shared/match/ats-check';
import type { FeedbackItem } from '../../shared/match/feedback';
import { MatchInputError, checkTextSize } from '../../shared/match/input-limits';
import type { MatchJob, MatchResult, MatchResume } from '../../shared/match/match';
import type { OddsResult } from '../../shared/match/odds';
import type { Recommendation } from '../../shared/match/recommend';
import { resumeFromJson } from '../../shared/match/resume-input';
import { ALGORITHM_VERSION, TAXONOMY_VERSION } from '../../shared/match/versions';
import { HttpError } from '../errors';
import { cacheKey, createMemoryCache, normaliseStrings, type MlCache } from './cache/cache';
import type { BreakerState, ExternalMl } from './external/breaker';
import type { MlPool } from './pool';
import type { AtsBody, FeedbackBody, InterviewBody, MatchBody, RecommendBody } from './schemas';
import type { MlTask } from './tasks';

/**
 * The server's ML answers, in layers: the request is checked and normalised
 * here; then an external service (ML_SERVICE_URL), when configured, answers
 * through its circuit breaker; when it cannot, the built-in engine (the shared
 * code the extension runs, in the worker pool) does. Each producer's answers
 * are cached under their own keys (cache/), so a fallback answer is never
 * served as the service's once it recovers. Every answer names the engine that
 * produced it and whether it came from the cache.
 */

export type EngineName = 'external' | 'offline' | 'server';

export interface MlBodies {
  match: MatchBody;
  ats: AtsBody;
  interview: InterviewBody;
  recommend: RecommendBody;
  feedback: FeedbackBody;
}
export type MlKind = keyof MlBodies;

/** Lists are wrapped in an object so the answer can carry `engine` and `cached` beside them. */
export interface MlResults {
  match: MatchResult;
  ats: AtsReport;
  interview: OddsResult;
  recommend: { recommendations: Recommendation[] };
  feedback: { items: FeedbackItem[] };
}

export type MlAnswer<K extends MlKind> = MlResults[K] & {
  engine: EngineName;
  /** Served from the cache (same normalised inputs, same producer, algorithm and taxonomy). */
  cached: boolean;
};

export interface MlEngineOptions {
  /** Where answers are kept; an in-process LRU of DEFAULT_CACHE_ENTRIES by default. */
  cache?: MlCache;
  /** Asked first when configured; the built-in engine answers when it cannot. */
  external?: ExternalMl;
  /** Part of every cache key; tests change it to show a new algorithm misses. */
  algorithmVersion?: string;
  /** YYYY-MM that "Present" in a parsed resume's roles resolves to; defaults to the current month (UTC). */
  month?: () => string;
  /** Worker threads for the built-in engine; without one it runs on the calling thread (unit tests). */
  pool?: MlPool;
}

export interface RunOptions {
  /**
   * false: the built-in engine's offline answer, without the semantic part or an
   * external service, for callers that need only the skills (a match with the
   * semantic part costs an embedding of each new text).
   */
  semantic?: boolean;
}

/** What the admin console shows of the engine (GET /api/admin/services). */
export interface MlEngineStatus {
  engine: 'built-in' | 'external';
  /** The semantic part is configured and its model did not fail on the last match. */
  semantic: boolean;
  /** The external service's circuit breaker; null without one. */
  breaker: BreakerState | null;
  cache: { kind: MlCache['kind']; reachable: boolean };
}

export interface MlEngine {
  run<K extends MlKind>(kind: K, body: MlBodies[K], options?: RunOptions): Promise<MlAnswer<K>>;
  status(): MlEngineStatus;
  /** Forgets every cached answer; returns how many went. */
  clearCache(): Promise<number>;
  /** Closes the external service's breaker; returns the state it was in, null without a service. */
  resetBreaker(): BreakerState | null;
  close(): Promise<void>;
}

/** What the cache keeps: the answer and who produced it. */
interface Stored<K extends MlKind> {
  engine: EngineName;
  value: MlResults[K];
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

function checkJob(job: MatchJob, what: string): void {
  checkTextSize(job.title ?? '', `${what} title`);
  checkTextSize(job.description ?? '', `${what} description`);
}

/**
 * The built-in engine's task for a request, refusing oversized text on this
 * thread before a worker, the cache or an external service sees it (the
 * engine checks again). A parsed resume is read here, with its month's
 * "Present", so both are part of what the task computes on.
 */
function taskFor<K extends MlKind>(kind: K, body: MlBodies[K], month: string): MlTask {
  const resume = (b: { resume: unknown }): MatchResume => resumeFromJson(b.resume, month);
  switch (kind) {
    case 'match': {
      const b = body as MatchBody;
      const r = resume(b);
      checkJob(b.job, 'The job');
      return { kind, resume: r, job: b.job };
    }
    case 'ats': {
      const input = body as AtsBody;
      checkTextSize(input.text, 'The resume text');
      if (input.job) {
        checkTextSize(input.job.text, 'The job text');
        checkTextSize(input.job.title ?? '', 'The job title');
      }
      return { kind, input };
    }
    case 'interview': {
      const b = body as InterviewBody;
      return { kind, history: b.history, candidate: b.candidate };
    }
    case 'recommend': {
      const b = body as RecommendBody;
      const r = resume(b);
      b.jobs.forEach((j, i) => checkJob(j.job, `Job ${i}'s`));
      return { kind, resume: r, jobs: b.jobs, ...(b.limit !== undefined ? { limit: b.limit } : {}) };
    }
    case 'feedback': {
      const b = body as FeedbackBody;
      const r = resume(b);
      if (b.job) checkJob(b.job, 'The job');
      b.jobs?.forEach((j, i) => checkJob(j.job, `Job ${i}'s`));
      return { kind, resume: r, ...(b.job ? { job: b.job } : {}), ...(b.jobs ? { jobs: b.jobs } : {}), ...(b.limit !== undefined ? { limit: b.limit } : {}) };
    }
  }
  throw new Error(`Unknown ML task ${String(kind)}`);
}

/** The task's raw result in the answer's shape. */
function resultOf(task: MlTask, raw: unknown): MlResults[MlKind] {
  if (task.kind === 'recommend') return { recommendations: raw as Recommendation[] };
  if (task.kind === 'feedback') return { items: raw as FeedbackItem[] };
  return raw as MlResults[MlKind];
}

/** "server" when the server's own addition (the semantic component) is part of the answer; otherwise the offline engine's. */
function builtInName(value: MlResults[MlKind]): EngineName {
  const components = (value as Partial<MatchResult>).components;
  return components?.some((c) => c.name === 'semantic') ? 'server' : 'offline';
}

function isDegraded(value: MlResults[MlKind]): boolean {
  return typeof (value as { semanticUnavailable?: unknown }).semanticUnavailable === 'string';
}

/** The engine itself, loaded only when no worker pool runs it (tests): with a pool the model stays off this thread. */
const inProcess = () => import('./tasks');

const currentMonth = () => new Date().toISOString().slice(0, 7);

export function createMlEngine(options: MlEngineOptions = {}): MlEngine {
  const version = options.algorithmVersion ?? ALGORITHM_VERSION;
  const month = options.month ?? currentMonth;
  const cache = options.cache ?? createMemoryCache();
  const { external, pool } = options;
  /** Set when a match came back without its semantic part (the model failed to load or run), cleared when one has it. */
  let semanticFailing = false;

  const builtIn = async (task: MlTask): Promise<Stored<MlKind>> => {
    const raw = pool ? await pool.run(task) : (await inProcess()).runTask(task);
    const value = resultOf(task, raw);
    if (task.kind === 'match' && task.semantic !== false) semanticFailing = isDegraded(value);
    return { engine: builtInName(value), value };
  };

  /** The cached answer of `producer`, or a fresh one (then cached). */
  const answer = async <K extends MlKind>(key: string, produce: () => Promise<Stored<K>>): Promise<MlAnswer<K>> => {
    const hit = (await cache.get(key)) as Stored<K> | undefined;
    if (hit) return { ...hit.value, engine: hit.engine, cached: true };
    const fresh = await produce();
    // An answer made without the semantic part because the model failed is served, not kept: once the model loads again, the next request gets the full answer.
    if (!isDegraded(fresh.value)) await cache.set(key, fresh);
    return { ...fresh.value, engine: fresh.engine, cached: false };
  };

  return {
    async run(kind, rawBody, runOptions = {}) {
      try {
        const body = normaliseStrings(rawBody);
        const at = month();
        const offlineOnly = runOptions.semantic === false;
        const task = offlineOnly && kind === 'match' ? { ...taskFor(kind, body, at), semantic: false as const } : taskFor(kind, body, at);
        const key = (producer: string) => cacheKey({ kind, producer, algorithmVersion: version, taxonomyVersion: TAXONOMY_VERSION, month: at, body });
        if (offlineOnly) return (await answer(key('built-in offline'), () => builtIn(task))) as unknown as MlAnswer<typeof kind>;
        if (external) {
          try {
            return await answer(key(`external ${external.url}`), async () => ({ engine: 'external', value: (await external.call(kind, body)) as MlResults[typeof kind] }));
          } catch {
            // Counted by the breaker (which logs when it opens); the built-in engine answers.
          }
        }
        return (await answer(key('built-in'), () => builtIn(task))) as unknown as MlAnswer<typeof kind>;
      } catch (error) {
        throw asHttpError(error);
      }
    },
    status() {
      return {
        engine: external ? 'external' : 'built-in',
        semantic: pool !== undefined && pool.semantic !== false && !semanticFailing,
        breaker: external?.state ?? null,
        cache: { kind: cache.kind, reachable: cache.reachable() },
      };
    },
    clearCache: () => cache.clear(),
    resetBreaker() {
      if (!external) return null;
      const was = external.state;
      external.reset();
      return was;
    },
    async close() {
      external?.close();
      await Promise.all([pool?.close(), cache.close()]);
    },
  };
}
