import { computeInsights } from '../../shared/insights';
import { screenshotJobs } from '../../scripts/screenshot-jobs';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';

test('Insights shows the numbers computed from the jobs on the device, offline, and passes axe in light and dark', async ({ context, extensionId }) => {
  await context.setOffline(true);
  const jobs = screenshotJobs(new Date());
  const expected = computeInsights(jobs, { now: new Date() });

  const page = await importJobs(context, extensionId, jobs);
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/insights`);
  const tiles = page.locator('.insights-tiles');
  await expect(tiles.locator('.insights-tile').filter({ hasText: 'Applications' }).locator('.insights-tile-value')).toHaveText(String(expected.responseRate.applied));
  await expect(tiles.locator('.insights-tile').filter({ hasText: 'Response rate' })).toContainText(`${expected.responseRate.responded} answered`);
  // Every chart is a figure with a caption, and its numbers are also in a table for screen readers.
  expect(await page.getByRole('figure').count()).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole('table').first()).toBeAttached();
  await expectNoSeriousA11yViolations(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});

test('Insights with no applications says so', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/insights`);
  await expect(page.getByText('No applications yet')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
