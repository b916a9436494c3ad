import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';

type Chrome = {
  notifications: { getAll(): Promise<Record<string, boolean>>; onClicked: { dispatch(id: string): void } };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; onAlarm: { dispatch(alarm: { name: string; scheduledTime: number }): void } };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const notifications = (worker: Worker) =>
  worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll());

function job(id: string, fields: Record<string, unknown>) {
  const at = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString();
  return {
    schemaVersion: 2,
    id,
    title: 'Senior Frontend Engineer',
    company: 'Acme Robotics',
    platform: 'linkedin',
    url: `https://www.linkedin.com/jobs/view/${id.split(':')[1]}/`,
    source: 'auto_detect',
    isActive: true,
    status: 'interview',
    appliedAt: at,
    statusHistory: [{ status: 'interview', at }],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}


test('a follow-up date raises a notification at that time, once, and clicking it opens the job', async ({ context, extensionId, serviceWorker }) => {
  const followUpAt = Date.now() + 8_000;
  const id = 'linkedin:4012345678';
  const notificationId = `trackruit-reminder|follow-up|${id}`;
  await importJobs(context, extensionId, [job(id, { followUpAt: new Date(followUpAt).toISOString() })]);

  // The background saw the new follow-up date and set an alarm for that exact time; nothing is shown before it.
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get('trackruit-follow-up'))?.scheduledTime))
    .toBe(followUpAt);
  expect(await notifications(serviceWorker)).toEqual({});

  await expect.poll(() => notifications(serviceWorker), { timeout: 40_000 }).toEqual({ [notificationId]: true });
  expect(Date.now()).toBeGreaterThanOrEqual(followUpAt);

  // Playwright cannot click an OS notification: dispatch the click to the background's own listener.
  const opened = context.waitForEvent('page');
  await serviceWorker.evaluate((nid) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.onClicked.dispatch(nid), notificationId);
  const page = await opened;
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/dashboard.html#/jobs/${encodeURIComponent(id)}`);
  await expect(page.getByRole('heading', { name: /Senior Frontend Engineer/ }).first()).toBeVisible();
  await expect.poll(() => notifications(serviceWorker)).toEqual({});

  // Remembered as fired: the periodic check does not raise it again.
  const fired = await serviceWorker.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('remindersFired')).remindersFired);
  expect(Object.keys(fired as object)).toEqual([`follow-up|${id}|${new Date(followUpAt).toISOString()}`]);
  await serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.alarms.onAlarm.dispatch({ name: 'trackruit-reminders', scheduledTime: Date.now() }),
  );
  await page.waitForTimeout(1_000);
  expect(await notifications(serviceWorker)).toEqual({});
});

test('an application with no answer after the chosen number of days is nudged once', async ({ context, extensionId, serviceWorker }) => {
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  const days = settings.getByLabel('Days without an answer before a nudge');
  await days.fill('3');
  await expect
    .poll(() => serviceWorker.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('reminderSettings')).reminderSettings))
    .toEqual({ followUps: true, noResponse: true, noResponseDays: 3 });

  const fourDaysAgo = new Date(Date.now() - 4 * 24 * 60 * 60 * 1000).toISOString();
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString();
  await importJobs(context, extensionId, [
    job('linkedin:4000000001', { status: 'applied', appliedAt: fourDaysAgo, statusHistory: [{ status: 'applied', at: fourDaysAgo }] }),
    job('linkedin:4000000002', { status: 'applied', appliedAt: twoDaysAgo, statusHistory: [{ status: 'applied', at: twoDaysAgo }] }),
    job('linkedin:4000000003', { status: 'interview', appliedAt: fourDaysAgo }),
  ]);
  await expect.poll(() => notifications(serviceWorker), { timeout: 20_000 }).toEqual({ 'trackruit-reminder|no-response|linkedin:4000000001': true });

  // A shorter wait brings the newer application due at once; the first one is not nudged again.
  await days.fill('1');
  await expect
    .poll(() => notifications(serviceWorker), { timeout: 20_000 })
    .toEqual({ 'trackruit-reminder|no-response|linkedin:4000000001': true, 'trackruit-reminder|no-response|linkedin:4000000002': true });

  // Switched off: the background's next check raises nothing, whatever is due.
  await settings.getByLabel('Nudge me when an application gets no answer').uncheck();
  await expect(days).toBeDisabled();
  await importJobs(context, extensionId, [
    job('linkedin:4000000004', { status: 'applied', appliedAt: fourDaysAgo, statusHistory: [{ status: 'applied', at: fourDaysAgo }] }),
  ]);
  await serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.alarms.onAlarm.dispatch({ name: 'trackruit-reminders', scheduledTime: Date.now() }),
  );
  await settings.waitForTimeout(3_000);
  expect(Object.keys(await notifications(serviceWorker)).sort()).toEqual([
    'trackruit-reminder|no-response|linkedin:4000000001',
    'trackruit-reminder|no-response|linkedin:4000000002',
  ]);
});
