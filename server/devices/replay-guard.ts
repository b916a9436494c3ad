import { HttpError } from '../errors';
import { closeRedis, connectRedis, readyWithin, withTimeout } from '../redis/connect';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';

const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_START_WAIT_MS = 3000;

/**
 * Remembers each signed request for as long as its timestamp could still be
 * accepted, so the same request is answered once: across restarts (LevelDB
 * under the data directory), and across server instances when they share a
 * Redis (REDIS_URL), as the rate limits do.
 */
export interface ReplayGuard {
  /** True the first time `nonce` is offered within its lifetime, false for every repeat. */
  claim(nonce: string, timestamp: number): Promise<boolean>;
  close(): Promise<void>;
}

/** How long a nonce must be kept: until its timestamp leaves the window on the far side, whatever the clock skew. */
const expiryOf = (timestamp: number, now: number, windowMs: number) => Math.max(timestamp, now) + windowMs;

/**
 * This process's memory: answers a repeat at once, and settles two copies
 * of one request arriving together before either reaches the store.
 */
export class MemoryReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
    /** A bound on memory; past it the oldest entries go first (they expire first anyway). */
    private readonly maxEntries = 200_000,
  ) {}

  claim(nonce: string, timestamp: number): boolean {
    const now = this.now();
    this.sweep(now);
    const expiresAt = this.seen.get(nonce);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.set(nonce, expiryOf(timestamp, now, this.windowMs));
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 30_000;
    for (const [nonce, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(nonce);
  }
}

interface NonceDoc {
  expiresAt: number;
}

const isConflict = (error: unknown) => (error as { status?: number } | null)?.status === 409;
/** Expired nonces are removed at most this often, this many at a time, so a sweep never holds up a request for long. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 1_000;

/** One server process: nonces in a server-only database beside the device keys, so a restart forgets none. */
export async function createStoredReplayGuard(source: SystemDatabaseSource, windowMs: number, now: () => number = () => Date.now()): Promise<ReplayGuard> {
  const db = await openSystemDatabase<NonceDoc>(source, 'replay_nonces');
  const memory = new MemoryReplayGuard(windowMs, now);
  let nextSweep = 0;
  let sweeping: Promise<void> | undefined;

  /** Where the next sweep goes on: a page at a time through the whole database, then round again. */
  let sweepFrom: string | undefined;

  async function sweep(at: number): Promise<void> {
    const page = await db.allDocs<NonceDoc>({ include_docs: true, limit: SWEEP_BATCH, ...(sweepFrom ? { startkey: sweepFrom, skip: 1 } : {}) });
    sweepFrom = page.rows.length === SWEEP_BATCH ? page.rows.at(-1)!.id : undefined;
    const expired = page.rows.flatMap((row) => (row.doc && row.doc.expiresAt <= at ? [{ _id: row.id, _rev: row.value.rev, _deleted: true, expiresAt: row.doc.expiresAt }] : []));
    if (expired.length > 0) await db.bulkDocs(expired);
  }

  return {
    async claim(nonce, timestamp) {
      if (!memory.claim(nonce, timestamp)) return false;
      const at = now();
      const expiresAt = expiryOf(timestamp, at, windowMs);
      try {
        await db.put({ _id: nonce, expiresAt });
      } catch (error) {
        if (!isConflict(error)) throw error;
        const stored = await db.get(nonce);
        if (stored.expiresAt > at) return false;
        // A nonce left from long ago (the sweep had not reached it): this is not a repeat within its lifetime.
        await db.put({ _id: nonce, _rev: stored._rev, expiresAt });
      }
      if (at >= nextSweep && !sweeping) {
        nextSweep = at + SWEEP_EVERY_MS;
        sweeping = sweep(at).catch(() => undefined).finally(() => (sweeping = undefined));
      }
      return true;
    },
    async close() {
      await sweeping;
      await db.close();
    },
  };
}

/**
 * Several server instances: one SET NX per nonce in the Redis they share,
 * expiring with the nonce. While Redis is unreachable a signed request cannot
 * be checked for replay, so it is refused (503) rather than let through.
 */
export async function createRedisReplayGuard(redisUrl: string, windowMs: number, now: () => number = () => Date.now(), log?: (message: string) => void): Promise<ReplayGuard> {
  const client = connectRedis({ url: redisUrl, purpose: 'Device signatures (signed requests are refused until it is back)', ...(log ? { log } : {}) });
  await readyWithin(client, REDIS_START_WAIT_MS);
  const memory = new MemoryReplayGuard(windowMs, now);
  return {
    async claim(nonce, timestamp) {
      if (!memory.claim(nonce, timestamp)) return false;
      const at = now();
      let stored: string | null;
      try {
        stored = await withTimeout(client.set(`trackruit:replay:${nonce}`, '1', { NX: true, PX: Math.max(1, expiryOf(timestamp, at, windowMs) - at) }), REDIS_COMMAND_TIMEOUT_MS);
      } catch {
        throw new HttpError(503, 'replay_check_unavailable', 'The server cannot check this request right now; try again in a minute.');
      }
      return stored === 'OK';
    },
    close: () => closeRedis(client),
  };
}

export function createReplayGuard(options: { databases: SystemDatabaseSource; redisUrl: string | null; windowMs: number; now?: () => number }): Promise<ReplayGuard> {
  return options.redisUrl
    ? createRedisReplayGuard(options.redisUrl, options.windowMs, options.now)
    : createStoredReplayGuard(options.databases, options.windowMs, options.now);
}
