/**
 * The Chromium side of `npm run bench:sync`: bundled by ./browser.ts and
 * loaded in a plain page, where IndexedDB is the browser's own. Exposes the
 * runs of ./rxdb-runs.ts to Playwright as `globalThis.syncBench`.
 */
import { openDatabase } from '../../../extension/db/database';
import { captureRun, insertRun, pullRun, pushRun, type RxdbEnv } from './rxdb-runs';
import { pullPartsRun } from './pull-parts';
import { storageFloorRun } from './storage-floor';

const env: RxdbEnv = {
  // multiInstance as in the extension, where the background and its pages share the database.
  open: (name) => openDatabase({ name: `bench-${name}` }),
  // Each run has a new Chromium profile (./browser.ts), dropped afterwards: nothing to delete.
  dispose: async (db) => {
    await db.close();
  },
};

const syncBench = {
  insert: (options: Parameters<typeof insertRun>[1]) => insertRun(env, options),
  push: (options: Parameters<typeof pushRun>[1]) => pushRun(env, options),
  pull: (options: Parameters<typeof pullRun>[1]) => pullRun(env, options),
  capture: (options: Parameters<typeof captureRun>[1]) => captureRun(env, options),
  storageFloor: (options: Parameters<typeof storageFloorRun>[1]) => storageFloorRun(env, options),
  // Diagnosis (./breakdown.ts), not measured by the bench.
  pullParts: (options: Parameters<typeof pullPartsRun>[1]) => pullPartsRun(env, options),
};

export type SyncBenchApi = typeof syncBench;

(globalThis as unknown as { syncBench: SyncBenchApi }).syncBench = syncBench;
