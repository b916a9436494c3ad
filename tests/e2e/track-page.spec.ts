import type { BrowserContext, Page } from '@playwright/test';
import { jobIdFor } from '../../shared/jobs/capture';
import { fixturePath } from '../fixtures/load';
import { shippedRules } from '../../shared/rules/shipped';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';
import { clickToolbarIcon } from './toolbar-action';

const CAREER_PAGE = 'https://boards.greenhouse.io/initech/jobs/5551234?gh_src=linkedin&utm_source=x';
const CANONICAL_URL = 'https://boards.greenhouse.io/initech/jobs/5551234';
const PLAIN_PAGE = 'https://plain.example.org/about';

async function servePages(context: BrowserContext) {
  await context.route('https://boards.greenhouse.io/**', (route) =>
    route.fulfill({ path: fixturePath('generic/greenhouse-job.html'), contentType: 'text/html; charset=utf-8' }),
  );
  await context.route('https://plain.example.org/**', (route) =>
    route.fulfill({ body: '<!doctype html><html><body><p>About us.</p></body></html>', contentType: 'text/html; charset=utf-8' }),
  );
}

async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

test('Track this page reads a career page through activeTab only, and the corrected job reaches the dashboard', async ({
  context,
  extensionId,
}) => {
  await servePages(context);
  const careerPage = await context.newPage();
  await careerPage.goto(CAREER_PAGE);

  // No host permission for this site and no click on the icon yet: the browser refuses.
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Track this page' }).click();
  await expect(popup.getByRole('alert')).toContainText('TrackRuit can read a page only after you click its toolbar icon');

  // The user clicks the toolbar icon on the career page: Chromium grants activeTab for that tab.
  await careerPage.bringToFront();
  await clickToolbarIcon(context, extensionId, careerPage);
  await popup.reload();
  await popup.getByRole('button', { name: 'Track this page' }).click();

  await expect(popup.getByRole('status').filter({ hasText: 'Check the details before saving.' })).toBeVisible();
  const form = popup.getByRole('form', { name: 'Job details' });
  await expect(form.getByLabel('Job title')).toHaveValue('Platform Engineer');
  await expect(form.getByLabel('Company')).toHaveValue('Initech');
  await expect(form.getByLabel('Location')).toHaveValue('Austin, TX, United States; Remote, US');
  await expect(form.getByLabel('Job address')).toHaveValue(CANONICAL_URL);
  await expect(form.getByLabel('Salary')).toHaveValue('USD 120,000–150,000 per year');
  await expect(form.getByLabel('Employment type')).toHaveValue('Full-time, Contract');
  await expect(form.getByLabel('Description (excerpt)')).toHaveValue(/Run our Kubernetes platform & CI\./);
  // The page's script-in-a-string never becomes markup.
  await expect(form.getByLabel('Description (excerpt)')).not.toHaveValue(/<script>/);

  await form.getByLabel('Company').fill('Initech Inc.');
  await form.getByRole('button', { name: 'Save job' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved: Platform Engineer' })).toBeVisible();
  const latest = popup.getByRole('list', { name: 'Latest applications' });
  await expect(latest).toContainText('Initech Inc.');

  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const row = dashboard.locator('tbody tr').filter({ hasText: 'Platform Engineer' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: 'Platform Engineer' })).toHaveAttribute('href', CANONICAL_URL);
  for (const cell of ['Initech Inc.', 'Austin, TX', 'Other', 'Applied']) await expect(row).toContainText(cell);
  // Career-page ids are per employer, so the record is keyed by the canonical URL.
  await expect(row).toHaveAttribute('data-job-id', jobIdFor('other', '5551234', CANONICAL_URL));
  // The record keeps what recognised the page: its JobPosting, read with the shipped rules.
  expect(await storedJob(dashboard, jobIdFor('other', '5551234', CANONICAL_URL))).toMatchObject({
    source: 'manual',
    detection: { rulesVersion: shippedRules.version, signal: 'structured_data' },
  });
});

test('Track this page on a page without a job, and on a browser page', async ({ context, extensionId }) => {
  await servePages(context);
  const page = await context.newPage();
  await page.goto(PLAIN_PAGE);
  await clickToolbarIcon(context, extensionId, page);

  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Track this page' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'No job found on this page. You can enter the details yourself.' })).toBeVisible();
  const form = popup.getByRole('form', { name: 'Job details' });
  await expect(form.getByLabel('Job address')).toHaveValue(PLAIN_PAGE);
  await expect(form.getByLabel('Job title')).toHaveValue('');

  await form.getByRole('button', { name: 'Save job' }).click();
  await expect(form.getByText('Enter the job title.')).toBeVisible();
  await form.getByLabel('Job title').fill('Office Manager');
  await form.getByLabel('Company').fill('Plain Example');
  await form.getByRole('button', { name: 'Save job' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved: Office Manager' })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Latest applications' })).toContainText('Plain Example');

  // The browser's own pages cannot be read, with or without the icon click.
  await page.goto('chrome://version/');
  await page.bringToFront();
  await clickToolbarIcon(context, extensionId, page);
  await popup.reload();
  await popup.getByRole('button', { name: 'Track this page' }).click();
  await expect(popup.getByRole('alert')).toContainText('TrackRuit can’t read this page');
  await expect(popup.getByRole('button', { name: 'Enter a job by hand' })).toBeVisible();
});
