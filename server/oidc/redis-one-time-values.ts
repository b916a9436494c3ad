import { HttpError } from '../errors';
import { withTimeout, type RedisClient } from '../redis/connect';
import { newOneTimeKey, type OneTimeValues } from './one-time-store';

const COMMAND_TIMEOUT_MS = 1000;

/**
 * One-time values in the Redis every instance shares, so a sign-in started
 * on one instance finishes on another (the provider's callback and the
 * extension's exchange may each reach any of them). The same rules as the
 * in-process store: each value taken at most once (GETDEL), gone at its
 * expiry, and each client holding at most `maxPerClient`, its own oldest
 * dropped past that; nothing anyone else started is ever evicted.
 */
export function redisOneTimeValues<T>(client: RedisClient, options: { purpose: string; ttlMs: number; maxPerClient?: number }): OneTimeValues<T> {
  const maxPerClient = options.maxPerClient ?? 5;
  const valueKey = (key: string) => `trackruit:once:${options.purpose}:${key}`;
  const clientKey = (who: string) => `trackruit:once:${options.purpose}:client:${who}`;
  const unavailable = () => new HttpError(503, 'sign_in_unavailable', 'Sign-in is briefly unavailable on the server; try again in a minute');

  async function set(key: string, value: T, who = ''): Promise<boolean> {
    try {
      const listed = clientKey(who);
      const [, , dropped] = (await withTimeout(
        client.multi()
          .set(valueKey(key), JSON.stringify(value), { expiration: { type: 'PX', value: options.ttlMs } })
          .lPush(listed, key)
          .lRange(listed, maxPerClient, -1)
          .lTrim(listed, 0, maxPerClient - 1)
          .pExpire(listed, options.ttlMs)
          .exec(),
        COMMAND_TIMEOUT_MS,
      )) as [unknown, unknown, string[]];
      if (dropped.length > 0) await withTimeout(client.del(dropped.map(valueKey)), COMMAND_TIMEOUT_MS);
      return true;
    } catch {
      throw unavailable();
    }
  }

  return {
    async add(value, who) {
      const key = newOneTimeKey();
      return (await set(key, value, who)) ? key : null;
    },
    set,
    async take(key) {
      let raw: string | null;
      try {
        raw = await withTimeout(client.getDel(valueKey(key)), COMMAND_TIMEOUT_MS);
      } catch {
        throw unavailable();
      }
      return raw === null ? null : (JSON.parse(raw) as T);
    },
  };
}
