import type { UserRecord, UserStore } from '../storage/types';

/**
 * Last-active and last-sync times for the admin console. The record in hand
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
      const needsSync = kind === 'sync' && stale(user.lastSyncAt, now);
      if (!needsSync && !stale(user.lastActiveAt, now)) return;
      if (writing.has(user.id)) return;
      const at = new Date(now).toISOString();
      const write = users.update(user.id, (current) => ({ ...current, lastActiveAt: at, ...(kind === 'sync' ? { lastSyncAt: at } : {}) }))
        .then(() => undefined, (error: unknown) => options.log('Could not note a user\'s last activity', error))
        .finally(() => writing.delete(user.id));
      writing.set(user.id, write);
    },
    async settled() {
      while (writing.size > 0) await Promise.all([...writing.values()]);
    },
  };
}
