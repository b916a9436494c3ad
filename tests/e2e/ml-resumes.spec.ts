import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';
import { addResume, goodResumeFile, importedJob } from './ml-resumes-setup';

/**
 * The Resumes page's ATS check and feedback, with no server: the check reads
 * the file again in the resume worker (layout included) and runs in the ML
 * worker; feedback comes from the ML worker too.
 */
const TWO_COLUMN_PDF = path.resolve('tests/fixtures/resumes/resume2_two_column.pdf');
const ATS_ITEMS = 14;

const items = (page: Page) => page.getByRole('list', { name: 'ATS check items' }).getByRole('listitem');
const itemStatus = (page: Page, id: string) => page.locator(`.ats-item[data-item="${id}"]`);

async function runCheck(page: Page, file: 'The file you uploaded' | 'TrackRuit’s ATS PDF export' | 'TrackRuit’s ATS DOCX export') {
  await page.getByLabel('File to check').selectOption({ label: file });
  await page.getByRole('button', { name: 'Run ATS check' }).click();
  await expect(items(page)).toHaveCount(ATS_ITEMS, { timeout: 60_000 });
}

test('the ATS check of a two-column PDF warns about its columns, with how to fix it', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await context.setOffline(true);
  const page = await context.newPage();
  await addResume(page, extensionId, TWO_COLUMN_PDF, 'resume2 two column');

  await runCheck(page, 'The file you uploaded');
  await expect(itemStatus(page, 'columns-tables')).toHaveAttribute('data-status', 'warn');
  await expect(itemStatus(page, 'columns-tables')).toContainText('2 columns side by side');
  await expect(itemStatus(page, 'columns-tables')).toContainText('How to fix: Use a single column');
  await expect(itemStatus(page, 'text-layer')).toHaveAttribute('data-status', 'pass');
  await expect(itemStatus(page, 'file-type-size')).toHaveAttribute('data-status', 'pass');
  // No job chosen: nothing to count keywords against.
  await expect(itemStatus(page, 'keyword-coverage')).toHaveAttribute('data-status', 'not-checked');

  // TrackRuit's own export of the same resume lays it out in one column.
  await runCheck(page, 'TrackRuit’s ATS PDF export');
  await expect(itemStatus(page, 'columns-tables')).toHaveAttribute('data-status', 'pass');
  await expectNoSeriousA11yViolations(page);
});

test('TrackRuit’s ATS export passes every item against a chosen job, and feedback names a skill that job asks for', async ({ context, extensionId }) => {
  test.setTimeout(150_000);
  await context.setOffline(true);
  const backend = importedJob(1, 'Senior Backend Engineer', 'Senior backend engineer.\nRequirements: TypeScript, Python, PostgreSQL and Kubernetes.\nNice to have: Terraform.', 'saved');
  const graph = importedJob(2, 'Backend Engineer, API platform', 'Requirements: TypeScript, PostgreSQL and GraphQL.\nNice to have: Kubernetes.', 'applied');
  const page = await importJobs(context, extensionId, [backend, graph]);
  await addResume(page, extensionId, await goodResumeFile(), 'Grace Hopper');

  await page.getByLabel('Check against').selectOption({ label: 'Senior Backend Engineer, Company 1 (saved)' });
  for (const file of ['The file you uploaded', 'TrackRuit’s ATS PDF export', 'TrackRuit’s ATS DOCX export'] as const) {
    await runCheck(page, file);
    await expect(page.getByTestId('ats-summary')).toHaveText(`${ATS_ITEMS} of ${ATS_ITEMS} passed, 0 warnings, 0 failed. Nothing to fix.`);
    for (const item of await items(page).all()) await expect(item).toHaveAttribute('data-status', 'pass');
  }

  // Feedback for the GraphQL job: the required skill the resume does not name comes first (it shows APIs, a related skill).
  await page.getByLabel('Check against').selectOption({ label: 'Backend Engineer, API platform, Company 2 (applied)' });
  const changes = page.getByRole('list', { name: 'Changes that would raise your match' }).getByRole('listitem');
  await expect(changes.first()).toHaveAttribute('data-skill', 'GraphQL');
  await expect(changes.first()).toContainText(/^\+[\d.]+ points (Show|Name) GraphQL\b.* if you have used it/);
  // The keyword check follows the chosen job at once (the file was read already).
  await expect(itemStatus(page, 'keyword-coverage')).toContainText('Missing: GraphQL');

  // No one job: feedback across both jobs being applied to.
  await page.getByLabel('Check against').selectOption({ label: 'No one job: the jobs you are applying to' });
  await expect(page.getByText('across the 2 jobs you are applying to')).toBeVisible();
  await expect(changes.filter({ hasText: 'GraphQL' })).toContainText('(helps 1 of 2 jobs)');
  await expectNoSeriousA11yViolations(page);
});
