/** Node side of ./sync-traffic-entry.ts: bundles it and runs it in the extension's service worker. */
import path from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { build } from 'esbuild';
import type { SyncTrafficApi } from './sync-traffic-entry';

const ENTRY = path.join(import.meta.dirname, 'sync-traffic-entry.ts');

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

export interface SyncTraffic {
  call<K extends keyof SyncTrafficApi>(name: K, ...args: Parameters<SyncTrafficApi[K]>): Promise<Awaited<ReturnType<SyncTrafficApi[K]>>>;
}

export async function syncTrafficInWorker(context: BrowserContext): Promise<SyncTraffic> {
  const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(await bundle());
  return {
    call: (name, ...args) =>
      worker.evaluate(
        ([method, params]) => (globalThis as unknown as { syncTraffic: Record<string, (...a: unknown[]) => Promise<unknown>> }).syncTraffic[method]!(...params),
        [name, args] as const,
      ) as never,
  };
}
