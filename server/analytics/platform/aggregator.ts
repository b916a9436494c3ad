import type { CommunityFigures, PlatformAnalyticsReport } from '../../../shared/admin/console-api';
import { contributionOf, type UserContribution } from '../../../shared/analytics/contribution';
import { PlatformTotals } from '../../../shared/analytics/platform-totals';
import type { Job } from '../../../shared/schema/job';
import type { SyncDatabases, UserRecord, UserStore } from '../../storage/types';
import { userDbName } from '../../sync/db-name';
import { forEachJobChunk, withoutLongText } from '../user/read-jobs';
import type { CheckpointStore } from './checkpoints';
import { userIdOf } from './user-db';

/**
 * Platform analytics kept up to date from the users' databases' changes.
 *
 * Each contributing user has one contribution (shared/analytics), computed
 * from their own database with the Insights definitions and stored with the
 * database's update sequence. A write to a user's database (sync, REST API,
 * extension routes: all note their writes) marks that user; a single worker
 * then recomputes their contribution and swaps it into the running sums.
 * A request reads the sums, never the databases. At start the stored
 * contributions are summed at once and every database whose sequence moved
 * while the server was down is read again, in the background.
 */

export interface PlatformAnalytics {
  /** The user's database was written to, or their account or preferences changed. */
  changed(userId: string): void;
  report(): PlatformAnalyticsReport;
  /** Contributing users (with jobs), users waiting to be looked at, and contributions computed from a database since start. */
  stats(): { contributors: number; pending: number; recomputed: number };
  community(request: { companies: readonly string[]; sites: readonly string[] }): CommunityFigures;
  /** Resolves when nothing is waiting to be recomputed (start-up catch-up included). */
  settled(): Promise<void>;
  /** Recomputes one user's contribution now, even if their database did not move (benchmarks). */
  refreshUser(userId: string): Promise<void>;
  /** Every contribution computed afresh from every database, without touching the running sums (benchmarks). */
  recomputeAll(): Promise<PlatformTotals>;
  close(): Promise<void>;
}

export interface PlatformAnalyticsOptions {
  databases: Pick<SyncDatabases, 'lease' | 'exists' | 'list'>;
  users: Pick<UserStore, 'findById'>;
  checkpoints: CheckpointStore;
  minGroup: number;
  /**
   * Other server instances write the checkpoints too (CouchDB mode): each recomputes the users
   * whose writes it saw, and takes the others' contributions from the checkpoints they store.
   */
  shared?: boolean;
  /** Quiet time after a write before the user is recomputed, so a burst of writes (a sync) costs one pass. */
  debounceMs?: number;
  now?: () => Date;
  log: (message: string, error?: unknown) => void;
}

const USER_DB_PREFIX = 'userdb-';
/** The report is rebuilt from the sums when they change, and at least this often (its windows move with the clock). */
const REPORT_MAX_AGE_MS = 60_000;

export const optedOut = (user: Pick<UserRecord, 'preferences'>) => user.preferences.analyticsOptOut === true;


export async function createPlatformAnalytics(options: PlatformAnalyticsOptions): Promise<PlatformAnalytics> {
  const { databases, users, checkpoints, minGroup, log } = options;
  const now = options.now ?? (() => new Date());
  const debounceMs = options.debounceMs ?? 100;
  const totals = new PlatformTotals();
  const contributions = new Map<string, { seq: string; contribution: UserContribution }>();
  let version = 0;
  let recomputed = 0;
  let cachedReport: { version: number; at: number; report: PlatformAnalyticsReport } | null = null;

  for (const checkpoint of await checkpoints.loadAll()) {
    contributions.set(checkpoint.userId, { seq: checkpoint.seq, contribution: checkpoint.contribution });
    totals.apply(checkpoint.contribution, 1);
  }

  /**
   * What a contribution was computed from: the database's update sequence and
   * the account's last sync day, so a day of syncing with no write (active,
   * nothing new) still replaces it.
   */
  const sourceOf = (updateSeq: unknown, user: UserRecord) => `${String(updateSeq)}@${user.syncDays?.at(-1) ?? ''}`;

  async function computeFromDatabase(user: UserRecord): Promise<{ seq: string; contribution: UserContribution }> {
    const lease = await databases.lease(userDbName(user.id));
    try {
      // The sequence is read first: a write landing meanwhile marks the user again, never leaves them stale.
      const seq = sourceOf((await lease.db.info()).update_seq, user);
      const jobs: Job[] = [];
      await forEachJobChunk(lease.db, (chunk) => {
        for (const job of chunk) jobs.push(withoutLongText(job));
      });
      return { seq, contribution: contributionOf(jobs, user.syncDays) };
    } finally {
      lease.release();
    }
  }

  async function drop(userId: string): Promise<void> {
    const held = contributions.get(userId);
    if (!held) return;
    contributions.delete(userId);
    totals.apply(held.contribution, -1);
    version += 1;
    await checkpoints.remove(userId);
  }

  async function refresh(userId: string, force: boolean): Promise<void> {
    const user = await users.findById(userId);
    if (!user || optedOut(user) || !(await databases.exists(userDbName(userId)))) {
      await drop(userId);
      return;
    }
    const held = contributions.get(userId);
    if (held && !force) {
      const lease = await databases.lease(userDbName(userId));
      const seq = await lease.db.info().then((info) => sourceOf(info.update_seq, user)).finally(() => lease.release());
      if (seq === held.seq) return;
    }
    const next = await computeFromDatabase(user);
    recomputed += 1;
    if (held) totals.apply(held.contribution, -1);
    totals.apply(next.contribution, 1);
    contributions.set(userId, next);
    version += 1;
    await checkpoints.put({ userId, ...next });
  }

  // One worker: users marked while it runs are taken on its next turn.
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  function schedule(delayMs: number): void {
    if (closed || timer || running) return;
    timer = setTimeout(() => {
      timer = null;
      running = work().finally(() => {
        running = null;
        if (pending.size > 0) schedule(0);
        else for (const resolve of idleWaiters.splice(0)) resolve();
      });
    }, delayMs);
  }

  /**
   * Recomputing shares the event loop with every request: after each user the
   * worker rests three times as long as the recompute took, so analytics never
   * take more than a quarter of the server's time. Under heavy writing,
   * changes show later; requests do not slow down.
   */
  const REST_PER_BUSY = 3;

  async function work(): Promise<void> {
    while (pending.size > 0 && !closed) {
      const userId = pending.values().next().value as string;
      pending.delete(userId);
      const started = performance.now();
      await refresh(userId, false).catch((error: unknown) => log('Platform analytics: a user\'s contribution could not be recomputed', error));
      const rest = (performance.now() - started) * REST_PER_BUSY;
      if (pending.size > 0 && !closed) await new Promise((resolve) => setTimeout(resolve, rest).unref());
    }
  }

  function mark(userId: string, delayMs: number): void {
    pending.add(userId);
    schedule(delayMs);
  }

  /** A contribution another instance stored (or this one: then it is the one held, and nothing moves). */
  function takeStored(userId: string, stored: { seq: string; contribution: UserContribution } | null): void {
    const held = contributions.get(userId);
    if (stored === null) {
      if (!held) return;
      contributions.delete(userId);
      totals.apply(held.contribution, -1);
      version += 1;
      return;
    }
    if (held?.seq === stored.seq) return;
    if (held) totals.apply(held.contribution, -1);
    totals.apply(stored.contribution, 1);
    contributions.set(userId, stored);
    version += 1;
  }
  if (options.shared) checkpoints.follow(takeStored, log);

  // Catch-up: every database, to notice those written while the server was down, and every stored contribution,
  // to drop those of users who were deleted or opted out meanwhile. Only databases that moved are read.
  for (const name of await databases.list(USER_DB_PREFIX)) {
    const userId = userIdOf(name);
    if (userId !== null) pending.add(userId);
  }
  for (const userId of contributions.keys()) pending.add(userId);
  schedule(0);

  return {
    changed(userId) {
      mark(userId, debounceMs);
    },

    report() {
      const at = now();
      if (!cachedReport || cachedReport.version !== version || at.getTime() - cachedReport.at > REPORT_MAX_AGE_MS) {
        cachedReport = { version, at: at.getTime(), report: totals.report({ minGroup, now: at }) };
      }
      return cachedReport.report;
    },

    stats: () => ({ contributors: totals.contributors, pending: pending.size, recomputed }),

    community(request) {
      return totals.community(request, { minGroup, now: now() });
    },

    settled() {
      if (pending.size === 0 && !running && !timer) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },

    refreshUser: (userId) => refresh(userId, true),

    async recomputeAll() {
      const fresh = new PlatformTotals();
      for (const name of await databases.list(USER_DB_PREFIX)) {
        const userId = userIdOf(name);
        if (userId === null) continue;
        const user = await users.findById(userId);
        if (!user || optedOut(user)) continue;
        fresh.apply((await computeFromDatabase(user)).contribution, 1);
      }
      return fresh;
    },

    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      for (const resolve of idleWaiters.splice(0)) resolve();
      await checkpoints.close();
    },
  };
}
