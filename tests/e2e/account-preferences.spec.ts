import type { BrowserContext, Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { newAccount, openPopup, registerAccount, signIn, type Account } from './sync-account';

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function openSettings(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
  return page;
}

async function serverPreferences(url: string, account: Account): Promise<Record<string, unknown>> {
  const login = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const me = await fetch(new URL('/api/auth/me', url), { headers: { authorization: `Bearer ${accessToken}` } });
  return ((await me.json()) as { user: { preferences: Record<string, unknown> } }).user.preferences;
}

test('statistics and weekly mail switches are kept on the server, and shown but locked while it cannot be reached', async ({ context, extensionId }) => {
  server = await startTestServer();
  const ada = newAccount('Ada Lovelace');
  await registerAccount(server, ada);
  await signIn(await openPopup(context, extensionId), server.url, ada);
  const page = await openSettings(context, extensionId);

  const form = page.getByRole('form', { name: 'Statistics and mail' });
  const include = form.getByLabel("Include my applications in my server's anonymous statistics");
  const weekly = form.getByLabel('Send me a weekly summary by email');
  // Defaults: included, no mail.
  await expect(include).toBeChecked();
  await expect(include).toBeEnabled();
  await expect(weekly).not.toBeChecked();

  await weekly.check();
  await expect(form.getByRole('status')).toHaveText('Weekly summary on: it arrives once a week.');
  await include.uncheck();
  await expect(form.getByRole('status')).toHaveText('Your applications are left out of the statistics from now on.');
  expect(await serverPreferences(server.url, ada)).toEqual({ weeklySummary: true, analyticsOptOut: true });
  await expectNoSeriousA11yViolations(page);

  // The server goes away: the switches show what was stored there, and cannot be changed.
  await server.stop();
  await page.reload();
  await expect(form.getByTestId('account-preferences-offline')).toContainText("Your server can't be reached");
  await expect(form.getByTestId('account-preferences-offline')).toContainText('Shown as they were on');
  await expect(weekly).toBeChecked();
  await expect(weekly).toBeDisabled();
  await expect(include).not.toBeChecked();
  await expect(include).toBeDisabled();
});
