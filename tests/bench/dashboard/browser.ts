/**
 * Debian's Chromium with a built extension in a fresh profile, as the e2e
 * tests launch it, but from any build folder: BENCH_EXTENSION_DIR picks one
 * (default .output/chrome-mv3, built first when older than the sources).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The extension folder to load; the default one is rebuilt when the sources are newer. */
export function extensionDir(): string {
  const chosen = process.env.BENCH_EXTENSION_DIR;
  if (chosen) return path.resolve(chosen);
  const dir = path.join(ROOT, '.output/chrome-mv3');
  const manifest = path.join(dir, 'manifest.json');
  const sources = Math.max(newestMtime(path.join(ROOT, 'extension')), newestMtime(path.join(ROOT, 'shared')), statSync(path.join(ROOT, 'wxt.config.ts')).mtimeMs);
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    console.log('Building the extension (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}

export interface BenchBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(dir: string): Promise<BenchBrowser> {
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}`);
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-dashboard-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
