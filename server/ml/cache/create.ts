import { createMemoryCache, type MlCache } from './cache';
import { createRedisCache } from './redis-cache';

/** In Redis when the operator set REDIS_URL (instances then share answers), otherwise in this process. */
export function createMlCache(options: { redisUrl: string | null; log?: (message: string) => void }): MlCache {
  return options.redisUrl ? createRedisCache({ url: options.redisUrl, ...(options.log ? { log: options.log } : {}) }) : createMemoryCache();
}
