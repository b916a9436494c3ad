import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { stampResumeFieldTimes } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { expect, test } from './fixtures';

// The callbacks below run in the extension's service worker, where `chrome` exists.
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

async function openSettings(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(page.getByRole('heading', { name: 'Import' })).toBeVisible();
  return page;
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('File to import (JSON or CSV)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

test('resumes go out with the JSON export and come back by import once; one it cannot read is named with the reason', async ({ context, extensionId }) => {
  const good = stampResumeFieldTimes(undefined, testResume({ id: crypto.randomUUID(), name: 'Backend 2026' }));
  const bad = { ...testResume({ id: crypto.randomUUID() }), name: '' };
  const page = await openSettings(context, extensionId);
  await importFile(page, 'resumes.json', JSON.stringify({ format: 'trackruit-jobs', version: 2, jobs: [], resumes: [good, bad] }));
  const resumes = page.getByTestId('import-resumes-report');
  await expect(resumes).toContainText('Imported 1 resume of 2 resumes in the file.');
  await expect(resumes.getByRole('alert')).toContainText('Resume 2: name: a resume needs a name');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  await expect(page.getByText(`Saved 0 applications and 1 resume to ${download.suggestedFilename()}.`)).toBeVisible();
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { version: number; resumes: Record<string, unknown>[] };
  expect(exported.version).toBe(2);
  expect(exported.resumes).toHaveLength(1);
  expect(exported.resumes[0]).toMatchObject({ id: good.id, name: 'Backend 2026', resume: good.resume, file: good.file });

  await importFile(page, download.suggestedFilename(), JSON.stringify(exported));
  await expect(resumes).toContainText('Imported 0 resumes of 1 resume in the file.');
  await expect(resumes).toContainText('1 resume was already on this device and left as they are');

  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/resumes`);
  await expect(page.locator('.resume-item')).toHaveCount(1);
  await expect(page.locator('.resume-item')).toContainText('Backend 2026');
});

test('a refused resume is listed by name beside refused applications, and resumes and files count as waiting', async ({ context, extensionId, serviceWorker }) => {
  const at = '2026-11-20T10:00:00.000Z';
  const issues = [
    { id: 'r1', kind: 'resume', name: 'Backend 2026', issues: [{ path: '(document)', message: 'has fields a resume does not have' }], at },
    { id: 'linkedin:4012345678', issues: [{ path: 'title', message: 'Too big' }], at },
  ];
  await serviceWorker.evaluate(
    (items) => chrome.storage.local.set(items),
    // As the background keeps changes waiting: a key per id, and the counts pages show.
    { syncIssues: issues, 'pending:linkedin:1': 1, 'pending:resume:r2': 1, 'pending:resume-file:r2': 1, pendingSummary: { changes: 2, files: 1 } },
  );
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const notice = dashboard.getByRole('status').filter({ hasText: 'kept on this device only' });
  await expect(notice).toContainText('1 application and 1 resume are kept on this device only: the server refused them');
  await notice.getByText('Show why').click();
  await expect(notice).toContainText('Resume “Backend 2026”: has fields a resume does not have');
  await expect(notice).toContainText('linkedin:4012345678: title: Too big');
  await expect(dashboard.getByTestId('pending-changes')).toHaveText('2 changes and 1 file waiting');
});
