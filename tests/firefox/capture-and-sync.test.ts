import { afterEach, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { JOB_ID, JOB_URL } from '../e2e/easy-apply';
import { fixturePath } from '../fixtures/load';
import { ServerDatabase } from '../helpers/server-database';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { ADDON_ID, launchFirefoxWithAddon, serveSite, textOf, type FirefoxWithAddon } from './firefox-extension';
import { signUp } from './sign-up';

let firefox: FirefoxWithAddon | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  await firefox?.close();
  await server?.stop();
  firefox = undefined;
  server = undefined;
});

/** The text of the first element `selector` finds, once it is there. */
async function textAt(page: Page, selector: string): Promise<string> {
  const element = await page.locator(selector).waitHandle();
  return element.evaluate((node) => node.textContent ?? '');
}

/** Applies with Easy Apply as a person would; the content script records the job from the confirmation. */
async function applyWithEasyApply(page: Page): Promise<void> {
  await page.goto(JOB_URL);
  await page.locator('button[aria-label^="Easy Apply to Senior Frontend Engineer"]').click();
  await page.locator('button[aria-label="Submit application"]').click();
  await page.locator(textOf('Application sent')).wait();
}

test('in Firefox the add-on installs, records a LinkedIn Easy Apply, lists it in the dashboard, and syncs it after sign-up', async () => {
  server = await startTestServer();
  const account = { name: 'Grace Hopper', email: `grace-${Date.now()}@example.com`, password: 'compiler-passphrase-1952' };
  firefox = await launchFirefoxWithAddon();
  expect(firefox.addonId).toBe(ADDON_ID);

  // The dashboard is open before the capture: the row must arrive live.
  const dashboard = await firefox.openExtensionPage('dashboard.html');
  await dashboard.locator(textOf('No applications yet')).wait();

  const linkedIn = await firefox.browser.newPage();
  await serveSite(linkedIn, 'www.linkedin.com', fixturePath('linkedin/job-view-easy-apply.html'));
  await applyWithEasyApply(linkedIn);

  const row = `tr[data-job-id="${JOB_ID}"]`;
  const rowText = await textAt(dashboard, row);
  for (const cell of ['Senior Frontend Engineer', 'Acme Robotics', 'Berlin, Germany', 'LinkedIn', 'Applied']) expect(rowText).toContain(cell);
  expect(await dashboard.$eval(`${row} a`, (link) => link.getAttribute('href'))).toBe(JOB_URL);
  // Not on any server yet: the dashboard says a change is waiting.
  await expect.poll(() => textAt(dashboard, '[data-testid="pending-changes"]')).toBe('1 change waiting');

  const popup = await firefox.openExtensionPage('popup.html');
  // The sign-up asks Firefox for the data-collection permissions; this browser grants them (launch default).
  await signUp(popup, { address: server.url, dataDir: server.dataDir }, account);

  const onServer = await ServerDatabase.open(server.url, account);
  await expect.poll(async () => (await onServer.get(JOB_ID))?.title, { timeout: 15_000 }).toBe('Senior Frontend Engineer');
  expect(await onServer.get(JOB_ID)).toMatchObject({ company: 'Acme Robotics', location: 'Berlin, Germany', status: 'applied', url: JOB_URL });
  await expect.poll(() => textAt(dashboard, '[data-testid="pending-changes"]')).toBe('All changes synced');
  await expect.poll(() => textAt(dashboard, '[data-testid="sync-status"]')).toBe('Synced');
});
