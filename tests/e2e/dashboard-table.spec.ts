import type { Page } from '@playwright/test';
import { JOB_DOC_VERSION, type Job } from '../../shared/schema';
import { openSeedPage } from '../bench/dashboard/seed';
import { dashboardBenchJobs } from '../bench/dashboard/jobs';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';

/**
 * The applications table with the built extension and no server at all (the
 * browser is offline): jobs go in through the extension's import path, then
 * the table filters, searches, sorts, and changes and deletes jobs in bulk.
 */

const GENERATED = 250;
const generated = dashboardBenchJobs(GENERATED);

function handMade(id: string, fields: Partial<Job>, updatedAt: string): Job {
  return {
    id,
    schemaVersion: JOB_DOC_VERSION,
    title: 'Untitled',
    company: '',
    platform: 'other',
    url: `https://careers.example.org/${id.replace(':', '-')}`,
    appliedAt: updatedAt,
    status: 'applied',
    statusHistory: [{ status: 'applied', at: updatedAt }],
    source: 'manual',
    isActive: true,
    createdAt: updatedAt,
    updatedAt,
    ...fields,
  };
}

// Changed after every generated job, so they lead the default order (A first).
const A = handMade(
  'manual:marine',
  {
    title: 'Marine Biologist',
    company: 'Oceanic Labs',
    location: 'Lisbon, Portugal',
    tags: ['bulkmark'],
    notes: [{ id: 'n1', text: 'Zebrafish project; ask about relocation', at: '2027-01-03T10:00:00.000Z' }],
  },
  '2027-01-03T10:00:00.000Z',
);
const B = handMade(
  'manual:curator',
  { title: 'Aquarium Curator', company: 'Oceanic Labs', description: 'Care for our zebrafish colonies.', tags: ['bulkmark'] },
  '2027-01-02T10:00:00.000Z',
);
const C = handMade('manual:fishery', { title: 'Fishery Analyst', company: 'Northern Seas', tags: ['bulkmark'] }, '2027-01-01T10:00:00.000Z');
const EXTRA = [A, B, C];
const TOTAL = GENERATED + EXTRA.length;

const rows = (page: Page) => page.locator('tbody tr[data-job-id]');
const summary = (page: Page) => page.locator('#table-summary');
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search applications' });
const headerCount = (page: Page, count: number) => page.locator('.dashboard-header').getByText(`${count} applications`, { exact: true });

async function rowIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((elements) => elements.map((element) => element.getAttribute('data-job-id') ?? ''));
}

test('the table filters, searches, sorts and edits in bulk with no server, and passes axe', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  // No server and no network: the dashboard works from the browser's own database.
  await context.setOffline(true);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page.getByRole('heading', { name: 'No applications yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add job' }).click();
  await expect(page).toHaveURL(/#\/new$/);
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);

  const seeder = await openSeedPage(context, extensionId);
  const seeded = await seeder.call('seed', { count: GENERATED, extra: EXTRA });
  expect(seeded.failures).toEqual([]);
  await seeder.close();

  // The open table picks the import up live.
  await expect(headerCount(page, TOTAL)).toBeVisible();
  await expect(rows(page).first()).toHaveAttribute('data-job-id', A.id);
  await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
  // Virtualised: only the rows around the visible part are in the page.
  expect(await rows(page).count()).toBeLessThan(60);
  await expectNoSeriousA11yViolations(page);

  // Filter by status.
  const interviews = generated.filter((job) => job.status === 'interview').length;
  const interviewChip = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Interview', exact: true });
  await interviewChip.click();
  await expect(interviewChip).toHaveAttribute('aria-pressed', 'true');
  await expect(summary(page)).toHaveText(`${interviews} of ${TOTAL} applications match with 1 filter`);
  expect(new Set(await rows(page).locator('.status-pill').allTextContents())).toEqual(new Set(['Interview']));
  await interviewChip.click();
  await expect(summary(page)).toHaveText(`Showing all ${TOTAL} applications`);

  // Search: notes and descriptions count, every word must match.
  await search(page).fill('zebrafish');
  await expect(summary(page)).toHaveText(`2 of ${TOTAL} applications match “zebrafish”`);
  expect(await rowIds(page)).toEqual([A.id, B.id]);
  await search(page).fill('zebrafish relocation');
  await expect(summary(page)).toHaveText(`1 of ${TOTAL} applications match “zebrafish relocation”`);
  expect(await rowIds(page)).toEqual([A.id]);

  // Nothing matches: say so, and offer the way back.
  await search(page).fill('zebrafish kubernetes');
  await expect(page.getByRole('heading', { name: 'Nothing matches these filters' })).toBeVisible();
  await page.locator('.empty-state').getByRole('button', { name: 'Clear filters' }).click();
  await expect(search(page)).toHaveValue('');
  await expect(summary(page)).toHaveText(`Showing all ${TOTAL} applications`);

  // Sort by company, both ways.
  const companyHeader = page.getByRole('columnheader', { name: 'Company' });
  await companyHeader.getByRole('button').click();
  await expect(companyHeader).toHaveAttribute('aria-sort', 'ascending');
  const firstCompany = [...generated, ...EXTRA].map((job) => job.company.toLowerCase()).sort()[0];
  await expect(rows(page).first().locator('td').nth(1)).toHaveText(new RegExp(`^${firstCompany}$`, 'i'));
  await companyHeader.getByRole('button').click();
  await expect(companyHeader).toHaveAttribute('aria-sort', 'descending');
  // Oceanic Labs twice, the most recently changed first; then Northern Seas.
  expect((await rowIds(page)).slice(0, 3)).toEqual([A.id, B.id, C.id]);

  // Keyboard: arrows move between rows, Enter opens the job's details.
  await rows(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/jobs/${encodeURIComponent(B.id)}$`));
  await page.goBack();
  // The table comes back as it was left.
  await expect(companyHeader).toHaveAttribute('aria-sort', 'descending');
  // The posting itself stays one click away.
  await expect(rows(page).first().getByRole('link', { name: A.title })).toHaveAttribute('href', A.url);

  // Bulk: everything matching a search, moved to Offer and tagged.
  await search(page).fill('bulkmark');
  await expect(summary(page)).toHaveText(`3 of ${TOTAL} applications match “bulkmark”`);
  await page.getByRole('checkbox', { name: 'Select all 3 matching applications' }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk.getByText('3 selected')).toBeVisible();
  await bulk.getByRole('combobox', { name: 'Status' }).selectOption('offer');
  await bulk.getByRole('button', { name: 'Set status' }).click();
  await expect(page.getByText('Moved 3 applications to Offer.')).toBeVisible();
  await expect(rows(page).locator('.status-pill')).toHaveText(['Offer', 'Offer', 'Offer']);
  const moved = await storedJob(page, C.id);
  expect((moved?.statusHistory as { status: string }[]).map((entry) => entry.status)).toEqual(['applied', 'offer']);

  await page.getByRole('checkbox', { name: 'Select all 3 matching applications' }).check();
  await bulk.getByRole('combobox', { name: 'Tag' }).fill('shortlist');
  await bulk.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByText('Tagged 3 applications “shortlist”.')).toBeVisible();
  expect((await storedJob(page, A.id))?.tags).toEqual(['bulkmark', 'shortlist']);

  // Shift-click selects a range; the bulk bar and the toast pass axe too.
  await search(page).fill('');
  await expect(summary(page)).toHaveText(`Showing all ${TOTAL} applications`);
  const ids = (await rowIds(page)).slice(0, 4);
  await rows(page).nth(0).getByRole('checkbox').check();
  await rows(page).nth(3).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(bulk.getByText('4 selected')).toBeVisible();
  for (let index = 0; index < 4; index += 1) await expect(rows(page).nth(index).getByRole('checkbox')).toBeChecked();
  await expect(rows(page).nth(4).getByRole('checkbox')).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);

  // Delete, then Undo from the keyboard (it takes focus when it appears).
  await bulk.getByRole('button', { name: 'Delete' }).click();
  await expect(headerCount(page, TOTAL - 4)).toBeVisible();
  await expect(page.getByText('Deleted 4 applications.')).toBeVisible();
  for (const id of ids) expect(await storedJob(page, id)).toBeUndefined();
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Restored 4 applications.')).toBeVisible();
  await expect(headerCount(page, TOTAL)).toBeVisible();
  for (const id of ids) expect(await storedJob(page, id)).toMatchObject({ id });
  expect((await rowIds(page)).slice(0, 4).sort()).toEqual([...ids].sort());
});
