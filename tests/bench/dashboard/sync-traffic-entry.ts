/**
 * Bundled by ./sync-traffic.ts and run in the extension's service worker,
 * beside the background's own code: the bookkeeping a signed-in push does
 * (changes waiting draining, the sync state turning over) through the
 * background's own classes, on the thread where it really runs. No server:
 * only what these writes cost the pages that show them is measured.
 */
import { browser } from 'wxt/browser';
import { PendingChanges } from '../../../extension/background/sync/pending-changes';
import { ExtensionStore, type StorageArea } from '../../../extension/background/storage';
import { SyncStatusTracker } from '../../../extension/background/sync/sync-state';
import { dashboardBenchJobs } from './jobs';

let running: { timer: ReturnType<typeof setInterval>; pending: PendingChanges; removed: number } | undefined;

/** Every `everyMs`, `batch` of the seeded jobs leave the changes waiting; the sync state turns over each second. */
async function start(options: { count: number; batch: number; everyMs: number }): Promise<{ waiting: number }> {
  const store = new ExtensionStore(browser.storage.local as unknown as StorageArea);
  const pending = new PendingChanges(store);
  const tracker = new SyncStatusTracker((state) => void store.setSyncState(state));
  tracker.started();
  tracker.activity(true);
  // The seeded jobs are what waits: every one was a local write the background counted.
  const ids = dashboardBenchJobs(options.count).map((job) => job.id);
  const waiting = await pending.count();
  let tick = 0;
  const traffic = {
    pending,
    removed: 0,
    timer: setInterval(() => {
      const batch = ids.slice(traffic.removed, traffic.removed + options.batch);
      traffic.removed += batch.length;
      void pending.remove(batch);
      tick += 1;
      if ((tick * options.everyMs) % 1000 < options.everyMs) {
        tracker.activity(false);
        tracker.activity(true);
      }
    }, options.everyMs),
  };
  running = traffic;
  return { waiting };
}

async function stop(): Promise<{ removed: number }> {
  if (!running) return { removed: 0 };
  clearInterval(running.timer);
  await running.pending.flush();
  const { removed } = running;
  running = undefined;
  return { removed };
}

const syncTraffic = { start, stop };
export type SyncTrafficApi = typeof syncTraffic;
(globalThis as unknown as { syncTraffic: SyncTrafficApi }).syncTraffic = syncTraffic;
