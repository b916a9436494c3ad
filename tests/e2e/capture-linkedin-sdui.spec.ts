import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { shippedRules } from '../../shared/rules/shipped';
import { fixturePath } from '../fixtures/load';
import { expect, test } from './fixtures';
import { isRecorded, openExtensionPage, storedJob } from './local-jobs';

/**
 * LinkedIn's current layout (SDUI: hashed classes, nothing marked in the top
 * card), on the reconstruction of a real saved job view. That page was saved
 * after an application on the company site; the page as it was before
 * applying is the same page without its "Application status" section.
 */
const JOB_URL = 'https://www.linkedin.com/jobs/view/4106060606/';
const JOB_ID = 'linkedin:4106060606';
const AFTER_OFFSITE = readFileSync(fixturePath('linkedin/sdui-job-view-applied-offsite.html'), 'utf8');

function beforeApplying(): string {
  const section = AFTER_OFFSITE.indexOf('<h2 class="_29bfc5c9 _5c30952a">Application status</h2>');
  const start = AFTER_OFFSITE.lastIndexOf('  <div class="e5a3b538 _47d4dd69"><div class="e5a3b538 d52c9882">', section);
  const end = AFTER_OFFSITE.indexOf('  <div class="_86602484" componentkey="JobDetailsPeopleWhoCanHelpSlot_');
  // The cut must find its section: a changed fixture fails here, not with a misleading capture result.
  expect(section > start && start > 0 && end > section).toBe(true);
  const html = AFTER_OFFSITE.slice(0, start) + AFTER_OFFSITE.slice(end);
  expect(html).not.toContain('>Applied on company site<');
  return html;
}

async function serveJobView(context: BrowserContext, html: string) {
  await context.route('https://www.linkedin.com/**', (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
}

function toast(page: Page) {
  return page.locator('trackruit-controls').getByRole('status');
}

const JOB = {
  title: 'Junior Data Engineer',
  company: 'Tulip Quant',
  location: 'Rotterdam, South Holland, Netherlands',
  url: JOB_URL,
  status: 'applied',
  source: 'auto_detect',
  schemaVersion: 3,
};

test('SDUI job view: nothing is offered for the "Applied" of a similar job or the description, and Easy Apply is recorded', async ({
  context,
  extensionId,
}) => {
  await serveJobView(context, beforeApplying());
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto(JOB_URL);
  await expect(page.getByText('Junior Data Engineer', { exact: true }).first()).toBeVisible();

  // Longer than the content script's check delay: a wrongly read "Applied" would be offered by now.
  await page.waitForTimeout(1000);
  await expect(page.locator('trackruit-controls').getByRole('button', { name: 'Record in TrackRuit' })).toHaveCount(0);
  expect(await isRecorded(probe, 'linkedin', '4106060606')).toBe(false);

  // LinkedIn's confirmation appears over the page once the application is sent.
  await page.evaluate(() => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'post-apply-modal');
    dialog.innerHTML = '<h2 id="post-apply-modal">Application sent</h2><p>Your application was sent to Tulip Quant!</p><button type="button">Done</button>';
    document.body.append(dialog);
  });

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Junior Data Engineer · Tulip Quant');
  await expect.poll(() => storedJob(probe, JOB_ID)).toMatchObject({
    ...JOB,
    employmentType: 'Full-time',
    detection: { rulesVersion: shippedRules.version, signal: 'easy_apply_confirmation', layout: 'top-card-structure' },
  });
  // The dashboard opens on the upgraded database and lists the job.
  await probe.reload();
  await expect(probe.getByText('Junior Data Engineer').first()).toBeVisible();
});

test('SDUI job view: "Applied on company site" is offered for recording, and recorded with one click', async ({ context, extensionId }) => {
  await serveJobView(context, AFTER_OFFSITE);
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();
  await page.goto(JOB_URL);

  const record = page.locator('trackruit-controls').getByRole('button', { name: 'Record in TrackRuit' });
  await expect(record).toBeVisible();
  expect(await isRecorded(probe, 'linkedin', '4106060606')).toBe(false);
  await record.click();

  await expect(toast(page)).toContainText('Recorded in TrackRuit: Junior Data Engineer · Tulip Quant');
  await expect(record).toBeHidden();
  await expect.poll(() => storedJob(probe, JOB_ID)).toMatchObject({
    ...JOB,
    detection: { rulesVersion: shippedRules.version, signal: 'applied_badge', layout: 'top-card-structure' },
  });
  // The similar job the page also shows as "Applied" is not recorded.
  expect(await isRecorded(probe, 'linkedin', '4107070707')).toBe(false);
});
