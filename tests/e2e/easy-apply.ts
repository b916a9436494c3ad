import type { BrowserContext, Page } from '@playwright/test';
import { fixturePath } from '../fixtures/load';
import { expect } from './fixtures';

/** The saved LinkedIn job page the content script captures from, and the record it makes. */
export const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
export const JOB_ID = 'linkedin:4012345678';

export async function serveLinkedIn(context: BrowserContext): Promise<void> {
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({ path: fixturePath('linkedin/job-view-easy-apply.html'), contentType: 'text/html; charset=utf-8' }),
  );
}

/** Applies with Easy Apply as a user would; the content script records the job from the confirmation. */
export async function applyWithEasyApply(page: Page): Promise<void> {
  await page.goto(JOB_URL);
  await page.getByRole('button', { name: /Easy Apply to Senior Frontend Engineer/ }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application sent' })).toBeVisible();
}
