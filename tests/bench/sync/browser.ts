/**
 * Chromium for the bench: bundles ./browser-entry.ts with esbuild (the
 * bundler vite uses, already installed), serves it from a local HTTP server
 * and opens it in Debian's Chromium through Playwright. The page's origin is
 * what the sync server must list in CORS_ORIGINS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { SyncBenchApi } from './browser-entry';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENTRY = path.join(import.meta.dirname, 'browser-entry.ts');

const PAGE = '<!doctype html><meta charset="utf-8"><title>TrackRuit sync bench</title><script type="module" src="/bench.js"></script>';

export interface BenchPage {
  origin: string;
  /** Calls one of the page's runs and returns its result. */
  call<K extends keyof SyncBenchApi>(name: K, options: Parameters<SyncBenchApi[K]>[0]): Promise<Awaited<ReturnType<SyncBenchApi[K]>>>;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    // What the extension's production build defines; RxDB reads it.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** Starts the page server first: the sync server needs its origin before it starts. */
export async function servePage(): Promise<{ origin: string; stop(): Promise<void> }> {
  const script = await bundle();
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function openBenchPage(origin: string): Promise<BenchPage> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'syncBench' in globalThis, undefined, { timeout: 30_000 }).catch(() => {
    throw new Error(`the bench page did not load: ${failures.join('; ')}`);
  });
  return {
    origin,
    call: (name, options) =>
      page.evaluate(
        ([method, args]) => (globalThis as unknown as { syncBench: Record<string, (o: unknown) => Promise<unknown>> }).syncBench[method]!(args),
        [name, options] as const,
      ) as never,
    close: () => browser.close(),
  };
}
