import type { BrowserContext, Request, Worker } from '@playwright/test';
import { jobFromCapture } from '../../shared/jobs/capture';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ServiceWorkerControl } from './extension-context';
import { applyWithEasyApply, JOB_ID, serveLinkedIn } from './easy-apply';
import { expect, test } from './fixtures';
import { openExtensionPage, storedJob } from './local-jobs';
import { msUntil, newAccount, openPopup, registerAccount, ServerDatabase, signIn, type Account } from './sync-account';

// The callbacks below run in the extension's service worker, where `chrome` exists.
declare const chrome: {
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

/** A job another device of the same user recorded. */
const OTHER_DEVICE_JOB = { platform: 'other', title: 'Platform Engineer', company: 'Initech', url: 'https://boards.greenhouse.io/initech/jobs/5551234' } as const;
const REALM_MARK = '__trackruitE2eRealm';

let server: TestServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A signed-in device with its dashboard open, and the same user's database as another device sees it. */
async function signedInDevice(context: BrowserContext, extensionId: string) {
  server = await startTestServer();
  const account: Account = newAccount('Grace Hopper');
  await registerAccount(server, account);
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, account);
  const dashboard = await openExtensionPage(context, extensionId);
  return { popup, dashboard, remote: await ServerDatabase.open(server.url, account) };
}

/** Marks the worker's JavaScript realm, so a later read tells a restarted worker from the same one. */
async function markRealm(worker: Worker): Promise<void> {
  await worker.evaluate((mark) => Object.assign(globalThis, { [mark]: true }), REALM_MARK);
}

function realmMarked(worker: Worker): Promise<boolean> {
  return worker.evaluate((mark) => mark in globalThis, REALM_MARK);
}

test('a stopped service worker, woken by a capture, pushes it and pulls what another device wrote meanwhile', async ({
  context,
  extensionId,
  serviceWorker,
}, testInfo) => {
  const { dashboard, remote } = await signedInDevice(context, extensionId);
  await serveLinkedIn(context);
  const worker = await ServiceWorkerControl.attach(dashboard, serviceWorker);
  await markRealm(serviceWorker);

  await worker.stop();
  // Another device writes while this one's worker is stopped.
  const other = jobFromCapture(OTHER_DEVICE_JOB, new Date());
  await remote.put(other);
  expect(worker.runningStatus).toBe('stopped');

  // The capture's message wakes the worker, which must rebuild sync from its stored tokens.
  const capturing = Date.now();
  await applyWithEasyApply(await context.newPage());
  await worker.until('running');
  const pulled = await msUntil(capturing, () => storedJob(dashboard, other.id), (doc) => doc?.title === 'Platform Engineer');
  const pushed = await msUntil(capturing, () => remote.get(JOB_ID), (doc) => doc?.company === 'Acme Robotics');
  await expect(dashboard.locator(`[data-job-id="${other.id}"]`)).toContainText('Initech');
  await expect(dashboard.locator(`[data-job-id="${JOB_ID}"]`)).toContainText('Acme Robotics');

  // It really was a new worker, and it still has its one-minute sync alarm.
  expect(await realmMarked(serviceWorker)).toBe(false);
  expect(await serviceWorker.evaluate(() => chrome.alarms.get('trackruit-sync'))).toMatchObject({ periodInMinutes: 1 });

  testInfo.annotations.push({ type: 'timing', description: `after the capture woke the worker: pulled in ${pulled} ms, pushed in ${pushed} ms` });
  console.log(`service-worker: after the capture woke the worker, pulled in ${pulled} ms, pushed in ${pushed} ms`);
  await worker.detach();
});

test('a stopped service worker woken by "Sync now" pulls another device’s edit, and keeps syncing live', async ({
  context,
  extensionId,
  serviceWorker,
}, testInfo) => {
  const { popup, dashboard, remote } = await signedInDevice(context, extensionId);
  const first = jobFromCapture(OTHER_DEVICE_JOB, new Date());
  await remote.put(first);
  await expect(dashboard.locator(`[data-job-id="${first.id}"]`)).toContainText('Initech');
  const worker = await ServiceWorkerControl.attach(dashboard, serviceWorker);
  await markRealm(serviceWorker);

  await worker.stop();
  const rev = (await remote.get(first.id))!._rev;
  await remote.put(jobFromCapture({ ...OTHER_DEVICE_JOB, company: 'Initech Inc.' }, new Date(), first), rev);
  // Opening a page reads the local database only: "Sync now" is a message, and messages wake the worker.
  await popup.reload();
  const asking = Date.now();
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await worker.until('running');
  const pulled = await msUntil(asking, () => storedJob(dashboard, first.id), (doc) => doc?.company === 'Initech Inc.');
  await expect(dashboard.locator(`[data-job-id="${first.id}"]`)).toContainText('Initech Inc.');
  expect(await realmMarked(serviceWorker)).toBe(false);

  // The woken worker's replication is live again: the next remote change arrives without another wake.
  const second = jobFromCapture({ ...OTHER_DEVICE_JOB, title: 'Site Reliability Engineer', url: 'https://boards.greenhouse.io/initech/jobs/5559999' }, new Date());
  const writing = Date.now();
  await remote.put(second);
  const live = await msUntil(writing, () => storedJob(dashboard, second.id), (doc) => doc !== undefined);
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');

  testInfo.annotations.push({ type: 'timing', description: `"Sync now" to pulled ${pulled} ms; next remote change live in ${live} ms` });
  console.log(`service-worker: "Sync now" to pulled ${pulled} ms; next remote change live in ${live} ms`);
  await worker.detach();
});

/** A push step of the service worker's replication (`_all_docs` for the server's states, then `_bulk_docs`): pulls are GETs. */
function isPush(request: Request): boolean {
  return request.serviceWorker() !== null && request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/db/');
}

/** The sync status the background publishes for the popup and dashboard. */
async function syncStatus(worker: Worker): Promise<string | undefined> {
  const { syncState } = await worker.evaluate(() => chrome.storage.local.get('syncState'));
  return (syncState as { status?: string } | undefined)?.status;
}

test('a capture made offline is pushed as soon as the browser is back online, not at the next retry or alarm', async ({
  context,
  extensionId,
  serviceWorker,
}, testInfo) => {
  const { popup, dashboard, remote } = await signedInDevice(context, extensionId);
  await serveLinkedIn(context);
  // DevTools' offline emulation sets navigator.onLine for a whole renderer process, and extension
  // pages share the worker's: lifting or dropping a page's emulation (Playwright does pages first,
  // closing one drops it) would tell the worker it is online while its own requests still fail.
  // A real network comes back for the whole browser at once, so no extension page stays open.
  await popup.close();
  await dashboard.close();

  await context.setOffline(true);
  await expect.poll(() => serviceWorker.evaluate(() => navigator.onLine)).toBe(false);
  const failedPush = context.waitForEvent('requestfailed', { predicate: isPush });
  await applyWithEasyApply(await context.newPage());
  await failedPush;
  await expect.poll(() => syncStatus(serviceWorker)).toBe('offline');

  // Right after a failed attempt the replication's own retry is five seconds away, and the alarm up to a minute.
  const back = Date.now();
  await context.setOffline(false);
  const pushed = await msUntil(back, () => remote.get(JOB_ID), (doc) => doc?.company === 'Acme Robotics', 2_500);
  const reopened = await openPopup(context, extensionId);
  await expect(reopened.getByTestId('sync-status')).toHaveText('Synced');

  testInfo.annotations.push({ type: 'timing', description: `pushed ${pushed} ms after going back online` });
  console.log(`service-worker: pushed ${pushed} ms after going back online`);
});
