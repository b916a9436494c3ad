import { closeRedis, connectRedis, readyWithin, withTimeout } from '../redis/connect';
import type { SummaryClaims } from './claims';

/**
 * Claims in the Redis several instances share (REDIS_URL): SET NX with the
 * lease as expiry, so a dead instance's claim lapses on its own; a sent key
 * is kept long past its week. While Redis is unreachable every claim fails,
 * so nothing is sent (never twice), and the next pass tries again.
 */

const PREFIX = 'trackruit:weekly-summary:';
const SENT = 'sent';
const SENT_KEPT_SECONDS = 60 * 24 * 60 * 60;
const START_WAIT_MS = 2_000;
const COMMAND_TIMEOUT_MS = 2_000;
// Deletes the key only while it is still this owner's claim.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export async function openRedisClaims(redisUrl: string, log?: (message: string) => void): Promise<SummaryClaims> {
  const client = connectRedis({ url: redisUrl, purpose: 'Weekly summary claims (no summary is sent until it is back)', ...(log ? { log } : {}) });
  await readyWithin(client, START_WAIT_MS);
  const sending = (owner: string) => `sending:${owner}`;
  return {
    async claim(key, owner, leaseMs) {
      return (await withTimeout(client.set(PREFIX + key, sending(owner), { NX: true, PX: Math.max(1, Math.round(leaseMs)) }), COMMAND_TIMEOUT_MS)) === 'OK';
    },
    async markSent(key) {
      await withTimeout(client.set(PREFIX + key, SENT, { EX: SENT_KEPT_SECONDS }), COMMAND_TIMEOUT_MS);
    },
    async release(key, owner) {
      await withTimeout(client.eval(RELEASE, { keys: [PREFIX + key], arguments: [sending(owner)] }), COMMAND_TIMEOUT_MS);
    },
    async forgetBefore() {
      // Sent keys expire by themselves.
    },
    close: () => closeRedis(client),
  };
}
