import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { shippedRules, type RuleSet } from '../../shared/rules';
import { fixturePath } from '../fixtures/load';
import { signInAsAdmin } from '../helpers/admin-session';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expect, test } from './fixtures';
import { enterEmailedCode } from './sync-account';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
/** LinkedIn "redesigned" the top card: the title's class is one no shipped selector knows. */
const RENAMED_TITLE_CLASS = 'job-details-top-card__headline-2027';
const USER = { name: 'Grace Hopper', email: `grace-${Date.now()}@example.com`, password: 'compiler-a0-1952' };
const ADMIN = { email: 'ops@example.com', password: 'Vivid-Lantern-8271' };

let server: TestServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serveRedesignedLinkedIn(context: BrowserContext) {
  const original = await readFile(fixturePath('linkedin/job-view-easy-apply.html'), 'utf8');
  const redesigned = original.replaceAll('job-details-jobs-unified-top-card__job-title', RENAMED_TITLE_CLASS);
  expect(redesigned).not.toBe(original);
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({ body: redesigned, contentType: 'text/html; charset=utf-8' }),
  );
}

/** The operator's fix: the shipped rules, one version up, with a selector for the renamed title. */
function fixedRules(): RuleSet {
  const rules = structuredClone(shippedRules);
  rules.version = shippedRules.version + 1;
  rules.sites.linkedin.selectors.title = [`.${RENAMED_TITLE_CLASS}`, ...rules.sites.linkedin.selectors.title];
  return rules;
}

/** The rule set the extension cached from the server, read in its service worker. */
function cachedRules(serviceWorker: Worker): Promise<RuleSet | undefined> {
  return serviceWorker.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } })
      .chrome.storage.local;
    return (await storage.get('detectionRules')).detectionRules as RuleSet | undefined;
  });
}

async function easyApply(page: Page) {
  await page.goto(JOB_URL);
  await page.getByRole('button', { name: /Easy Apply to Senior Frontend Engineer/ }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application sent' })).toBeVisible();
}

async function signUp(popup: Page, serverUrl: string) {
  await popup.getByLabel('Server address').fill(serverUrl);
  await popup.getByRole('button', { name: 'Save address' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await popup.getByRole('button', { name: 'Create an account' }).click();
  await popup.getByLabel('Name').fill(USER.name);
  await popup.getByLabel('Email').fill(USER.email);
  await popup.getByLabel('Password').fill(USER.password);
  await popup.getByRole('button', { name: 'Create account', exact: true }).click();
  await enterEmailedCode(popup, server!.dataDir, USER.email);
  await expect(popup.getByText(`Signed in as ${USER.name}`)).toBeVisible();
}

/** The operator publishes the fix on the server; the extension must then pick it up on sign-in. */
async function picksUpTheFix(context: BrowserContext, extensionId: string, serviceWorker: Worker, serverUrl: string) {
  await serveRedesignedLinkedIn(context);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const linkedIn = await context.newPage();

  // With the shipped rules the title is not found, so nothing is recorded.
  await easyApply(linkedIn);
  await linkedIn.waitForTimeout(1_500);
  await expect(linkedIn.locator('trackruit-controls').getByRole('status')).toHaveCount(0);
  await expect(popup.getByText('No applications yet.')).toBeVisible();
  expect(await cachedRules(serviceWorker)).toBeUndefined();

  // Signing in asks the server for its rules at once, and keeps the newer valid set.
  await signUp(popup, serverUrl);
  await expect.poll(async () => (await cachedRules(serviceWorker))?.version).toBe(shippedRules.version + 1);
  expect((await cachedRules(serviceWorker))?.sites.linkedin.selectors.title[0]).toBe(`.${RENAMED_TITLE_CLASS}`);

  // The same page, loaded again, is captured with the new selector.
  await easyApply(linkedIn);
  await expect(linkedIn.locator('trackruit-controls').getByRole('status')).toContainText(
    'Recorded in TrackRuit: Senior Frontend Engineer · Acme Robotics',
  );
  const latest = popup.getByRole('list', { name: 'Latest applications' });
  await expect(latest.getByRole('listitem')).toHaveCount(1);
  await expect(latest).toContainText('Senior Frontend Engineer');
  await expect(latest).toContainText('Acme Robotics');
}

test('a rule set from the server makes a redesigned LinkedIn page detectable again', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  server = await startTestServer();
  await writeFile(path.join(server.dataDir, 'extension-rules.json'), JSON.stringify(fixedRules()));
  await picksUpTheFix(context, extensionId, serviceWorker, server.url);
});

test('a rule set an admin uploads from the console reaches the extension the same way', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  server = await startTestServer({ adminBootstrap: { email: ADMIN.email, password: ADMIN.password } });
  const admin = await signInAsAdmin(server.url, ADMIN.email, ADMIN.password);
  const uploaded = await fetch(`${server.url}/api/admin/rules`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(fixedRules()),
  });
  expect(uploaded.status).toBe(200);
  await picksUpTheFix(context, extensionId, serviceWorker, server.url);
});
