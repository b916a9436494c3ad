import crypto from 'node:crypto';
import { closeRedis, connectRedis, readyWithin, withTimeout } from '../redis/connect';

/**
 * The tally of failed sign-ins per address behind the audit log's burst
 * events (audit/sign-ins.ts): in this process, or in the Redis that several
 * instances share (REDIS_URL), so a guessing run spread over instances by a
 * load balancer is still one burst, reported once and ended once.
 */

export interface BurstState {
  failures: number;
  firstAt: number;
  lastAt: number;
  /** The first few addresses the failures came from. */
  ips: string[];
}

export interface FailureOutcome {
  state: BurstState;
  /** True for exactly one failure of a burst: the one that reaches the threshold. */
  reportNow: boolean;
  /** A reported burst that had gone quiet and that this failure ended before starting a new one. */
  endedBefore?: BurstState | undefined;
}

export type EndCheck = { ended: BurstState } | { checkAt: number } | null;

export interface BurstTally {
  fail(email: string, ip: string, now: number): Promise<FailureOutcome>;
  /**
   * Once the burst has been quiet for the window: its totals, to write once
   * (null when it was never reported, or already ended here or elsewhere).
   * Before that, when to look again.
   */
  end(email: string, now: number): Promise<EndCheck>;
  /**
   * The reported bursts only this process holds, forgotten here and returned so that shutdown
   * writes their totals; a shared burst is left to the instances still running.
   */
  takeOpen(): [string, BurstState][];
  close(): Promise<void>;
}

export interface BurstSettings {
  threshold: number;
  windowMs: number;
}

const MAX_IPS = 20;

interface LocalBurst extends BurstState {
  reported: boolean;
}

export function localBurstTally(settings: BurstSettings): BurstTally {
  const bursts = new Map<string, LocalBurst>();
  const snapshot = (burst: LocalBurst): BurstState => ({ failures: burst.failures, firstAt: burst.firstAt, lastAt: burst.lastAt, ips: [...burst.ips] });
  return {
    async fail(email, ip, now) {
      let burst = bursts.get(email);
      let endedBefore: BurstState | undefined;
      if (burst && now - burst.lastAt > settings.windowMs) {
        if (burst.reported) endedBefore = snapshot(burst);
        burst = undefined;
      }
      if (!burst) {
        burst = { failures: 0, firstAt: now, lastAt: now, ips: [], reported: false };
        bursts.set(email, burst);
      }
      burst.failures += 1;
      burst.lastAt = now;
      if (burst.ips.length < MAX_IPS && !burst.ips.includes(ip)) burst.ips.push(ip);
      const reportNow = burst.failures >= settings.threshold && !burst.reported;
      if (reportNow) burst.reported = true;
      return { state: snapshot(burst), reportNow, endedBefore };
    },
    async end(email, now) {
      const burst = bursts.get(email);
      if (!burst) return null;
      if (now - burst.lastAt < settings.windowMs) return { checkAt: burst.lastAt + settings.windowMs };
      bursts.delete(email);
      return burst.reported ? { ended: snapshot(burst) } : null;
    },
    takeOpen() {
      const open = [...bursts].filter(([, burst]) => burst.reported).map(([email, burst]) => [email, snapshot(burst)] as [string, BurstState]);
      bursts.clear();
      return open;
    },
    close: async () => undefined,
  };
}

const PREFIX = 'trackruit:sign-in-burst:';
const COMMAND_TIMEOUT_MS = 2_000;

/**
 * One failure, atomically: a burst quiet for longer than the window is ended
 * first (its totals returned once, when it was reported); then the count, the
 * first few addresses and the one report at the threshold. Kept for twice the
 * window, so the instance whose timer ends it still finds its totals.
 * KEYS: the burst's hash, its address set. ARGV: now, window, threshold, ip, max ips.
 */
const FAIL = `
local now, window, threshold, maxIps = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])
local ended = false
local last = tonumber(redis.call('hget', KEYS[1], 'lastAt'))
if last and now - last > window then
  if redis.call('hget', KEYS[1], 'reported') == '1' and redis.call('hget', KEYS[1], 'ended') ~= '1' then
    ended = { redis.call('hget', KEYS[1], 'failures'), redis.call('hget', KEYS[1], 'firstAt'), tostring(last), redis.call('smembers', KEYS[2]) }
  end
  redis.call('del', KEYS[1], KEYS[2])
end
redis.call('hsetnx', KEYS[1], 'firstAt', ARGV[1])
redis.call('hset', KEYS[1], 'lastAt', ARGV[1])
local failures = redis.call('hincrby', KEYS[1], 'failures', 1)
if redis.call('scard', KEYS[2]) < maxIps then redis.call('sadd', KEYS[2], ARGV[4]) end
local report = 0
if failures >= threshold then report = redis.call('hsetnx', KEYS[1], 'reported', '1') end
redis.call('pexpire', KEYS[1], window * 2)
redis.call('pexpire', KEYS[2], window * 2)
return { failures, redis.call('hget', KEYS[1], 'firstAt'), report, redis.call('smembers', KEYS[2]), ended }
`;

/**
 * The end of a burst, claimed once: nothing when it is gone or was never
 * reported, when to look again while failures go on, else its totals.
 * KEYS: the burst's hash, its address set. ARGV: now, window.
 */
const END = `
local last = tonumber(redis.call('hget', KEYS[1], 'lastAt'))
if not last then return false end
if tonumber(ARGV[1]) - last < tonumber(ARGV[2]) then return { 'later', tostring(last) } end
if redis.call('hget', KEYS[1], 'reported') ~= '1' or redis.call('hsetnx', KEYS[1], 'ended', '1') == 0 then return false end
return { 'ended', redis.call('hget', KEYS[1], 'failures'), redis.call('hget', KEYS[1], 'firstAt'), tostring(last), redis.call('smembers', KEYS[2]) }
`;

type Reply = (string | number | string[] | Reply | null | false)[];

export function redisBurstTally(redisUrl: string, settings: BurstSettings, log: (message: string) => void): BurstTally {
  const client = connectRedis({ url: redisUrl, purpose: 'Failed sign-in bursts for the audit log (counted in this instance until it is back)', log });
  // The first failures wait for the connection as the other Redis stores' start does, at most 2 s.
  const ready = readyWithin(client, 2_000);
  // While Redis is down the burst is counted here, as one instance would: reported per instance rather than not at all.
  const fallback = localBurstTally(settings);
  // An address's keys: hashed, so no email address sits in Redis's key space.
  const keys = (email: string) => {
    const id = crypto.createHash('sha256').update(email).digest('hex').slice(0, 32);
    return [`${PREFIX}${id}`, `${PREFIX}${id}:ips`];
  };
  const state = (failures: unknown, firstAt: unknown, lastAt: unknown, ips: unknown): BurstState => ({
    failures: Number(failures),
    firstAt: Number(firstAt),
    lastAt: Number(lastAt),
    ips: Array.isArray(ips) ? ips.map(String).sort() : [],
  });
  return {
    async fail(email, ip, now) {
      await ready;
      try {
        const reply = (await withTimeout(client.eval(FAIL, { keys: keys(email), arguments: [String(now), String(settings.windowMs), String(settings.threshold), ip, String(MAX_IPS)] }), COMMAND_TIMEOUT_MS)) as unknown as Reply;
        const [failures, firstAt, report, ips, ended] = reply;
        const endedBefore = Array.isArray(ended) ? state(ended[0], ended[1], ended[2], ended[3]) : undefined;
        return { state: state(failures, firstAt, now, ips), reportNow: Number(report) === 1, endedBefore };
      } catch {
        return fallback.fail(email, ip, now);
      }
    },
    async end(email, now) {
      const local = await fallback.end(email, now);
      if (local) return local;
      await ready;
      try {
        const reply = (await withTimeout(client.eval(END, { keys: keys(email), arguments: [String(now), String(settings.windowMs)] }), COMMAND_TIMEOUT_MS)) as unknown as Reply | null;
        if (!Array.isArray(reply)) return null;
        if (reply[0] === 'later') return { checkAt: Number(reply[1]) + settings.windowMs };
        return { ended: state(reply[1], reply[2], reply[3], reply[4]) };
      } catch {
        // Redis is away: its key outlives the window, so the next look may still end it.
        return { checkAt: now + settings.windowMs };
      }
    },
    takeOpen: () => fallback.takeOpen(),
    close: () => closeRedis(client),
  };
}
