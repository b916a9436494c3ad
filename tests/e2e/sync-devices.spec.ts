import { startTestServer, type TestServer } from '../helpers/test-server';
import { extensionWorker, launchExtensionContext, type ExtensionContext } from './extension-context';
import { applyWithEasyApply, JOB_ID, JOB_URL, serveLinkedIn } from './easy-apply';
import { expect, test } from './fixtures';
import { openExtensionPage, storedJob } from './local-jobs';
import { msUntil, newAccount, openPopup, registerAccount, ServerDatabase, signIn } from './sync-account';
import { clickToolbarIcon } from './toolbar-action';

let server: TestServer | undefined;
let deviceB: ExtensionContext | undefined;

test.afterEach(async () => {
  await deviceB?.close();
  deviceB = undefined;
  await server?.stop();
  server = undefined;
});

const updatedAt = (doc: Record<string, unknown> | undefined) => (typeof doc?.updatedAt === 'string' ? doc.updatedAt : undefined);

test('two browsers signed in to one account see each other’s captures and edits within seconds', async ({ context, extensionId }, testInfo) => {
  server = await startTestServer();
  const account = newAccount('Ada Lovelace');
  await registerAccount(server, account);
  const remote = await ServerDatabase.open(server.url, account);

  deviceB = await launchExtensionContext();
  const contextB = deviceB.context;
  const extensionIdB = new URL((await extensionWorker(contextB)).url()).host;
  await serveLinkedIn(context);
  await serveLinkedIn(contextB);

  const popupA = await openPopup(context, extensionId);
  await signIn(popupA, server.url, account);
  const popupB = await openPopup(contextB, extensionIdB);
  await signIn(popupB, server.url, account);
  // Both dashboards are open before the changes: rows must arrive live, with no reload.
  const dashboardA = await openExtensionPage(context, extensionId);
  const dashboardB = await openExtensionPage(contextB, extensionIdB);
  await expect(dashboardB.getByRole('heading', { name: 'No applications yet' })).toBeVisible();

  // A captures: the job reaches B's database and dashboard.
  await applyWithEasyApply(await context.newPage());
  await expect.poll(async () => updatedAt(await storedJob(dashboardA, JOB_ID))).toBeDefined();
  const capturedAt = updatedAt(await storedJob(dashboardA, JOB_ID))!;
  const aToB = await msUntil(Date.parse(capturedAt), () => storedJob(dashboardB, JOB_ID), (doc) => updatedAt(doc) === capturedAt);
  const rowB = dashboardB.locator(`[data-job-id="${JOB_ID}"]`);
  for (const cell of ['Senior Frontend Engineer', 'Acme Robotics', 'Berlin, Germany', 'Applied']) await expect(rowB).toContainText(cell);
  expect(await storedJob(dashboardB, JOB_ID)).toMatchObject({ company: 'Acme Robotics', location: 'Berlin, Germany', status: 'applied' });

  // B corrects the location through "Track this page", which updates the synced record ("Updated"):
  // the edit reaches A's database and dashboard.
  const linkedInB = await contextB.newPage();
  await linkedInB.goto(JOB_URL);
  await clickToolbarIcon(contextB, extensionIdB, linkedInB);
  await popupB.reload();
  await popupB.getByRole('button', { name: 'Track this page' }).click();
  const form = popupB.getByRole('form', { name: 'Job details' });
  await expect(form.getByLabel('Job title')).toHaveValue('Senior Frontend Engineer');
  await form.getByLabel('Location').fill('Remote, Germany');
  await form.getByRole('button', { name: 'Save job' }).click();
  await expect(popupB.getByRole('status').filter({ hasText: 'Updated: Senior Frontend Engineer' })).toBeVisible();
  const edited = await storedJob(dashboardB, JOB_ID);
  expect(edited).toMatchObject({ location: 'Remote, Germany' });
  const editedAt = updatedAt(edited)!;
  const bToA = await msUntil(Date.parse(editedAt), () => storedJob(dashboardA, JOB_ID), (doc) => doc?.location === 'Remote, Germany');
  await expect(dashboardA.locator(`[data-job-id="${JOB_ID}"]`)).toContainText('Remote, Germany');
  // One record everywhere: the edit updated the captured job instead of adding a second one.
  await expect(dashboardA.locator('[data-job-id]')).toHaveCount(1);
  await expect(dashboardB.locator('[data-job-id]')).toHaveCount(1);
  expect(await remote.get(JOB_ID)).toMatchObject({ location: 'Remote, Germany', company: 'Acme Robotics', createdAt: (await storedJob(dashboardA, JOB_ID))?.createdAt });

  testInfo.annotations.push({ type: 'timing', description: `capture A→B ${aToB} ms, edit B→A ${bToA} ms` });
  console.log(`sync-devices: capture A→B ${aToB} ms, edit B→A ${bToA} ms`);
  expect(aToB).toBeLessThan(5_000);
  expect(bToA).toBeLessThan(5_000);
});
