import { browser } from 'wxt/browser';
import { getDatabase } from '../db/instance';
import { AccountService } from './account/account';
import { DeviceKeys, indexedDbVault } from './account/device-key';
import { DataConsent, type DataConsentApi } from './account/data-consent';
import { backgroundMessages } from './message-handlers';
import { runtimeMessageListener } from './messages/listener';
import { isSignIn, RulesUpdater } from './scheduled/rules-updater';
import { startReminders } from './scheduled/reminders';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from './storage';
import { isSyncEnabled, onSyncEnabledChange } from './preferences';
import { whenBackOnline } from './sync/back-online';
import { SYNC_PAUSED, SyncController } from './sync/controller';
import { activeRules } from './capture/content-rules';
import { UndoStore, type SessionArea } from './capture/undo';
import { followAtsPermission, type AtsScriptsApi } from './capture/ats-scripts';

const SYNC_ALARM = 'trackruit-sync';

/**
 * Wires the background. Listeners are registered synchronously, as MV3
 * requires for events that wake a stopped service worker.
 */
export function startBackground(): void {
  const store = new ExtensionStore(browser.storage.local as unknown as StorageArea);
  const jobs = async () => (await getDatabase()).jobs;
  // Firefox's data-collection consent: every request to the server passes this gate, so nothing
  // leaves the browser while the person has not allowed it (no-op where the browser has no such consent).
  const consent = new DataConsent(browser.permissions as unknown as DataConsentApi);
  const serverFetch = consent.gate((input, init) => fetch(input, init));
  const sync = new SyncController({
    store,
    jobs,
    fetch: serverFetch,
    syncEnabled: () => isSyncEnabled(browser.storage.local as unknown as StorageArea),
    consented: () => consent.granted(),
  });
  const deviceKeys = new DeviceKeys({ vault: indexedDbVault(), store, fetch: serverFetch });
  const account = new AccountService({ store, sync, fetch: serverFetch, consent, afterSignIn: () => deviceKeys.register() });
  // The server serves rules only to requests signed by a registered device.
  const rules = new RulesUpdater({ store, area: browser.storage.local as unknown as StorageArea, fetch: deviceKeys.signedFetch });
  const messages = backgroundMessages({
    pages: { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') },
    account,
    sync,
    ml: { store, fetch: serverFetch },
    capture: { jobs, undo: new UndoStore(browser.storage.session as unknown as SessionArea), rules: activeRules },
  });
  browser.runtime.onMessage.addListener(runtimeMessageListener(messages));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void sync.reSync();
    // The same one-minute alarm; the updater itself asks at most every six hours.
    void rules.updateIfDue();
  });
  // Revoked in about:addons: sync stops and says why; granted again: it resumes.
  consent.follow(() => void sync.restart());
  browser.storage.onChanged.addListener(onSyncEnabledChange((on) => void (on ? sync.restart() : sync.stop(SYNC_PAUSED))));
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[STORAGE_KEYS.account];
    if (area === 'local' && change && isSignIn(change)) void rules.update();
  });
  // Back online: sync now rather than at the next alarm, up to a minute later. reSync() cuts the
  // backoff and the engine's retry wait short and restarts the live pull; rebuilding the
  // replication (which RxDB's needed) would only add its start-up to the wait.
  whenBackOnline(() => void sync.reSync());
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    // Creating it again would push the next run back on every wake.
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  });

  startReminders(jobs);
  // The ATS content script runs only where the person granted it from Settings.
  followAtsPermission({ permissions: browser.permissions, scripting: browser.scripting } as unknown as AtsScriptsApi);
  void sync.ensureRunning();
  void rules.updateIfDue();
}
