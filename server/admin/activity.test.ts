import { describe, expect, it } from 'vitest';
import { createActivityTracker, SYNC_DAYS_KEPT, withSyncDay } from './activity';
import type { UserRecord } from '../storage/types';
import { newUserRecord } from '../storage/new-user';

describe('withSyncDay', () => {
  it('appends a new day once and keeps at most SYNC_DAYS_KEPT', () => {
    expect(withSyncDay(undefined, '2026-12-07')).toEqual(['2026-12-07']);
    expect(withSyncDay(['2026-12-06', '2026-12-07'], '2026-12-07')).toEqual(['2026-12-06', '2026-12-07']);
    const full = Array.from({ length: SYNC_DAYS_KEPT }, (_, i) => `d${String(i).padStart(3, '0')}`);
    const next = withSyncDay(full, 'new');
    expect(next).toHaveLength(SYNC_DAYS_KEPT);
    expect(next[0]).toBe('d001');
    expect(next.at(-1)).toBe('new');
  });
});

describe('the activity tracker', () => {
  it('notes a sync on a new day even within minutes of the last one, and not again that day', async () => {
    // Synced a minute ago, but the last day on record is an earlier one (the minute was just before midnight).
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    let stored: UserRecord = { ...newUserRecord({ email: 'a@example.com', name: 'A', passwordHash: null, emailVerified: true }), lastSyncAt: minuteAgo, lastActiveAt: minuteAgo, syncDays: ['2026-01-01'] };
    let writes = 0;
    const tracker = createActivityTracker({ update: async (_id, change) => { writes += 1; stored = change(stored); return stored; } }, { log: () => undefined });
    tracker.touch(stored, 'sync');
    await tracker.settled();
    const today = new Date().toISOString().slice(0, 10);
    expect(stored.syncDays?.at(-1)).toBe(today);
    expect(writes).toBe(1);
    tracker.touch(stored, 'sync');
    await tracker.settled();
    expect(writes).toBe(1);
  });
});
