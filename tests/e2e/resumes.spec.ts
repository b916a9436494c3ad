import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Download, Page } from '@playwright/test';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { extensionWorker, launchExtensionContext, type ExtensionContext } from './extension-context';
import { expect, test } from './fixtures';
import { collectPageErrors } from './page-errors';
import { newAccount, openPopup, signIn } from './sync-account';

const FIXTURES = path.resolve('tests/fixtures/resumes');
const TEXT_PDF = path.join(FIXTURES, 'resume1_single_column.pdf');
const SCANNED_PDF = path.join(FIXTURES, 'resume1_single_column_scanned_noisy_200dpi.pdf');

let server: TestServer | undefined;
let deviceB: ExtensionContext | undefined;
let pageErrors: string[][] = [];

test.beforeEach(({ context }) => {
  pageErrors = [collectPageErrors(context)];
});

test.afterEach(async () => {
  await deviceB?.close();
  deviceB = undefined;
  await server?.stop();
  server = undefined;
  // No page may have thrown, even where the test did not look.
  expect(pageErrors.flat()).toEqual([]);
});

async function openResumes(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/resumes`);
  await expect(page.getByRole('heading', { name: 'Add a resume' })).toBeVisible();
  return page;
}

async function pdfText(file: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const parts: string[] = [];
    for (let number = 1; number <= doc.numPages; number += 1) {
      const content = await (await doc.getPage(number)).getTextContent();
      for (const item of content.items) if ('str' in item) parts.push(item.str);
    }
    return parts.join(' ').replace(/\s+/g, ' ');
  } finally {
    await doc.destroy();
  }
}

async function docxText(file: string): Promise<string> {
  const { value } = await mammoth.extractRawText({ path: file });
  return value.replace(/\s+/g, ' ');
}

async function download(page: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return file;
}

const item = (page: Page, name: string) => page.locator('.resume-item').filter({ has: page.getByRole('button', { name, exact: true }) });

test('a text PDF and a scan are read on the device with progress, corrected, exported, and managed', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  const page = await openResumes(context, extensionId);
  await expect(page.getByRole('heading', { name: 'No resumes yet' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A text PDF: parsed, shown in the form, first one becomes active.
  await page.getByLabel('Choose a file').setInputFiles(TEXT_PDF);
  const form = page.getByRole('form', { name: 'Edit resume1 single column' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Maria Elena Fischer', { timeout: 60_000 });
  await expect(form.getByLabel('Email')).toHaveValue('maria.fischer@example.com');
  await expect(item(page, 'resume1 single column')).toContainText('Active');
  await expect(form.getByRole('list', { name: 'Skills' })).toContainText('Kubernetes');
  await expect(form.getByLabel('Company').first()).toHaveValue(/Ledgerline/);

  // Correct a field and save; the correction is what exports use.
  await form.getByLabel('Name', { exact: true }).fill('Maria E. Fischer-Lopez');
  await form.getByLabel('New skill').fill('Rust');
  await form.getByLabel('New skill').press('Enter');
  await form.getByRole('button', { name: 'Save resume' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Reset Contact to what was parsed' })).toBeVisible();

  const pdf = await download(page, 'Export ATS PDF');
  expect(pdf.suggestedFilename()).toBe('resume1-single-column-ATS.pdf');
  const pdfContent = await pdfText(await pdf.path());
  for (const text of ['Maria E. Fischer-Lopez', 'Experience', 'Ledgerline', 'Education', 'Skills', 'Rust']) expect(pdfContent).toContain(text);
  const docx = await download(page, 'Export ATS DOCX');
  expect(docx.suggestedFilename()).toBe('resume1-single-column-ATS.docx');
  const docxContent = await docxText(await docx.path());
  for (const text of ['Maria E. Fischer-Lopez', 'Experience', 'Ledgerline', 'Rust']) expect(docxContent).toContain(text);

  // What was parsed is kept: a section goes back to it.
  await form.getByRole('button', { name: 'Reset Skills to what was parsed' }).click();
  await expect(form.getByRole('button', { name: 'Remove skill Rust' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Save resume' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Reset Skills to what was parsed' })).toHaveCount(0);

  const original = await download(page, 'Download original');
  expect(new Uint8Array(await readFile(await original.path()))).toEqual(new Uint8Array(await readFile(TEXT_PDF)));

  // A scan: OCR page by page with progress; a first attempt is cancelled.
  await page.getByLabel('Choose a file').setInputFiles(SCANNED_PDF);
  await expect(page.getByTestId('resume-progress-text')).toHaveText(/OCR page 1 of 1|Text extraction/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Stopped reading resume1_single_column_scanned_noisy_200dpi.pdf.')).toBeVisible();
  await expect(page.locator('.resume-item')).toHaveCount(1);

  await page.getByLabel('Choose a file').setInputFiles(SCANNED_PDF);
  await expect(page.getByTestId('resume-progress-text')).toHaveText('OCR page 1 of 1', { timeout: 30_000 });
  const scanForm = page.getByRole('form', { name: 'Edit resume1 single column scanned noisy 200dpi' });
  await expect(scanForm.getByLabel('Email')).toHaveValue('maria.fischer@example.com', { timeout: 90_000 });
  await expect(item(page, 'resume1 single column scanned noisy 200dpi')).toContainText('1 read by OCR');

  // Rename, duplicate, choose the active one, delete with undo.
  await page.getByRole('button', { name: 'Rename resume1 single column scanned noisy 200dpi' }).click();
  await page.getByLabel('New name for resume1 single column scanned noisy 200dpi').fill('Scanned copy');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(item(page, 'Scanned copy')).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate Scanned copy' }).click();
  await expect(item(page, 'Scanned copy (copy)')).toBeVisible();
  await page.getByRole('button', { name: 'Make Scanned copy (copy) the active resume' }).click();
  await expect(item(page, 'Scanned copy (copy)')).toContainText('Active');
  await expect(item(page, 'resume1 single column')).not.toContainText('Active');

  await page.getByRole('button', { name: 'Delete Scanned copy (copy)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Scanned copy (copy)”.' })).toBeVisible();
  await expect(page.locator('.resume-item')).toHaveCount(2);
  // The active one went: another takes its place.
  await expect(page.locator('.resume-active-badge')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(item(page, 'Scanned copy (copy)')).toContainText('Active');
  await expect(page.locator('.resume-item')).toHaveCount(3);

  // A file it cannot read gets a clear message.
  await page.getByLabel('Choose a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some text') });
  await expect(page.getByRole('alert')).toContainText('This kind of file cannot be read');

  // Unsaved corrections survive switching to another resume and back.
  await page.getByRole('button', { name: 'resume1 single column', exact: true }).click();
  const first = page.getByRole('form', { name: 'Edit resume1 single column' });
  await first.getByLabel('Location').first().fill('Zürich, Switzerland');
  await page.getByRole('button', { name: 'Scanned copy', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Edit Scanned copy' })).toBeVisible();
  await page.getByRole('button', { name: 'resume1 single column', exact: true }).click();
  await expect(first.getByLabel('Location').first()).toHaveValue('Zürich, Switzerland');
  await first.getByRole('button', { name: 'Save resume' }).click();
  await expect(first.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);

  // Everything is still there after a reload.
  await page.reload();
  await expect(page.locator('.resume-item')).toHaveCount(3);
  await item(page, 'resume1 single column').getByRole('button', { name: 'resume1 single column', exact: true }).click();
  const reloaded = page.getByRole('form', { name: 'Edit resume1 single column' });
  await expect(reloaded.getByLabel('Name', { exact: true })).toHaveValue('Maria E. Fischer-Lopez');
  await expect(reloaded.getByLabel('Location').first()).toHaveValue('Zürich, Switzerland');
  await expect(reloaded.getByRole('list', { name: 'Skills' })).toContainText('Kubernetes');
  await expect(reloaded.getByRole('button', { name: 'Remove skill Rust' })).toHaveCount(0);
});

test('files it cannot read get a clear message and keep nothing', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  const page = await openResumes(context, extensionId);
  const cases: [string, RegExp][] = [
    ['encrypted_userpw.pdf', /protected by a password/],
    ['text_201pages.pdf', /more than 30 pages/],
    ['random_bytes.pdf', /cannot be read/],
    ['empty.pdf', /cannot be read|No text could be found|damaged/],
  ];
  for (const [file, message] of cases) {
    await page.getByLabel('Choose a file').setInputFiles(path.join(FIXTURES, 'stress', file));
    await expect(page.getByRole('alert')).toContainText(`${file}: `, { timeout: 60_000 });
    await expect(page.getByRole('alert')).toContainText(message);
  }
  await expect(page.getByRole('heading', { name: 'No resumes yet' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('the page starts its reader ahead of the first file, keeps it for the next, and replaces one that was stopped', async ({ context, extensionId }) => {
  test.setTimeout(150_000);
  const page = await openResumes(context, extensionId);
  const readers = () => page.workers().filter((worker) => /\/parse\.worker-[^/]*\.js$/.test(worker.url()));
  // Started when the page opened, before any file.
  await expect.poll(() => readers().length).toBe(1);
  const warmed = readers()[0]!;
  let warmedClosed = false;
  warmed.on('close', () => (warmedClosed = true));

  await page.getByLabel('Choose a file').setInputFiles(TEXT_PDF);
  await expect(page.getByRole('form', { name: 'Edit resume1 single column' }).getByLabel('Email')).toHaveValue('maria.fischer@example.com', { timeout: 60_000 });
  await page.getByLabel('Choose a file').setInputFiles(path.join(FIXTURES, 'resume3_skills_table.docx'));
  await expect(page.getByRole('form', { name: 'Edit resume3 skills table' })).toBeVisible({ timeout: 60_000 });
  expect(readers()).toEqual([warmed]);
  expect(warmedClosed).toBe(false);

  // Cancelled mid-OCR: that worker is terminated, never reused. The click comes
  // while the page is busy, as on a loaded machine, so the reader's progress
  // reports queue up behind it: none of them may put the page back to reading.
  await page.getByLabel('Choose a file').setInputFiles(SCANNED_PDF);
  await expect(page.getByTestId('resume-progress-text')).toHaveText('OCR page 1 of 1', { timeout: 30_000 });
  const bar = page.getByRole('progressbar', { name: 'Reading resume1_single_column_scanned_noisy_200dpi.pdf' });
  await expect.poll(() => bar.evaluate((element: HTMLProgressElement) => element.value), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel' }).evaluate((button: HTMLButtonElement) => {
    const busyUntil = performance.now() + 1_000;
    while (performance.now() < busyUntil) {
      // The page's thread is held, as another tab or process would hold it.
    }
    button.click();
  });
  await expect(page.getByText('Stopped reading resume1_single_column_scanned_noisy_200dpi.pdf.')).toBeVisible();
  await expect.poll(() => warmedClosed).toBe(true);
  await expect(page.getByTestId('resume-progress-text')).toHaveCount(0);
  await expect(page.getByLabel('Choose a file')).toBeEnabled();

  // A file it refuses also retires its worker; the next file gets a fresh one and is read.
  await page.getByLabel('Choose a file').setInputFiles(path.join(FIXTURES, 'stress', 'encrypted_userpw.pdf'));
  await expect(page.getByRole('alert')).toContainText('protected by a password', { timeout: 60_000 });
  await page.getByLabel('Choose a file').setInputFiles(path.join(FIXTURES, 'resume2_two_column.pdf'));
  await expect(page.getByRole('form', { name: 'Edit resume2 two column' }).getByLabel('Email')).toHaveValue('kwame.osei@example.org', { timeout: 60_000 });
  await expect.poll(() => readers().length).toBe(1);
  expect(readers()[0]).not.toBe(warmed);
});

test('a resume and its original reach the same account on another browser', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  server = await startTestServer();
  const account = newAccount('Maria Fischer');
  const session = await createVerifiedAccount(server, account);

  const popupA = await openPopup(context, extensionId);
  await signIn(popupA, server.url, account);
  const pageA = await openResumes(context, extensionId);
  await pageA.getByLabel('Choose a file').setInputFiles(TEXT_PDF);
  const formA = pageA.getByRole('form', { name: 'Edit resume1 single column' });
  await expect(formA.getByLabel('Email')).toHaveValue('maria.fischer@example.com', { timeout: 60_000 });
  await formA.getByLabel('Phone').fill('+1 415 555 0199');
  await formA.getByRole('button', { name: 'Save resume' }).click();
  await expect(formA.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // The original reaches the server's file storage.
  await expect
    .poll(async () => {
      const response = await fetch(`${server!.url}/api/files/resumes`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      return ((await response.json()) as { files: { size: number }[] }).files.map((file) => file.size);
    }, { timeout: 20_000 })
    .toEqual([(await readFile(TEXT_PDF)).byteLength]);

  deviceB = await launchExtensionContext();
  pageErrors.push(collectPageErrors(deviceB.context));
  const extensionIdB = new URL((await extensionWorker(deviceB.context)).url()).host;
  const popupB = await openPopup(deviceB.context, extensionIdB);
  await signIn(popupB, server.url, account);
  const pageB = await openResumes(deviceB.context, extensionIdB);
  const formB = pageB.getByRole('form', { name: 'Edit resume1 single column' });
  await expect(formB.getByLabel('Phone')).toHaveValue('+1 415 555 0199', { timeout: 20_000 });
  await expect(formB.getByLabel('Name', { exact: true })).toHaveValue('Maria Elena Fischer');

  // With both pages open, a correction on A shows in B's open form (it has no unsaved edits).
  await formA.getByRole('textbox', { name: 'Summary' }).fill('Staff engineer for payment systems.');
  await formA.getByRole('button', { name: 'Save resume' }).click();
  const savedAt = Date.now();
  await expect(formB.getByRole('textbox', { name: 'Summary' })).toHaveValue('Staff engineer for payment systems.', { timeout: 15_000 });
  const aToB = Date.now() - savedAt;
  test.info().annotations.push({ type: 'timing', description: `resume correction A→B ${aToB} ms` });
  console.log(`resumes: correction A→B ${aToB} ms`);

  const original = await download(pageB, 'Download original');
  expect(original.suggestedFilename()).toBe('resume1_single_column.pdf');
  expect(new Uint8Array(await readFile(await original.path()))).toEqual(new Uint8Array(await readFile(TEXT_PDF)));
});
