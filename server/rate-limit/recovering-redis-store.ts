import { RedisStore } from 'rate-limit-redis';
import type { IncrementResponse } from 'express-rate-limit';

/**
 * rate-limit-redis loads its Lua scripts once, when the limiter starts; if
 * Redis is unreachable then, the failed load is kept and every later count
 * fails with it, even once Redis is back (it reloads only on NOSCRIPT). A
 * count that fails here loads the scripts again, so the limits recover with
 * Redis whenever it was lost.
 */
export class RecoveringRedisStore extends RedisStore {
  override async increment(key: string): Promise<IncrementResponse> {
    try {
      return await super.increment(key);
    } catch (error) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.getScriptSha = this.loadGetScript();
      // Awaited by the next count; a load failing again is that count's error, not an unhandled one.
      this.incrementScriptSha.catch(() => undefined);
      this.getScriptSha.catch(() => undefined);
      throw error;
    }
  }
}
