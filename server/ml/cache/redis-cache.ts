import { closeRedis, connectRedis, withTimeout } from '../../redis/connect';
import { DEFAULT_CACHE_TTL_SECONDS, type MlCache } from './cache';

/**
 * ML answers in Redis (REDIS_URL), shared by every server instance, each
 * expiring after a bounded time. Redis is never on the critical path: the
 * server starts without waiting for it, commands are not queued while it is
 * away (disableOfflineQueue), and a command that fails or takes longer than
 * `commandTimeoutMs` is a miss, so an outage means recomputing, not failing.
 */

export interface RedisCacheOptions {
  url: string;
  ttlSeconds?: number;
  /** A slower reply is treated as a miss: the engine answers in about that time anyway. */
  commandTimeoutMs?: number;
  /** Answers larger than this are not stored (a recommendation list over many jobs). */
  maxValueBytes?: number;
  /** Told when Redis goes away and comes back, once each: never per request. */
  log?: (message: string) => void;
}

const KEY_PREFIX = 'trackruit:ml:';

export function createRedisCache(options: RedisCacheOptions): MlCache {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
  const commandTimeoutMs = options.commandTimeoutMs ?? 250;
  const maxValueBytes = options.maxValueBytes ?? 512 * 1024;
  const log = options.log ?? (() => undefined);
  // Not awaited: the server serves (uncached) while Redis is away, and the client keeps reconnecting.
  const client = connectRedis({ url: options.url, purpose: 'ML cache (answers are computed without it meanwhile)', log });

  return {
    kind: 'redis',
    async get(key) {
      if (!client.isReady) return undefined;
      try {
        const raw = await withTimeout(client.get(KEY_PREFIX + key), commandTimeoutMs);
        return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      if (!client.isReady) return;
      const raw = JSON.stringify(value);
      if (Buffer.byteLength(raw) > maxValueBytes) return;
      try {
        await withTimeout(client.set(KEY_PREFIX + key, raw, { expiration: { type: 'EX', value: ttlSeconds } }), commandTimeoutMs);
      } catch {
        // A lost write is a later miss.
      }
    },
    async clear() {
      if (!client.isReady) throw new Error('Redis is unreachable: the cache was not cleared');
      // SCAN, not KEYS: Redis keeps serving other instances while the answers are found in batches.
      let removed = 0;
      for await (const keys of client.scanIterator({ MATCH: `${KEY_PREFIX}*`, COUNT: 500 })) {
        if (keys.length > 0) removed += await client.unlink(keys);
      }
      return removed;
    },
    reachable: () => client.isReady,
    close: () => closeRedis(client),
  };
}
