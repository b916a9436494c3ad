import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { jobIdFor } from '../../shared/jobs/capture';
import { fixturePath } from '../fixtures/load';
import { extensionWorker, launchExtensionContext, type ExtensionContext } from './extension-context';
import { expect, test } from './fixtures';
import { openExtensionPage, storedJob } from './local-jobs';

const JOB_URL = 'https://job-boards.greenhouse.io/initech/jobs/5551234';
const CONFIRMATION_URL = `${JOB_URL}/confirmation`;
const RECORD_ID = jobIdFor('other', '5551234', JOB_URL);
/** A build with the ATS hosts granted, as after "Record applications…" in Settings and the browser's prompt. */
const GRANTED_DIR = path.resolve('.output/e2e-ats-granted');

async function serveGreenhouse(context: BrowserContext): Promise<void> {
  await context.route('https://job-boards.greenhouse.io/**', (route) =>
    route.fulfill({ path: fixturePath('ats/greenhouse-confirmation.html'), contentType: 'text/html; charset=utf-8' }),
  );
}

const registeredIds = (worker: Worker) =>
  worker.evaluate(async () => {
    const scripting = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome.scripting;
    return (await scripting.getRegisteredContentScripts()).map((script) => script.id);
  });

test.describe('with Greenhouse, Lever, Ashby and Workday granted', () => {
  let granted: ExtensionContext;

  test.beforeAll(() => {
    test.setTimeout(180_000);
    // Playwright cannot answer the browser's permission prompt, so this build holds the permission
    // from install; the background's registration path is the same one a grant from Settings takes.
    execFileSync('npx', ['wxt', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TRACKRUIT_OUT_DIR: GRANTED_DIR, TRACKRUIT_E2E_GRANT_ATS: '1' },
    });
  });
  test.beforeEach(async () => {
    granted = await launchExtensionContext(path.join(GRANTED_DIR, 'chrome-mv3'));
  });
  test.afterEach(async () => {
    await granted.close();
  });

  test('a Greenhouse confirmation page records the job as applied, and Undo removes it', async () => {
    const { context } = granted;
    const worker = await extensionWorker(context);
    await expect.poll(() => registeredIds(worker)).toEqual(['trackruit-ats']);
    const extensionId = new URL(worker.url()).host;
    const probe = await openExtensionPage(context, extensionId);
    // Settings shows the switch on, because the permission is there.
    await probe.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
    await expect(probe.getByRole('checkbox', { name: /Record applications I submit on Greenhouse/ })).toBeChecked();

    await serveGreenhouse(context);
    const page = await context.newPage();
    await page.goto(CONFIRMATION_URL);
    const toast = page.locator('trackruit-controls').getByRole('status');
    await expect(toast).toContainText('Recorded in TrackRuit: Platform Engineer · Initech');
    await expect.poll(() => storedJob(probe, RECORD_ID)).toMatchObject({
      platform: 'other',
      title: 'Platform Engineer',
      company: 'Initech',
      url: JOB_URL,
      status: 'applied',
    });

    await page.locator('trackruit-controls').getByRole('button', { name: 'Undo' }).click();
    await expect(toast).toContainText('Removed from TrackRuit.');
    await expect.poll(() => storedJob(probe, RECORD_ID)).toBeUndefined();
  });
});

test('without the permission nothing is registered or injected on the confirmation page', async ({ context, serviceWorker, extensionId }) => {
  const probe = await openExtensionPage(context, extensionId);
  await probe.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(probe.getByRole('checkbox', { name: /Record applications I submit on Greenhouse/ })).not.toBeChecked();
  expect(await registeredIds(serviceWorker)).toEqual([]);

  await serveGreenhouse(context);
  const page = await context.newPage();
  await page.goto(CONFIRMATION_URL);
  await expect(page.getByRole('heading', { name: 'Thank you for applying.' })).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.locator('trackruit-controls')).toHaveCount(0);
  expect(await storedJob(probe, RECORD_ID)).toBeUndefined();
});
