import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { isRecorded, openExtensionPage, storedJob } from './local-jobs';

const FIXTURES = path.resolve('tests/fixtures/linkedin');

/** Every LinkedIn URL gets the fixture `pick` chooses for its path (no network, no DNS). */
async function serveLinkedIn(context: BrowserContext, pick: (url: URL) => string) {
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({ path: path.join(FIXTURES, pick(new URL(route.request().url()))), contentType: 'text/html; charset=utf-8' }),
  );
}

function toast(page: Page) {
  return page.locator('trackruit-controls').getByRole('status');
}

test('Easy Apply: the job is recorded with a toast in a shadow root, and Undo removes the record', async ({ context, extensionId }) => {
  await serveLinkedIn(context, () => 'job-view-easy-apply.html');
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/jobs/view/4012345678/');
  await page.getByRole('button', { name: /Easy Apply to Senior Frontend Engineer/ }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Senior Frontend Engineer · Acme Robotics');
  // The toast lives in the host's shadow root, not in the page's DOM.
  expect(
    await page.evaluate(() => ({
      inShadow: document.querySelector('trackruit-controls')?.shadowRoot?.querySelector('[role="status"]') !== null,
      inPage: document.querySelector('[role="status"]') !== null,
      hostParent: document.querySelector('trackruit-controls')?.parentElement?.tagName,
    })),
  ).toEqual({ inShadow: true, inPage: false, hostParent: 'HTML' });
  await expect.poll(() => storedJob(probe, 'linkedin:4012345678')).toMatchObject({
    title: 'Senior Frontend Engineer',
    company: 'Acme Robotics',
    location: 'Berlin, Germany',
    status: 'applied',
    source: 'auto_detect',
  });

  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Removed from TrackRuit.');
  expect(await isRecorded(probe, 'linkedin', '4012345678')).toBe(false);
  await probe.reload();
  await expect(probe.getByRole('heading', { name: 'No applications yet' })).toBeVisible();
});

test('moving between two jobs in-page and applying to the second records the second job', async ({ context, extensionId }) => {
  await serveLinkedIn(context, () => 'search-results-sdui.html');
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data Analyst, Supply Chain');
  // A marker in the page's window survives only if the move is in-page, with no load.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  await page.locator('#job-card-link-4087654321').click();
  await expect(page).toHaveURL(/currentJobId=4087654321/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Site Reliability Engineer');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.locator('#easy-apply-link').click();
  await page.getByRole('button', { name: 'Submit application' }).click();

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Site Reliability Engineer · Initech');
  await expect.poll(() => storedJob(probe, 'linkedin:4087654321')).toMatchObject({
    title: 'Site Reliability Engineer',
    company: 'Initech',
    url: 'https://www.linkedin.com/jobs/view/4087654321/',
  });
  expect(await isRecorded(probe, 'linkedin', '4098765432')).toBe(false);
});

test('employer-site application: No on "Did you finish applying?" records nothing, Yes records the job', async ({
  context,
  extensionId,
}) => {
  await serveLinkedIn(context, () => 'offsite-apply-prompt.html');
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/jobs/view/4034567890/');

  await page.getByRole('button', { name: 'No' }).click();
  await expect(page.getByText('Did you finish applying?')).toHaveCount(0);
  // Longer than the content script's check delay: a wrongly taken "No" would have been stored by now.
  await page.waitForTimeout(1000);
  expect(await isRecorded(probe, 'linkedin', '4034567890')).toBe(false);
  await expect(toast(page)).toHaveCount(0);

  await page.reload();
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(toast(page)).toContainText('Recorded in TrackRuit: Product Designer · Hooli');
  await expect.poll(() => storedJob(probe, 'linkedin:4034567890')).toMatchObject({
    title: 'Product Designer',
    company: 'Hooli',
    location: 'Mountain View, CA',
  });
});

test('a job LinkedIn shows as "Applied" is recorded with one click, and the control then goes away', async ({
  context,
  extensionId,
}) => {
  await serveLinkedIn(context, () => 'job-view-applied-badge.html');
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/jobs/view/4023456789/');

  const record = page.locator('trackruit-controls').getByRole('button', { name: 'Record in TrackRuit' });
  await expect(record).toBeVisible();
  expect(await isRecorded(probe, 'linkedin', '4023456789')).toBe(false);
  await record.click();

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Backend Engineer · Umbrella Health');
  await expect(record).toBeHidden();
  await expect.poll(() => storedJob(probe, 'linkedin:4023456789')).toMatchObject({
    title: 'Backend Engineer',
    company: 'Umbrella Health',
    employmentType: 'Part-time',
  });

  // Reloaded, the job is known: no control.
  await page.reload();
  await page.waitForTimeout(1000);
  await expect(record).toBeHidden();
});

test('a French-interface Easy Apply confirmation records the job', async ({ context, extensionId }) => {
  await serveLinkedIn(context, () => 'job-view-fr.html');
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/jobs/view/4011111111/');

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Ingénieure logiciel embarqué · Acme Robotique');
  await expect.poll(() => storedJob(probe, 'linkedin:4011111111')).toMatchObject({
    title: 'Ingénieure logiciel embarqué',
    company: 'Acme Robotique',
    employmentType: 'Temps plein',
    status: 'applied',
  });
});
