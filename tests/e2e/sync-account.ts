import type { BrowserContext, Page } from '@playwright/test';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { expect } from './fixtures';

export { ServerDatabase, type ServerDoc } from '../helpers/server-database';

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name: string): Account {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  return { name, email: `${slug}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: `${slug}-passphrase-1843` };
}

/** Creates and verifies the account on the server, as the first device's sign-up would. */
export async function registerAccount(server: { url: string; dataDir: string }, account: Account): Promise<void> {
  await createVerifiedAccount(server, account);
}

/** The sign-up's second step in the popup: the code the server mailed (read from its outbox). */
export async function enterEmailedCode(popup: Page, dataDir: string, email: string): Promise<void> {
  const form = popup.getByRole('form', { name: 'Confirm your email' });
  await expect(form).toBeVisible();
  await expect(form.getByRole('button', { name: /Resend code in \d+ s/ })).toBeDisabled();
  await form.getByLabel('Code').fill(await readLatestCode(dataDir, email));
  await form.getByRole('button', { name: 'Verify' }).click();
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

/** Signs in to an existing account through the popup, and waits for the first sync. */
export async function signIn(popup: Page, serverUrl: string, account: Account): Promise<void> {
  await popup.getByLabel('Server address').fill(serverUrl);
  await popup.getByRole('button', { name: 'Save address' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const form = popup.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(popup.getByText(`Signed in as ${account.name}`)).toBeVisible();
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
}

/** Polls `read` until `done` holds; returns the milliseconds from `since` (a Date.now() value) to then. */
export async function msUntil<T>(since: number, read: () => Promise<T>, done: (value: T) => boolean, timeout = 15_000): Promise<number> {
  await expect.poll(async () => done(await read()), { timeout, intervals: [50] }).toBe(true);
  return Date.now() - since;
}
