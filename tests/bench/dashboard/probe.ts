/** Node side of ./probe-entry.ts: bundles it and adds it to a page before the page's own scripts. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import type { DashProbeApi } from './probe-entry';

const ENTRY = path.join(import.meta.dirname, 'probe-entry.ts');
let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  bundled ??= build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'error' }).then(
    (result) => result.outputFiles[0]!.text,
  );
  return bundled;
}

/** `expectedCount`: the job count the header shows once every job is loaded. */
export async function addProbe(page: Page, expectedCount: number): Promise<void> {
  await page.addInitScript({ content: `globalThis.dashProbeExpected = ${JSON.stringify(expectedCount)};\n${await bundle()}` });
}

/** No probe call takes this long unless the page stopped producing frames (a hidden tab): fail instead of hanging. */
const PROBE_TIMEOUT_MS = 120_000;

export async function probe<K extends keyof DashProbeApi>(page: Page, name: K, ...args: Parameters<DashProbeApi[K]>): Promise<Awaited<ReturnType<DashProbeApi[K]>>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`probe ${name} did not finish in ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([
      page.evaluate(
        ([method, params]) => (globalThis as unknown as { dashProbe: Record<string, (...a: unknown[]) => unknown> }).dashProbe[method]!(...params),
        [name, args] as const,
      ),
      timeout,
    ])) as never;
  } finally {
    clearTimeout(timer);
  }
}
