import type { BrowserContext, Page } from '@playwright/test';
import { fixturePath } from '../fixtures/load';
import { expect, test } from './fixtures';

async function serveLinkedIn(context: BrowserContext) {
  await context.route('https://www.linkedin.com/**', (route) =>
    route.fulfill({ path: fixturePath('linkedin/job-view-easy-apply.html'), contentType: 'text/html; charset=utf-8' }),
  );
}

/** Easy Apply on the fixture served at a job id of our choosing: same title and company, another posting. */
async function applyTo(page: Page, jobId: string) {
  await page.goto(`https://www.linkedin.com/jobs/view/${jobId}/`);
  await page.getByRole('button', { name: /Easy Apply to Senior Frontend Engineer/ }).click();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.locator('trackruit-controls').getByRole('status')).toContainText('Recorded in TrackRuit: Senior Frontend Engineer');
}

test('a repost of a job already applied to is flagged; Merge leaves one record, Keep both leaves two', async ({
  context,
  extensionId,
}) => {
  await serveLinkedIn(context);
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const linkedIn = await context.newPage();
  const rows = dashboard.locator('tbody tr');
  const notices = dashboard.getByRole('listitem', { name: /^Possible duplicate:/ });

  await applyTo(linkedIn, '4012345678');
  await expect(rows).toHaveCount(1);
  await expect(notices).toHaveCount(0);

  await applyTo(linkedIn, '4099999999');
  await expect(rows).toHaveCount(2);
  const notice = dashboard.locator('li.notice[data-job-id="linkedin:4099999999"]');
  await expect(notice).toContainText(/Possible duplicate of Senior Frontend Engineer at Acme Robotics \(applied [^)]*\d{4}\)/);
  await expect(notices).toHaveCount(1);

  await notice.getByRole('button', { name: 'Merge' }).click();
  await expect(notices).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(dashboard.locator('tr[data-job-id="linkedin:4012345678"]')).toContainText('Acme Robotics');
  await expect(dashboard.getByText('1 application', { exact: true })).toBeVisible();

  // A third posting: this time the user says they are different applications.
  await applyTo(linkedIn, '4033333333');
  const third = dashboard.locator('li.notice[data-job-id="linkedin:4033333333"]');
  await expect(third).toContainText('Possible duplicate of Senior Frontend Engineer at Acme Robotics');
  await third.getByRole('button', { name: 'Keep both' }).click();
  await expect(notices).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await dashboard.reload();
  await expect(rows).toHaveCount(2);
  await expect(notices).toHaveCount(0);
});
