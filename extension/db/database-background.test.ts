import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type TrackruitDatabase } from './database';

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await opened?.remove();
  opened = undefined;
});

describe('openDatabase in a page that stays open', () => {
  it('starts no background work that fails later (none may wait for a leader election, which is not run)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      opened = await openDatabase({ name: `open-${crypto.randomUUID()}`, multiInstance: true });
      // Past RxDB's one-minute wait before a collection's first automatic cleanup.
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
