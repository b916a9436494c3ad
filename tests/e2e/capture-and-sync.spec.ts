import { createServer } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startTestServer } from '../helpers/test-server';
import { expect, test } from './fixtures';
import { enterEmailedCode } from './sync-account';

const FIXTURE = path.resolve('tests/fixtures/linkedin/job-view-easy-apply.html');
const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const JOB_ID = 'linkedin:4012345678';
const USER = { name: 'Ada Lovelace', email: `ada-${Date.now()}@example.com`, password: 'analytical-engine-1843' };

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type ServerDoc = Record<string, unknown> & { _rev: string };

let server: TestServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function serveLinkedIn(context: BrowserContext) {
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({ path: FIXTURE, contentType: 'text/html; charset=utf-8' }),
  );
}

async function applyWithEasyApply(page: Page) {
  await page.goto(JOB_URL);
  await page.getByRole('button', { name: /Easy Apply to Senior Frontend Engineer/ }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application sent' })).toBeVisible();
}

/** The job as the server holds it, read the way another device would: log in, find the database, read. */
async function jobOnServer(url: string): Promise<ServerDoc | undefined> {
  const login = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USER.email, password: USER.password }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const me = (await (await fetch(new URL('/api/auth/me', url), { headers: auth })).json()) as { syncUrl: string };
  // The server builds sync URLs from its public URL (localhost); reach it where it listens.
  const syncUrl = new URL(new URL(me.syncUrl).pathname, url);
  const docs = await fetch(new URL('_all_docs', syncUrl.toString().endsWith('/') ? syncUrl : `${syncUrl}/`), {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ keys: [JOB_ID], include_docs: true }),
  });
  expect(docs.status).toBe(200);
  const body = (await docs.json()) as { rows: { doc?: ServerDoc | null }[] };
  return body.rows[0]?.doc ?? undefined;
}

async function signUp(popup: Page, serverUrl: string) {
  const address = popup.getByLabel('Server address');
  await address.fill(serverUrl);
  await popup.getByRole('button', { name: 'Save address' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const createAccount = popup.getByRole('button', { name: 'Create an account' });
  if (await createAccount.isVisible()) await createAccount.click();
  await popup.getByLabel('Name').fill(USER.name);
  await popup.getByLabel('Email').fill(USER.email);
  await popup.getByLabel('Password').fill(USER.password);
  await popup.getByRole('button', { name: 'Create account', exact: true }).click();
}

test('a LinkedIn Easy Apply is captured once, listed offline, and synced after sign-up', async ({
  context,
  extensionId,
}) => {
  server = await startTestServer();
  await serveLinkedIn(context);

  // The dashboard is open before the capture: the row must arrive live.
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dashboard.getByRole('heading', { name: 'No applications yet' })).toBeVisible();

  const linkedIn = await context.newPage();
  await applyWithEasyApply(linkedIn);

  const row = dashboard.locator(`tr[data-job-id="${JOB_ID}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: 'Senior Frontend Engineer' })).toHaveAttribute('href', JOB_URL);
  for (const cell of ['Acme Robotics', 'Berlin, Germany', 'LinkedIn', 'Applied']) {
    await expect(row).toContainText(cell);
  }
  await expect(dashboard.getByText('1 application', { exact: true })).toBeVisible();
  // Not on any server yet: the dashboard says a change is waiting.
  await expect(dashboard.getByTestId('pending-changes')).toHaveText('1 change waiting');

  // The popup, opened as a tab, lists it while no server is reachable.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const latest = popup.getByRole('list', { name: 'Latest applications' });
  await expect(latest.getByRole('listitem')).toHaveCount(1);
  await expect(latest).toContainText('Senior Frontend Engineer');
  await expect(latest).toContainText('Acme Robotics');
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  await expect(popup.getByLabel('Server address')).toHaveValue('http://localhost:5000');

  const unreachable = `http://127.0.0.1:${await closedPort()}`;
  await signUp(popup, unreachable);
  await expect(popup.getByRole('alert')).toContainText("Can't reach the server");
  await expect(latest.getByRole('listitem')).toHaveCount(1);

  // The popup validates the address before saving it.
  await popup.getByLabel('Server address').fill('ftp://example.com');
  await popup.getByRole('button', { name: 'Save address' }).click();
  await expect(popup.getByText('Enter an http:// or https:// address.')).toBeVisible();

  await signUp(popup, server.url);
  await enterEmailedCode(popup, server.dataDir, USER.email);
  await expect(popup.getByText(`Signed in as ${USER.name}`)).toBeVisible();
  await expect(popup.getByLabel('Server address')).toBeDisabled();

  let synced: ServerDoc | undefined;
  await expect
    .poll(async () => (synced = await jobOnServer(server!.url))?.title, { timeout: 15_000 })
    .toBe('Senior Frontend Engineer');
  expect(synced).toMatchObject({ company: 'Acme Robotics', location: 'Berlin, Germany', status: 'applied' });
  await expect(popup.getByTestId('sync-status')).toHaveText('Synced');
  await expect(dashboard.getByTestId('sync-status')).toHaveText('Synced');
  await expect(dashboard.getByTestId('pending-changes')).toHaveText('All changes synced');
  await expect(dashboard.locator('.dashboard-sync')).not.toContainText('Last synced: never');

  // Applying again to the same posting updates the one record, locally and on the server.
  await applyWithEasyApply(linkedIn);
  await expect
    .poll(async () => (await jobOnServer(server!.url))?._rev.split('-')[0], { timeout: 15_000 })
    .toBe('2');
  const updated = await jobOnServer(server.url);
  expect(updated?.updatedAt).not.toBe(synced?.updatedAt);
  expect(updated?.createdAt).toBe(synced?.createdAt);
  await expect(dashboard.locator('tbody tr')).toHaveCount(1);
  await expect(dashboard.getByText('1 application', { exact: true })).toBeVisible();
  await expect(latest.getByRole('listitem')).toHaveCount(1);

  // The server goes away: the popup says offline and the local list keeps working.
  await server.stop();
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await expect(popup.getByTestId('sync-status')).toHaveText('Offline', { timeout: 15_000 });
  await popup.reload();
  await expect(latest.getByRole('listitem')).toHaveCount(1);
  await expect(latest).toContainText('Senior Frontend Engineer');

  // Signing out asks about the local data; keeping it stops sync and leaves the jobs here.
  await popup.getByRole('button', { name: 'Sign out' }).click();
  await popup.getByRole('button', { name: 'Keep and sign out' }).click();
  await expect(popup.getByTestId('sync-status')).toHaveText('Not syncing');
  await expect(popup.getByLabel('Server address')).toBeEnabled();
  await expect(latest.getByRole('listitem')).toHaveCount(1);

  // "Open dashboard" opens the extension's dashboard in a tab.
  const [opened] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Open dashboard' }).click()]);
  await expect(opened).toHaveURL(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(opened.locator(`tr[data-job-id="${JOB_ID}"]`)).toContainText('Acme Robotics');
});
