import { afterEach, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { fixturePath } from '../fixtures/load';
import { field, launchFirefoxWithAddon, textOf, type FirefoxWithAddon } from './firefox-extension';

let firefox: FirefoxWithAddon | undefined;

afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

const valueOf = async (page: Page, label: string) =>
  (await page.locator(field(label)).waitHandle()).evaluate((input) => (input as HTMLInputElement).value);

// Firefox has no offscreen documents: the Resumes page starts the parsing worker itself. A photo
// of a resume takes the OCR path: tesseract's WebAssembly, allowed by the add-on's 'wasm-unsafe-eval'.
test('in Firefox a photo of a resume is read by OCR on the device, in the Resumes page\'s worker', async () => {
  firefox = await launchFirefoxWithAddon();
  const resumes = await firefox.openExtensionPage('dashboard.html#/resumes');
  await resumes.locator(textOf('Add a resume')).wait();
  const input = await resumes.locator('input#resume-file').waitHandle();
  await input.uploadFile(fixturePath('resumes/resume1_single_column_150dpi-1.png'));

  await expect.poll(() => valueOf(resumes, 'Name'), { timeout: 45_000 }).toBe('Maria Elena Fischer');
  expect(await valueOf(resumes, 'Email')).toBe('maria.fischer@example.com');
});
