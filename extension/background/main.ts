import { browser } from 'wxt/browser';
import { getDatabase } from '../db/instance';
import { AccountService } from './account/account';
import { DeviceKeys, indexedDbVault } from './account/device-key';
import { routeMessage } from './router';
import { isSignIn, RulesUpdater } from './scheduled/rules-updater';
import { startReminders } from './scheduled/reminders';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from './storage';
import { isSyncEnabled, onSyncEnabledChange } from './preferences';
import { SYNC_PAUSED, SyncController } from './sync/controller';
import { activeRules } from './capture/content-rules';
import { UndoStore, type SessionArea } from './capture/undo';

const SYNC_ALARM = 'trackruit-sync';

/**
 * Calls `listener` when the browser goes from offline to online. Chrome fires
 * no `online` event in a service worker (crbug.com/114475), but it does fire
 * `change` on `navigator.connection` there, with `navigator.onLine` already
 * updated; Firefox's background page gets `online`. Both lead here, once.
 */
function whenBackOnline(listener: () => void): void {
  let online = navigator.onLine;
  const check = () => {
    const wasOnline = online;
    online = navigator.onLine;
    if (online && !wasOnline) listener();
  };
  globalThis.addEventListener('online', check);
  globalThis.addEventListener('offline', check);
  (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', check);
}

/**
 * Wires the background. Listeners are registered synchronously, as MV3
 * requires for events that wake a stopped service worker.
 */
export function startBackground(): void {
  const store = new ExtensionStore(browser.storage.local as unknown as StorageArea);
  const jobs = async () => (await getDatabase()).jobs;
  const sync = new SyncController({ store, jobs, syncEnabled: () => isSyncEnabled(browser.storage.local as unknown as StorageArea) });
  const deviceKeys = new DeviceKeys({ vault: indexedDbVault(), store });
  const account = new AccountService({ store, sync, afterSignIn: () => deviceKeys.register() });
  // The server serves rules only to requests signed by a registered device.
  const rules = new RulesUpdater({ store, area: browser.storage.local as unknown as StorageArea, fetch: deviceKeys.signedFetch });
  const capture = { jobs, runtimeId: browser.runtime.id };
  const deps = {
    capture,
    content: {
      ...capture,
      undo: new UndoStore(browser.storage.session as unknown as SessionArea),
      rules: activeRules,
    },
    account,
    sync,
    extensionOrigin: browser.runtime.getURL('/'),
  };

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const reply = routeMessage(message, sender, deps);
    if (!reply) return false;
    reply.then(sendResponse, (error: unknown) => {
      console.error('TrackRuit: message failed', error);
      sendResponse({ ok: false, error: { message: 'Something went wrong in the extension.' } });
    });
    // Keeps the channel open for the asynchronous sendResponse (Chrome ignores returned promises).
    return true;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void sync.reSync();
    // The same one-minute alarm; the updater itself asks at most every six hours.
    void rules.updateIfDue();
  });
  browser.storage.onChanged.addListener(onSyncEnabledChange((on) => void (on ? sync.restart() : sync.stop(SYNC_PAUSED))));
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[STORAGE_KEYS.account];
    if (area === 'local' && change && isSignIn(change)) void rules.update();
  });
  // Back online: sync now rather than at the next alarm, up to a minute later. reSync() alone
  // pulls, but RxDB waits out a failed push's retry delay whatever it is asked, so the
  // replication is rebuilt (from its checkpoints) to push at once.
  whenBackOnline(() => void sync.restart().then(() => sync.reSync()));
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    // Creating it again would push the next run back on every wake.
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  });

  startReminders(jobs);
  void sync.ensureRunning();
  void rules.updateIfDue();
}
