import { createClient } from 'redis';
import type { SummaryClaims } from './claims';

/**
 * Claims in the Redis several instances share (REDIS_URL): SET NX with the
 * lease as expiry, so a dead instance's claim lapses on its own; a sent key
 * is kept long past its week.
 */

const PREFIX = 'trackruit:weekly-summary:';
const SENT = 'sent';
const SENT_KEPT_SECONDS = 60 * 24 * 60 * 60;
// Deletes the key only while it is still this owner's claim.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

export async function openRedisClaims(redisUrl: string): Promise<SummaryClaims> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => {
    // Reported by the command that fails; the client reconnects by itself.
  });
  await client.connect();
  const sending = (owner: string) => `sending:${owner}`;
  return {
    async claim(key, owner, leaseMs) {
      return (await client.set(PREFIX + key, sending(owner), { NX: true, PX: Math.max(1, Math.round(leaseMs)) })) === 'OK';
    },
    async markSent(key) {
      await client.set(PREFIX + key, SENT, { EX: SENT_KEPT_SECONDS });
    },
    async release(key, owner) {
      await client.eval(RELEASE, { keys: [PREFIX + key], arguments: [sending(owner)] });
    },
    async forgetBefore() {
      // Sent keys expire by themselves.
    },
    async close() {
      if (client.isOpen) await client.quit().catch(() => undefined);
    },
  };
}
