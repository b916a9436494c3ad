import { browser } from 'wxt/browser';
import { getDatabase } from '../db/instance';
import { AccountService } from './account';
import { routeMessage } from './router';
import { ExtensionStore, type StorageArea } from './storage';
import { SyncController } from './sync';
import { UndoStore, type SessionArea } from './undo';

const SYNC_ALARM = 'trackruit-sync';

/**
 * Wires the background. Listeners are registered synchronously, as MV3
 * requires for events that wake a stopped service worker.
 */
export function startBackground(): void {
  const store = new ExtensionStore(browser.storage.local as unknown as StorageArea);
  const jobs = async () => (await getDatabase()).jobs;
  const sync = new SyncController({ store, jobs });
  const account = new AccountService({ store, sync });
  const capture = { jobs, runtimeId: browser.runtime.id };
  const deps = {
    capture,
    content: { ...capture, undo: new UndoStore(browser.storage.session as unknown as SessionArea) },
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
    if (alarm.name === SYNC_ALARM) void sync.reSync();
  });
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    // Creating it again would push the next run back on every wake.
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  });

  void sync.ensureRunning();
}
