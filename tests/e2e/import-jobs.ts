import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Puts jobs on the device the way a user would: Settings, Import, a JSON file. Returns the dashboard page. */
export async function importJobs(context: BrowserContext, extensionId: string, jobs: unknown[]): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await page.getByLabel('File to import (JSON or CSV)').setInputFiles({ name: 'jobs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(jobs)) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText(`Imported ${jobs.length} application`);
  return page;
}
