import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { characterErrorRate } from '../../shared/resume/cer';
import { EXTENSION_DIR, expect, test } from './fixtures';

/**
 * The resume-parsing worker as built into the extension, driven from the
 * dashboard page through comlink's real wire protocol: comlink's own UMD build
 * is evaluated in the page (the extension's CSP does not apply to DevTools
 * evaluation), and the worker is started from the same built file the Resumes
 * page starts. No test code ships in the product.
 */
const FIXTURES = path.resolve('tests/fixtures/resumes');

function workerFile(): string {
  const file = readdirSync(path.join(EXTENSION_DIR, 'assets')).find((f) => /^parse\.worker-.*\.js$/.test(f));
  if (!file) throw new Error(`No parse.worker-*.js in ${EXTENSION_DIR}/assets: build the extension first.`);
  return `/assets/${file}`;
}

interface Progress {
  stage: string;
  page?: number;
  pages?: number;
  fraction: number;
}

interface PageResult {
  ok: boolean;
  outcome?: { kind: string; text: string; pages: number; ocrPages: number; ms: number; resume: { contact: { name?: string; email?: string; phone?: string }; experience: { company?: string }[] } };
  error?: string;
  progress: Progress[];
  elapsedMs: number;
}

async function openDashboard(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const comlink = await readFile(path.resolve('node_modules/comlink/dist/umd/comlink.js'), 'utf8');
  await page.evaluate(comlink);
}

/** Parses a fixture in the page's worker; optionally terminates it (cancel) after some progress. */
async function parseInPage(page: Page, fixture: string, options: { cancelAtStage?: string; declaredType?: string } = {}): Promise<PageResult> {
  const bytes = (await readFile(path.join(FIXTURES, fixture))).toString('base64');
  return page.evaluate(
    async ({ bytes, workerUrl, declaredType, cancelAtStage }) => {
      type Api = { parse(b: Uint8Array, t: string, p: unknown): Promise<PageResult['outcome']> };
      const Comlink = (globalThis as unknown as { Comlink: { wrap<T>(w: Worker): T; proxy<T>(f: T): T; transfer<T>(v: T, t: Transferable[]): T } }).Comlink;
      const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      const worker = new Worker(workerUrl, { type: 'module' });
      const api = Comlink.wrap<Api>(worker);
      const progress: Progress[] = [];
      const started = performance.now();
      let cancel: (() => void) | undefined;
      const cancelled = new Promise<never>((_, reject) => {
        cancel = () => {
          worker.terminate();
          reject(new Error('[cancelled] terminated by the page'));
        };
      });
      try {
        const outcome = await Promise.race([
          api.parse(
            Comlink.transfer(data, [data.buffer]),
            declaredType,
            Comlink.proxy((p: Progress) => {
              progress.push(p);
              if (cancelAtStage && p.stage === cancelAtStage) cancel?.();
            }),
          ),
          cancelled,
        ]);
        return { ok: true, outcome, progress, elapsedMs: performance.now() - started };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error), progress, elapsedMs: performance.now() - started };
      } finally {
        worker.terminate();
      }
    },
    { bytes, workerUrl: workerFile(), declaredType: options.declaredType ?? fixture, cancelAtStage: options.cancelAtStage },
  );
}

const truth = (name: string) => readFile(path.join(FIXTURES, `${name}.gt.txt`), 'utf8');

test.describe.configure({ timeout: 120_000 });

test('the worker reads a text PDF with progress, in column order, and a DOCX', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId);
  const result = await parseInPage(page, 'resume2_two_column.pdf');
  expect(result.error).toBeUndefined();
  const outcome = result.outcome!;
  expect(outcome).toMatchObject({ kind: 'pdf', pages: 1, ocrPages: 0 });
  expect(characterErrorRate(await truth('resume2_two_column'), outcome.text)).toBeLessThanOrEqual(0.01);
  expect(outcome.resume.contact).toMatchObject({ name: 'Kwame Osei-Mensah', email: 'kwame.osei@example.org', phone: '+442079460958' });
  expect(outcome.resume.experience.map((e) => e.company)).toEqual(['Northwind Retail Group', 'Halcyon Health Analytics', 'Pennine Insurance']);
  expect(result.progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['reading', 'text', 'parsing']));
  const fractions = result.progress.map((p) => p.fraction);
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  expect(fractions.at(-1)).toBe(1);

  // The DOCX reader is a chunk the worker loads on demand, from the extension.
  const docx = await parseInPage(page, 'resume3_skills_table.docx');
  expect(docx.error).toBeUndefined();
  expect(docx.outcome).toMatchObject({ kind: 'docx', ocrPages: 0 });
  expect(characterErrorRate(await truth('resume3_skills_table'), docx.outcome!.text)).toBeLessThanOrEqual(0.01);
});

test('the worker OCRs a scanned PDF page by page, with shipped assets only', async ({ context, extensionId }) => {
  const page = await context.newPage();
  const external: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('chrome-extension://')) external.push(request.url());
  });
  await openDashboard(page, extensionId);
  const result = await parseInPage(page, 'resume1_single_column_scanned_noisy_200dpi.pdf');
  expect(result.error).toBeUndefined();
  const outcome = result.outcome!;
  expect(outcome).toMatchObject({ kind: 'pdf', pages: 1, ocrPages: 1 });
  expect(characterErrorRate(await truth('resume1_single_column'), outcome.text)).toBeLessThanOrEqual(0.03);
  expect(outcome.resume.contact).toMatchObject({ name: 'Maria Elena Fischer', email: 'maria.fischer@example.com', phone: '+14155550173' });
  expect(result.progress).toContainEqual(expect.objectContaining({ stage: 'ocr', page: 1, pages: 1 }));
  // The bar moves while the page is recognised, never backwards.
  const ocrFractions = result.progress.filter((p) => p.stage === 'ocr').map((p) => p.fraction);
  expect(new Set(ocrFractions).size).toBeGreaterThan(3);
  const all = result.progress.map((p) => p.fraction);
  expect(all).toEqual([...all].sort((a, b) => a - b));
  expect(external).toEqual([]);
});

test('a warmed worker reads one file after another, with shipped assets only', async ({ context, extensionId }) => {
  const page = await context.newPage();
  const external: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('chrome-extension://')) external.push(request.url());
  });
  await openDashboard(page, extensionId);
  const results = await page.evaluate(
    async ({ workerUrl, files }) => {
      type Outcome = { kind: string; text: string; pages: number; ocrPages: number };
      type Api = { warm(): Promise<{ pdf: boolean; ocr: boolean }>; parse(b: Uint8Array, t: string, p: unknown): Promise<Outcome> };
      const Comlink = (globalThis as unknown as { Comlink: { wrap<T>(w: Worker): T; proxy<T>(f: T): T; transfer<T>(v: T, t: Transferable[]): T } }).Comlink;
      const worker = new Worker(workerUrl, { type: 'module' });
      try {
        const api = Comlink.wrap<Api>(worker);
        const warmed = await api.warm();
        const outcomes: Outcome[] = [];
        for (const [name, bytes] of files) {
          const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
          outcomes.push(await api.parse(Comlink.transfer(data, [data.buffer]), name, Comlink.proxy(() => {})));
        }
        return { warmed, outcomes };
      } finally {
        worker.terminate();
      }
    },
    {
      workerUrl: workerFile(),
      files: await Promise.all(
        ['resume2_two_column_scanned_150dpi.pdf', 'resume2_two_column.pdf', 'resume1_single_column_scanned_noisy_200dpi.pdf'].map(
          async (name) => [name, (await readFile(path.join(FIXTURES, name))).toString('base64')] as const,
        ),
      ),
    },
  );
  expect(results.warmed).toEqual({ pdf: true, ocr: true });
  const [scan2, text2, scan1] = results.outcomes;
  expect(scan2).toMatchObject({ kind: 'pdf', ocrPages: 1 });
  expect(characterErrorRate(await truth('resume2_two_column'), scan2!.text)).toBeLessThanOrEqual(0.03);
  expect(text2).toMatchObject({ kind: 'pdf', ocrPages: 0 });
  expect(characterErrorRate(await truth('resume2_two_column'), text2!.text)).toBeLessThanOrEqual(0.01);
  // The engine kept from the first scan reads the second as well as a fresh one would.
  expect(scan1).toMatchObject({ kind: 'pdf', ocrPages: 1 });
  expect(characterErrorRate(await truth('resume1_single_column'), scan1!.text)).toBeLessThanOrEqual(0.03);
  expect(external).toEqual([]);
});

test('cancelling terminates the worker mid-OCR, and a hostile file gets its error quickly', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openDashboard(page, extensionId);
  const cancelled = await parseInPage(page, 'resume2_two_column_scanned_150dpi.pdf', { cancelAtStage: 'ocr' });
  expect(cancelled.ok).toBe(false);
  expect(cancelled.error).toMatch(/^\[cancelled\]/);

  const encrypted = await parseInPage(page, 'stress/encrypted_userpw.pdf');
  expect(encrypted.error).toMatch(/^\[encrypted\] The PDF is protected by a password\./);
  const pages = await parseInPage(page, 'stress/text_20100pages.pdf');
  expect(pages.error).toMatch(/^\[too-many-pages\]/);
  const renamed = await parseInPage(page, 'stress/not_a_pdf_png.pdf');
  expect(renamed.error).toMatch(/^\[unsupported-type\]/);

  // A content stream that inflates to 512 MiB keeps the worker busy, not the page: the page answers while it runs.
  const order: string[] = [];
  const bomb = parseInPage(page, 'stress/bomb_flate_content_512MiB.pdf').then((r) => {
    order.push('bomb');
    return r;
  });
  await page.waitForTimeout(300);
  await page.evaluate(() => document.title).then(() => order.push('page'));
  const bombed = await bomb;
  expect(order).toEqual(['page', 'bomb']);
  expect(bombed.error).toMatch(/^\[(empty|timeout)\]/);
});
