/**
 * `npm run screenshots`: the README's pictures of the dashboard, taken from
 * the built extension (.output/chrome-mv3) in headless Chromium. The jobs of
 * ./screenshot-jobs.ts go in through Settings → Import as a JSON export, the
 * way a person would bring them over, and the page clock is set to the fixed
 * moment they were made for, so every run gives the same pictures. The
 * browser is offline and any request leaving the extension fails the run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { routeHash } from '../extension/dashboard/route';
import { exportJson } from '../shared/transfer/export';
import { extensionWorker, launchExtensionContext } from '../tests/e2e/extension-context';
import { SCREENSHOT_NOW, screenshotJobs } from './screenshot-jobs';

const OUT_DIR = path.resolve('docs/screenshots');
const VIEWPORT = { width: 1280, height: 800 };
/** Above this a picture is too heavy for a README; say so rather than commit it. */
const MAX_BYTES = 300 * 1024;
const TIMEOUT = 30_000;
/**
 * What the pictures read in: the same dates and times on every machine. The
 * browser's own language, as date fields are drawn in it whatever the page's
 * locale.
 */
const LOCALE = 'en-US';
const TIME_ZONE = 'UTC';

interface Shot {
  file: string;
  /** The page opened; `ready` may move on from it. */
  hash: string;
  dark?: boolean;
  /** Resolves once the page shows what the picture is for. */
  ready(page: Page): Promise<void>;
}

async function visible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** Fails with what was shown instead, when a page still loads or shows an error. */
async function settled(page: Page): Promise<void> {
  const loading = page.getByText(/^Loading/);
  await loading.first().waitFor({ state: 'detached', timeout: TIMEOUT });
  const alerts = await page.getByRole('alert').allInnerTexts();
  if (alerts.some((text) => text.trim())) throw new Error(`${page.url()} shows an alert: ${alerts.join(' | ')}`);
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Two frames: whatever the last render changed has been painted.
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
}

function shotsFor(showcaseId: string, count: number): Shot[] {
  const total = `${count} applications`;
  const header = async (page: Page) => {
    await page.getByRole('banner').getByText(total, { exact: true }).waitFor({ timeout: TIMEOUT });
  };
  const board = async (page: Page) => {
    await header(page);
    await visible(page, 'section.board-column[data-status="ghosted"] .board-card');
  };
  return [
    {
      file: 'table.png',
      hash: '#/table',
      async ready(page) {
        await header(page);
        await visible(page, 'tbody tr .job-title');
      },
    },
    { file: 'board.png', hash: '#/board', ready: board },
    { file: 'board-dark.png', hash: '#/board', dark: true, ready: board },
    {
      file: 'details.png',
      // Reached as a person does, by a click: a page loaded straight at a job focuses its heading with a keyboard focus ring.
      hash: '#/table',
      async ready(page) {
        await header(page);
        await page.locator(`a[href="${routeHash({ page: 'job', id: showcaseId })}"]`).click({ timeout: TIMEOUT });
        await visible(page, '.details-title');
        await visible(page, '.details-lists');
      },
    },
    {
      file: 'insights.png',
      hash: '#/insights',
      async ready(page) {
        await header(page);
        await visible(page, '.insights-grid .recharts-surface');
        // Every chart has measured its box and drawn (ResponsiveContainer renders after a resize observation).
        await page.waitForFunction(() => document.querySelectorAll('.insights-grid .recharts-surface').length >= 6, undefined, { timeout: TIMEOUT });
      },
    },
  ];
}

/** An extension page in the fixed locale and time zone, whose script errors are collected. */
async function openPage(context: BrowserContext, url: string, errors: string[], dark = false): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  // No chart animation caught halfway; the dashboard's charts honour this setting.
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light', reducedMotion: 'reduce' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: TIME_ZONE });
  await cdp.send('Emulation.setLocaleOverride', { locale: LOCALE });
  page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${url}: console: ${message.text()}`);
  });
  await page.goto(url);
  return page;
}

/** The jobs, as the JSON export another device would have written, imported through Settings. */
async function importJobs(context: BrowserContext, base: string, json: string, count: number, errors: string[]): Promise<void> {
  const page = await openPage(context, `${base}#/settings`, errors);
  try {
    await page.getByLabel('File to import (JSON or CSV)').setInputFiles({ name: 'trackruit-2026-03-20.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: TIMEOUT });
    const text = await report.innerText();
    if (!text.includes(`Imported ${count} applications from ${count} jobs.`)) throw new Error(`The import did not take every job:\n${text}`);
  } finally {
    await page.close();
  }
}

/** Width and height from the PNG header (IHDR). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function main(): Promise<void> {
  const jobs = screenshotJobs();
  const showcase = jobs[0]!;
  const json = exportJson(jobs, SCREENSHOT_NOW.toISOString());
  await mkdir(OUT_DIR, { recursive: true });

  const launched = await launchExtensionContext();
  const { context } = launched;
  const errors: string[] = [];
  const outside: string[] = [];
  try {
    const extensionId = new URL((await extensionWorker(context)).url()).host;
    const base = `chrome-extension://${extensionId}/dashboard.html`;
    // The dashboard works from the browser's database alone: anything that tries the network is a finding.
    await context.route(
      (url) => !['chrome-extension:', 'data:', 'blob:'].includes(url.protocol),
      async (route) => {
        outside.push(route.request().url());
        await route.abort('blockedbyclient');
      },
    );
    await context.setOffline(true);
    // Pages see SCREENSHOT_NOW when they open, and time runs on from there (charts count weeks back from "now").
    await context.clock.install({ time: SCREENSHOT_NOW });

    await importJobs(context, base, json, jobs.length, errors);

    for (const shot of shotsFor(showcase.id, jobs.length)) {
      const page = await openPage(context, `${base}${shot.hash}`, errors, shot.dark);
      try {
        await shot.ready(page);
        await settled(page);
        failOnFindings(outside, errors);
        const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
        const { width, height } = pngSize(png);
        if (width !== VIEWPORT.width || height !== VIEWPORT.height) throw new Error(`${shot.file} is ${width}x${height}, not ${VIEWPORT.width}x${VIEWPORT.height}`);
        if (png.length > MAX_BYTES) throw new Error(`${shot.file} is ${Math.round(png.length / 1024)} KB, over ${MAX_BYTES / 1024} KB`);
        const file = path.join(OUT_DIR, shot.file);
        const previous = await readFile(file).catch(() => undefined);
        await writeFile(file, new Uint8Array(png));
        const change = previous === undefined ? 'new' : previous.equals(png) ? 'unchanged' : 'changed';
        console.log(`${path.relative(process.cwd(), file)}  ${width}x${height}  ${(png.length / 1024).toFixed(0)} KB  ${change}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await launched.close();
  }
  failOnFindings(outside, errors);
}

/** Checked before each picture is written, so a page that misbehaved leaves no picture of it. */
function failOnFindings(outside: readonly string[], errors: readonly string[]): void {
  if (outside.length > 0) throw new Error(`Requests left the extension:\n${[...new Set(outside)].join('\n')}`);
  if (errors.length > 0) throw new Error(`Pages reported errors:\n${errors.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
