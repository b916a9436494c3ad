import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { jobFromCapture } from '../../shared/jobs/capture';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';
import { newAccount, openPopup, registerAccount, ServerDatabase, signIn, type Account } from './sync-account';

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const JOB = { platform: 'other', title: 'Site Reliability Engineer', company: 'Globex', url: 'https://boards.greenhouse.io/globex/jobs/7771234' } as const;
const LATER_JOB = { platform: 'other', title: 'Staff Engineer', company: 'Hooli', url: 'https://boards.greenhouse.io/hooli/jobs/8881234' } as const;

function login(serverUrl: string, email: string, password: string): Promise<Response> {
  return fetch(new URL('/api/auth/login', serverUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

async function openSettings(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
  return page;
}

/** Signed in through the popup, with a job of the account's synced to this device. */
async function signedInWithJob(context: BrowserContext, extensionId: string, account: Account) {
  const job = jobFromCapture(JOB, new Date());
  await (await ServerDatabase.open(server!.url, account)).put(job);
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server!.url, account);
  const page = await openSettings(context, extensionId);
  await expect.poll(() => storedJob(page, job.id)).toMatchObject({ title: JOB.title });
  return { popup, page, job };
}

test('profile, password, export and sign out everywhere from Settings', async ({ context, extensionId }) => {
  server = await startTestServer();
  const ada = newAccount('Ada Lovelace');
  await registerAccount(server, ada);
  const { popup, page, job } = await signedInWithJob(context, extensionId, ada);

  // Profile: a field error from the server, then a saved name the server reports.
  const profile = page.getByRole('form', { name: 'Profile' });
  await expect(profile.getByLabel('Name')).toHaveValue(ada.name);
  await profile.getByLabel('Name').fill('Ada King');
  await profile.getByLabel('Avatar URL').fill('http://example.com/ada.png');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByText('must be an https:// URL')).toBeVisible();
  await expect(profile.getByLabel('Avatar URL')).toHaveAttribute('aria-invalid', 'true');
  await profile.getByLabel('Avatar URL').fill('https://example.com/ada.png');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Profile saved.');
  const before = (await (await login(server.url, ada.email, ada.password)).json()) as { accessToken: string };
  const me = (await (await fetch(new URL('/api/auth/me', server.url), { headers: { authorization: `Bearer ${before.accessToken}` } })).json()) as { user: { name: string; avatarUrl: string } };
  expect(me.user).toMatchObject({ name: 'Ada King', avatarUrl: 'https://example.com/ada.png' });
  await expect(popup.getByText('Signed in as Ada King')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Password: the confirmation must match; then the old one is refused and the new one works.
  const password = page.getByRole('form', { name: 'Change password' });
  const newPassword = 'a-fresh-and-longer-passphrase-2718';
  await password.getByLabel('Current password').fill(ada.password);
  await password.getByLabel('New password', { exact: true }).fill(newPassword);
  await password.getByLabel('Confirm new password').fill(`${newPassword}x`);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByText('The two new passwords differ.')).toBeVisible();
  await password.getByLabel('Current password').fill('not-my-password');
  await password.getByLabel('Confirm new password').fill(newPassword);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByText('The password is incorrect')).toBeVisible();
  await password.getByLabel('Current password').fill(ada.password);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toContainText('Password changed');
  expect((await login(server.url, ada.email, ada.password)).status).toBe(401);
  expect((await login(server.url, ada.email, newPassword)).status).toBe(200);
  // The session from before the change is over.
  expect((await fetch(new URL('/api/auth/me', server.url), { headers: { authorization: `Bearer ${before.accessToken}` } })).status).toBe(401);
  const changed = { ...ada, password: newPassword };

  // Sync goes on with the new token pair: another device's job arrives here.
  const later = jobFromCapture(LATER_JOB, new Date());
  await (await ServerDatabase.open(server.url, changed)).put(later);
  await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'sync:now' }));
  await expect.poll(() => storedJob(page, later.id), { timeout: 20_000 }).toMatchObject({ title: LATER_JOB.title });
  await expect(popup.getByText('Signed in as Ada King')).toBeVisible();

  // Export: the server's JSON, with this user's jobs.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^trackruit-account-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { user: { email: string }; jobs: { _id: string; title: string }[] };
  expect(exported.user.email).toBe(ada.email);
  expect(exported.jobs.map((doc) => doc._id).sort()).toEqual([job.id, later.id].sort());

  // Sign out everywhere, keeping the jobs here.
  const otherDevice = (await (await login(server.url, ada.email, newPassword)).json()) as { refreshToken: string };
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep and sign out everywhere' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out everywhere…' })).toBeFocused();
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
  await dialog.getByRole('button', { name: 'Keep and sign out everywhere' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out everywhere' })).toBeFocused();
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  expect(await storedJob(page, job.id)).toMatchObject({ title: JOB.title });
  const refreshed = await fetch(new URL('/api/auth/refresh', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: otherDevice.refreshToken }) });
  expect(refreshed.status).toBe(401);
});

test('deleting the account asks for the password, removes it on the server and honours the local data choice', async ({ context, extensionId }) => {
  server = await startTestServer();
  const bea = newAccount('Bea Kahn');
  await registerAccount(server, bea);
  const { popup, page, job } = await signedInWithJob(context, extensionId, bea);

  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog).toContainText('your uploaded files');
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByLabel('Password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByText('The password is incorrect')).toBeVisible();
  expect((await login(server.url, bea.email, bea.password)).status).toBe(200);

  await dialog.getByLabel('Remove them from this device too').check();
  await dialog.getByLabel('Password').fill(bea.password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your account is deleted' })).toContainText('removed from this device');
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  expect((await login(server.url, bea.email, bea.password)).status).toBe(401);
  await expect.poll(() => storedJob(page, job.id)).toBeUndefined();
});
