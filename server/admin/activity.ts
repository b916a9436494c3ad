import type { UserRecord, UserStore } from '../storage/types';

/** Sync days kept on an account: a year and a month of daily, weekly and monthly active users. */
export const SYNC_DAYS_KEPT = 400;

/** `days` with `day` appended once, the oldest dropped past SYNC_DAYS_KEPT. */
export function withSyncDay(days: readonly string[] | undefined, day: string): string[] {
  const kept = (days ?? []).filter((existing) => existing !== day);
  return [...kept, day].slice(-SYNC_DAYS_KEPT);
}

/**
 * Last-active and last-sync times for the admin console, and the days the
 * user synced for platform analytics' active users. The record in hand
 * was just read to check the request's token, so a write happens only when
 * its stored time is older than `minIntervalMs`: an active user costs one
 * write every few minutes, not one per request.
 */

export interface ActivityTracker {
  touch(user: UserRecord, kind: 'api' | 'sync'): void;
  /** Resolves once the writes under way have finished (before the user store closes). */
  settled(): Promise<void>;
}

export function createActivityTracker(users: Pick<UserStore, 'update'>, options: { minIntervalMs?: number; log: (message: string, error?: unknown) => void }): ActivityTracker {
  const minIntervalMs = options.minIntervalMs ?? 5 * 60 * 1000;
  const writing = new Map<string, Promise<void>>();
  const stale = (value: string | undefined, now: number) => value === undefined || now - Date.parse(value) >= minIntervalMs;
  return {
    touch(user, kind) {
      const now = Date.now();
      const at = new Date(now).toISOString();
      const day = at.slice(0, 10);
      const needsSync = kind === 'sync' && (stale(user.lastSyncAt, now) || user.syncDays?.at(-1) !== day);
      if (!needsSync && !stale(user.lastActiveAt, now)) return;
      if (writing.has(user.id)) return;
      const write = users.update(user.id, (current) => ({
        ...current,
        lastActiveAt: at,
        ...(kind === 'sync' ? { lastSyncAt: at, syncDays: withSyncDay(current.syncDays, day) } : {}),
      }))
        .then(() => undefined, (error: unknown) => options.log('Could not note a user\'s last activity', error))
        .finally(() => writing.delete(user.id));
      writing.set(user.id, write);
    },
    async settled() {
      while (writing.size > 0) await Promise.all([...writing.values()]);
    },
  };
}
