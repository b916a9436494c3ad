import crypto from 'node:crypto';
import { LruCache } from '../lru';

/**
 * Where ML answers are kept between requests: in this process by default, or
 * in Redis so several server instances share them (redis-cache.ts). A cache
 * is an optimisation only: every implementation answers a miss rather than
 * fail, so an outage of the store costs a recomputation, never a request.
 */
export interface MlCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /** Forgets every answer (an operator's action, e.g. after fixing an external service); returns how many went. */
  clear(): Promise<number>;
  /** Whether the store answers now (always, in this process). */
  reachable(): boolean;
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Answers are deterministic for a version, but an external service's may change: a day bounds how stale one can be. */
export const DEFAULT_CACHE_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_CACHE_ENTRIES = 500;

export function createMemoryCache(options: { entries?: number; ttlSeconds?: number; now?: () => number } = {}): MlCache & { readonly size: number } {
  const lru = new LruCache<{ value: unknown; expires: number }>(options.entries ?? DEFAULT_CACHE_ENTRIES);
  const ttlMs = (options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  return {
    kind: 'memory',
    get(key) {
      const entry = lru.get(key);
      return Promise.resolve(entry && entry.expires > now() ? entry.value : undefined);
    },
    set(key, value) {
      lru.set(key, { value, expires: now() + ttlMs });
      return Promise.resolve();
    },
    clear: () => Promise.resolve(lru.clear()),
    reachable: () => true,
    get size() {
      return lru.size;
    },
    close: () => Promise.resolve(),
  };
}

/** Strings in one form (NFKC, as the engine reads text; LF line endings), so text that means the same is the same input. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').replace(/\r\n?/g, '\n');
}

/** A JSON value with every string normalised; object keys keep their order. */
export function normaliseStrings<T>(value: T): T {
  if (typeof value === 'string') return normaliseText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => normaliseStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseStrings(v as unknown)])) as T;
  }
  return value;
}

/** JSON with object keys sorted at every level: the key depends on values only, never on how a client ordered its fields. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of one answer: what was asked (the route and its normalised
 * body) and everything that could change the answer to it (who computes it,
 * the algorithm and taxonomy versions, the month that "Present" in a resume
 * resolves to). Hashed: a key never carries resume text into Redis's key space.
 */
export function cacheKey(parts: { kind: string; producer: string; algorithmVersion: string; taxonomyVersion: string; month: string; body: unknown }): string {
  const canonical = canonicalJson([parts.kind, parts.producer, parts.algorithmVersion, parts.taxonomyVersion, parts.month, parts.body]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}
