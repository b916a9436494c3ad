import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { isRecorded, openExtensionPage, storedJob } from './local-jobs';

const FIXTURES = path.resolve('tests/fixtures/internshala');
const DETAIL = 'https://internshala.com/internship/detail/web-development-internship-in-bangalore-at-acme-technologies1234567';

async function serveInternshala(context: BrowserContext) {
  await context.route('https://internshala.com/**', (route) => {
    const { pathname } = new URL(route.request().url());
    const file = pathname.startsWith('/internship/detail/') ? 'internship-detail.html' : 'listing-success-hidden.html';
    return route.fulfill({ path: path.join(FIXTURES, file), contentType: 'text/html; charset=utf-8' });
  });
}

test('Internshala: the hidden success dialog records nothing; a submitted application is recorded with its details', async ({
  context,
  extensionId,
}) => {
  await serveInternshala(context);
  const probe = await openExtensionPage(context, extensionId);
  const page = await context.newPage();

  await page.goto('https://internshala.com/internships/web-development-internship/');
  await expect(page.getByText('Application submitted')).toBeHidden();
  await page.waitForTimeout(1000);
  expect(await isRecorded(probe, 'internshala', '1234567')).toBe(false);
  await expect(page.locator('trackruit-controls')).toHaveCount(0);

  await page.goto(DETAIL);
  await page.waitForTimeout(500);
  expect(await isRecorded(probe, 'internshala', '1234567')).toBe(false);
  await page.locator('#easy_apply_button').click();
  await page.locator('#submit').click();
  await expect(page.getByText('Application submitted')).toBeVisible();

  await expect(page.locator('trackruit-controls').getByRole('status')).toContainText(
    'Recorded in TrackRuit: Web Development · Acme Technologies',
  );
  await expect.poll(() => storedJob(probe, 'internshala:1234567')).toMatchObject({
    platform: 'internshala',
    title: 'Web Development',
    company: 'Acme Technologies',
    location: 'Bangalore, Work from home',
    salary: '₹ 10,000 /month',
    duration: '3 Months',
    startDate: 'Immediately',
    employmentType: 'internship',
    url: DETAIL,
  });
});
