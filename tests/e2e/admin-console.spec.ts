import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { eventually } from '../helpers/eventually';
import { seedApplications } from './admin-console-seed';
import { signInFirstTime, signInWithCode } from './admin-console-session';
import { expectNoSeriousA11yViolations } from './axe';
import { CHROMIUM } from './extension-context';

/**
 * The admin console in Chromium against a real server: the first owner (made
 * from ADMIN_EMAIL/ADMIN_PASSWORD at start) sets up TOTP and makes an account
 * an admin with user permissions; that admin, with their own TOTP, disables
 * a user; the owner finds it in the audit log and its CSV, and sees the
 * seeded applications in the analytics charts. Every page passes axe.
 */

const CONSOLE_DIR = path.resolve('dist/admin-console');
const PASSWORD = 'Vivid-Lantern-8271';
const OWNER = 'root@example.com';
/** Small, so three seeded people make groups large enough to show. */
const MIN_GROUP = 2;
const SEEDED_PEOPLE = 3;

test.use({ launchOptions: { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] } });

let server: TestServer;

test.beforeAll(async () => {
  if (!existsSync(path.join(CONSOLE_DIR, 'index.html'))) throw new Error('No built console at dist/admin-console: run `npm run build:console` (npm run test:e2e does).');
  server = await startTestServer({ adminBootstrap: { email: OWNER, password: PASSWORD }, adminConsoleDir: CONSOLE_DIR, analyticsMinGroup: MIN_GROUP });
  await seedApplications(server, SEEDED_PEOPLE, PASSWORD);
  await createVerifiedAccount(server, { name: 'Ada Admin', email: 'ada@example.com', password: PASSWORD });
  await createVerifiedAccount(server, { name: 'Uma User', email: 'uma@example.com', password: PASSWORD });
});
test.afterAll(() => server?.stop());

/** Fails on any uncaught error and any Content-Security-Policy refusal (an inline script or style the build let through). */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

async function openPage(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('an owner grants a permission, that admin disables a user, and the owner reads it in the audit log', async ({ browser }) => {
  // The owner's first visit: TOTP enrolment, then every page of the console.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const ownerProblems = watchPage(owner);
  const ownerSecret = await signInFirstTime(owner, server.url, OWNER, PASSWORD, expectNoSeriousA11yViolations);
  await expect(owner.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(owner.getByRole('link', { name: 'ada@example.com' })).toBeVisible();
  await expectNoSeriousA11yViolations(owner);
  // Keyboard: each page focuses its heading; the skip link moves focus to the content and leaves the page where it is.
  await expect(owner.getByRole('heading', { level: 1, name: 'Users' })).toBeFocused();
  await owner.getByRole('link', { name: 'Skip to content' }).focus();
  await owner.keyboard.press('Enter');
  await expect(owner.getByRole('main')).toBeFocused();
  await expect(owner.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  // The aggregates follow the seeded writes in the background: wait until they hold every seeker, then look.
  const adminToken = await owner.evaluate(() => (JSON.parse(sessionStorage.getItem('trackruit-admin-session') ?? '{}') as { token?: string }).token ?? '');
  await eventually(
    async () => ((await (await fetch(`${server.url}/api/admin/analytics`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { contributors?: number }).contributors ?? 0,
    (contributors) => contributors >= SEEDED_PEOPLE,
  );
  for (const [name, heading] of [['Audit log', 'Audit log'], ['Analytics', 'Analytics'], ['Rules', 'Detection rules'], ['Services', 'Services']] as const) {
    await openPage(owner, name, heading);
    // Loaded (or refused with a message): axe sees the page as it stays.
    await expect(owner.getByRole('main').getByRole('table').or(owner.getByRole('main').getByRole('alert')).or(owner.getByRole('main').getByRole('region')).first()).toBeVisible();
    await expect(owner.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(owner);
  }

  // Charts drawn from the seeded applications, their numbers beside them, the group of one hidden.
  await openPage(owner, 'Analytics', 'Analytics');
  const byMonth = owner.getByRole('figure', { name: 'Applications per month' });
  await expect(byMonth.locator('svg.console-chart')).toBeVisible();
  await expect(byMonth.locator('rect.console-bar')).toHaveCount(1);
  await expect(byMonth.getByRole('row', { name: /2026-11/ })).toContainText(String(SEEDED_PEOPLE * 2 + 1));
  await expect(owner.getByRole('figure', { name: 'Applications by status' }).locator('rect.console-bar')).toHaveCount(2);
  await expect(owner.getByRole('figure', { name: 'Applications by site' }).getByRole('row', { name: /linkedin/ })).toBeVisible();
  await expect(owner.getByRole('figure', { name: 'Responses, interviews and offers by site' }).locator('rect.console-bar')).toHaveCount(3);
  await expect(owner.getByText(`hidden (fewer than ${MIN_GROUP} people)`).first()).toBeVisible();
  await expectNoSeriousA11yViolations(owner);
  const [analyticsCsv] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(await readFile(await analyticsCsv.path(), 'utf8')).toContain('linkedin');

  // Rules: a file the server refuses shows why and changes nothing; a good one is served; the earlier one comes back.
  await openPage(owner, 'Rules', 'Detection rules');
  const served = owner.getByRole('region', { name: 'Served now' });
  const builtInVersion = Number(await served.getByRole('definition').first().textContent());
  const fileInput = owner.getByLabel('Rule set file (JSON)');
  await fileInput.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: builtInVersion + 1, sites: 'none' })) });
  await expect(owner.getByRole('alert')).toContainText('was not accepted');
  await expect(served.getByRole('definition').first()).toHaveText(String(builtInVersion));
  const ruleSet = JSON.parse((await owner.locator('.console-json').textContent()) ?? '{}') as { version: number };
  await fileInput.setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...ruleSet, version: builtInVersion + 1 })) });
  await expect(owner.getByRole('status').filter({ hasText: `Version ${builtInVersion + 1} is now served` })).toBeVisible();
  await fileInput.setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...ruleSet, version: builtInVersion + 2 })) });
  await expect(served.getByRole('definition').first()).toHaveText(String(builtInVersion + 2));
  await owner.getByRole('button', { name: `Serve version ${builtInVersion + 1} again` }).click();
  await expect(owner.getByRole('status').filter({ hasText: `Version ${builtInVersion + 1} is served again` })).toBeVisible();
  await expect(served.getByRole('definition').first()).toHaveText(String(builtInVersion + 3));
  await expectNoSeriousA11yViolations(owner);

  // Ada becomes an admin who may read and manage users, nothing more.
  await openPage(owner, 'Users', 'Users');
  await owner.getByLabel('Email or name').fill('ada');
  await owner.getByRole('button', { name: 'Search' }).click();
  await expect(owner.getByText('1–1 of 1 accounts')).toBeVisible();
  await owner.getByRole('link', { name: 'ada@example.com' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'ada@example.com' })).toBeVisible();
  await expectNoSeriousA11yViolations(owner);
  await owner.getByLabel('Role', { exact: true }).selectOption('admin');
  await owner.getByRole('checkbox', { name: /See users/ }).check();
  await owner.getByRole('checkbox', { name: /Manage users/ }).check();
  await owner.getByRole('button', { name: 'Save role' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Role is now admin with users:read, users:manage.' })).toBeVisible();
  await expect(owner.getByText('admin (users:read, users:manage)')).toBeVisible();
  await owner.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(owner.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // Ada signs in with her own second factor and sees only what her permissions open.
  const adaContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const adaProblems = watchPage(ada);
  await signInFirstTime(ada, server.url, 'ada@example.com', PASSWORD);
  const nav = ada.getByRole('navigation', { name: 'Console' });
  await expect(nav.getByRole('link')).toHaveText(['Users', 'Services']);
  await ada.getByLabel('Email or name').fill('uma');
  await ada.getByRole('button', { name: 'Search' }).click();
  await ada.getByRole('link', { name: 'uma@example.com' }).click();
  await expect(ada.getByRole('heading', { level: 1, name: 'uma@example.com' })).toBeVisible();
  // No users:delete and no roles:manage: neither is offered.
  await expect(ada.getByRole('button', { name: /Delete account/ })).toHaveCount(0);
  await expect(ada.getByRole('heading', { name: 'Role and permissions' })).toHaveCount(0);
  await ada.getByRole('button', { name: 'Disable account' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Account disabled' })).toBeVisible();
  await expect(ada.getByRole('button', { name: 'Enable account' })).toBeVisible();
  await expect(ada.getByText(/disabled since/)).toBeVisible();
  await expectNoSeriousA11yViolations(ada);

  // The owner signs in again (with a code not used yet) and finds Ada's action in the audit log.
  await signInWithCode(owner, server.url, OWNER, PASSWORD, ownerSecret, 1);
  await openPage(owner, 'Audit log', 'Audit log');
  await owner.getByLabel(/^Action/).fill('user.disabled');
  await owner.getByRole('button', { name: 'Filter' }).click();
  const row = owner.getByRole('row').filter({ has: owner.getByRole('rowheader', { name: 'user.disabled' }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('ada@example.com');
  await expect(row).toContainText('uma@example.com');
  await expectNoSeriousA11yViolations(owner);

  const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('audit-log.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n').filter((line) => line.includes('user.disabled') && line.includes('uma@example.com'))).toHaveLength(1);

  expect(ownerProblems).toEqual([]);
  expect(adaProblems).toEqual([]);
  await ownerContext.close();
  await adaContext.close();
});
