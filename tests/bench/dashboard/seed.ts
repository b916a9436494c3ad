/**
 * Runs ./seed-entry.ts inside the extension's origin. The bundle is evaluated
 * through the DevTools protocol in a document of the extension that loads no
 * script of its own (its manifest, shown as text): the same IndexedDB as the
 * dashboard, without a second copy of RxDB and Dexie next to a running one,
 * and nothing added to the extension itself.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import type { DashboardSeedApi } from './seed-entry';

const ENTRY = path.join(import.meta.dirname, 'seed-entry.ts');

let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    // What the extension's production build defines; RxDB reads it.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

export interface SeedPage {
  call<K extends keyof DashboardSeedApi>(name: K, ...args: Parameters<DashboardSeedApi[K]>): Promise<Awaited<ReturnType<DashboardSeedApi[K]>>>;
  close(): Promise<void>;
}

export async function openSeedPage(context: BrowserContext, extensionId: string): Promise<SeedPage> {
  const page: Page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  await page.evaluate(await bundle());
  return {
    call: (name, ...args) =>
      page.evaluate(
        ([method, params]) => (globalThis as unknown as { dashboardSeed: Record<string, (...a: unknown[]) => Promise<unknown>> }).dashboardSeed[method]!(...params),
        [name, args] as const,
      ) as never,
    close: () => page.close(),
  };
}
