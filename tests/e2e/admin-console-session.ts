import { expect, type Page } from '@playwright/test';
import { totpCode } from '../helpers/admin-session';

/**
 * Signing in to the admin console at /admin as a person would, with the
 * codes an authenticator app would show, computed from the key the page shows.
 *
 * - `signInFirstTime(page, url, email, password, check?)` → the TOTP secret: password, enrolment (QR code
 *   and key), first code, recovery codes; `check` runs on each of those screens (axe).
 * - `signInWithCode(page, url, email, password, secret, stepsAhead)`: an enrolled admin; a code is
 *   single-use, so each later sign-in takes the code of a later step.
 */

async function signInWithPassword(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function signInFirstTime(page: Page, url: string, email: string, password: string, check: (page: Page) => Promise<void> = async () => {}): Promise<string> {
  await page.goto(`${url}/admin/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await check(page);
  await signInWithPassword(page, url, email, password);
  await expect(page.getByRole('heading', { name: 'Set up your second factor' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await check(page);
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await check(page);
  await page.getByRole('button', { name: /open the console/ }).click();
  return secret;
}

export async function signInWithCode(page: Page, url: string, email: string, password: string, secret: string, stepsAhead: number): Promise<void> {
  await signInWithPassword(page, url, email, password);
  await expect(page.getByRole('heading', { name: 'Second factor' })).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, stepsAhead));
  await page.getByRole('button', { name: 'Sign in' }).click();
}
