import type { Page } from '@playwright/test';
import { jobFromCapture } from '../../shared/jobs/capture';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { openExtensionPage, storedJob } from './local-jobs';
import { newAccount, openPopup, registerAccount, ServerDatabase, signIn, type Account } from './sync-account';

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const ADA_JOB = { platform: 'other', title: 'Platform Engineer', company: 'Initech', url: 'https://boards.greenhouse.io/initech/jobs/5551234' } as const;

test('sign-out asks to keep or remove local jobs, and another account never sees the first one\'s jobs', async ({ context, extensionId }) => {
  server = await startTestServer();
  const ada = newAccount('Ada Lovelace');
  const bob = newAccount('Bob Kahn');
  await registerAccount(server, ada);
  await registerAccount(server, bob);
  // Ada's job, written by another of her devices.
  const adaJob = jobFromCapture(ADA_JOB, new Date());
  await (await ServerDatabase.open(server.url, ada)).put(adaJob);

  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, ada);
  const page = await openExtensionPage(context, extensionId);
  await expect.poll(() => storedJob(page, adaJob.id)).toMatchObject({ title: ADA_JOB.title });
  await expect(popup.getByTestId('pending-changes')).toHaveText('All changes synced');

  // Sign out, keeping the jobs: they stay, and are still Ada's.
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await expect(popup.getByRole('group', { name: /Keep your applications/ })).toBeVisible();
  await expectNoSeriousA11yViolations(popup);
  await popup.getByRole('button', { name: 'Keep and sign out' }).click();
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  expect(await storedJob(page, adaJob.id)).toMatchObject({ title: ADA_JOB.title });

  // Bob signing in on this device is asked first, and nothing of Ada's reaches him.
  await submitSignIn(popup, bob);
  await expect(popup.getByRole('alert')).toContainText(`This device holds 1 application of ${ada.email}`);
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  await popup.getByRole('button', { name: 'Remove them and sign in' }).click();
  await expect(popup.getByText(`Signed in as ${bob.name}`)).toBeVisible();
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
  expect(await storedJob(page, adaJob.id)).toBeUndefined();
  const bobOnServer = await ServerDatabase.open(server.url, bob);
  expect(await bobOnServer.get(adaJob.id)).toBeUndefined();

  // Sign out removing the jobs, then Ada signs back in: her job returns from her server.
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await popup.getByRole('button', { name: 'Remove from this device and sign out' }).click();
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  await submitSignIn(popup, ada);
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
  await expect.poll(() => storedJob(page, adaJob.id)).toMatchObject({ title: ADA_JOB.title });
});

/** The sign-in form, with the server address already saved. */
async function submitSignIn(popup: Page, account: Account): Promise<void> {
  const form = popup.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// Firefox's data-collection consent (README, "Firefox: data collection consent") leaves Chromium alone:
// no Firefox key in its manifest, no data_collection in its permissions, and no consent note before sign-in.
test('in Chromium, signing in asks for no data-collection consent', async ({ context, extensionId }) => {
  server = await startTestServer();
  const ada = newAccount('Ada Lovelace');
  await registerAccount(server, ada);
  const popup = await openPopup(context, extensionId);
  const { manifestKeys, permissionKeys } = await popup.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { getManifest(): object }; permissions: { getAll(): Promise<object> } } }).chrome;
    return { manifestKeys: Object.keys(runtime.runtime.getManifest()), permissionKeys: Object.keys(await runtime.permissions.getAll()) };
  });
  expect(manifestKeys).not.toContain('browser_specific_settings');
  expect(permissionKeys).not.toContain('data_collection');
  await expect(popup.getByTestId('data-consent-note')).toHaveCount(0);
  await signIn(popup, server.url, ada);
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
});
