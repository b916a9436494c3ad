import type { Page } from '@playwright/test';
import { openSeedPage } from '../bench/dashboard/seed';
import { dashboardBenchJobs } from '../bench/dashboard/jobs';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';

/**
 * The open table follows changes made elsewhere (another extension page
 * stands in for the background's captures and pulls), and a bulk change
 * larger than one write reaches every selected job.
 */

const COUNT = 400;
const jobs = dashboardBenchJobs(COUNT);
const rows = (page: Page) => page.locator('tbody tr[data-job-id]');
const headerCount = (page: Page, count: number) => page.locator('.dashboard-header').getByText(`${count} applications`, { exact: true });

test('the table shows renames and deletions from another page, and a bulk change of 400 jobs', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  await context.setOffline(true);
  const seeder = await openSeedPage(context, extensionId);
  expect((await seeder.call('seed', { count: COUNT })).failures).toEqual([]);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);
  await expect(headerCount(page, COUNT)).toBeVisible();

  // The oldest job, renamed elsewhere with the latest change time, comes to the top with its new title.
  const oldest = [...jobs].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))[0]!;
  await seeder.call('touch', { id: oldest.id, title: 'Renamed elsewhere', updatedAt: '2030-01-01T00:00:00.000Z' });
  await expect(rows(page).first()).toHaveAttribute('data-job-id', oldest.id);
  await expect(rows(page).first()).toContainText('Renamed elsewhere');

  // Deleted elsewhere: gone from the table and the count.
  await seeder.call('remove', { ids: [oldest.id] });
  await expect(headerCount(page, COUNT - 1)).toBeVisible();
  await expect(page.locator(`tr[data-job-id="${oldest.id}"]`)).toHaveCount(0);
  await seeder.close();

  // Every remaining job to Withdrawn at once: more than one write's worth.
  await page.getByRole('checkbox', { name: `Select all ${COUNT - 1} matching applications` }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await bulk.getByRole('combobox', { name: 'Status' }).selectOption('withdrawn');
  await bulk.getByRole('button', { name: 'Set status' }).click();
  await expect(page.getByText(`Moved ${COUNT - 1} applications to Withdrawn.`)).toBeVisible();
  const statusChip = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Withdrawn', exact: true });
  await statusChip.click();
  await expect(page.locator('#table-summary')).toHaveText(`${COUNT - 1} of ${COUNT - 1} applications match with 1 filter`);
  for (const job of [jobs[0]!, jobs[COUNT - 2]!]) {
    if (job.id === oldest.id) continue;
    const stored = await storedJob(page, job.id);
    expect(stored).toMatchObject({ status: 'withdrawn' });
    expect((stored?.statusHistory as { status: string }[]).at(-1)?.status).toBe('withdrawn');
  }
});
