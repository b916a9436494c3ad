/**
 * Debian's Chromium with a built extension in a fresh profile, as the e2e
 * tests launch it. Every run builds the extension it measures, from the
 * working tree as it is now, into a folder of its own (.output/bench): a
 * build left in .output/chrome-mv3 may come from another checkout state or
 * another engineer's build, and an age check on the sources misses changes
 * outside them (dependencies, config). BENCH_EXTENSION_DIR measures a build
 * made elsewhere instead (an older commit, for a before/after), and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBuild {
  dir: string;
  /** True when this run built it from the working tree. */
  builtNow: boolean;
  /** The commit the working tree was at, and the files that differed from it (others' work in progress shows here). */
  commit: string;
  changedFiles: string[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trimEnd(); // not trim(): porcelain lines start with a space
  } catch {
    return '';
  }
}

/**
 * The extension folder to load: built now into .output/<folder>, unless
 * BENCH_EXTENSION_DIR names a build to measure. Each bench builds into a
 * folder of its own, so two benches running at once do not rebuild under each other.
 */
export function extensionDir(folder = 'bench'): ExtensionBuild {
  const outDir = path.join(ROOT, '.output', folder);
  const chosen = process.env.BENCH_EXTENSION_DIR;
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const changedFiles = git(['status', '--porcelain', '--', 'extension', 'shared', 'wxt.config.ts', 'package.json', 'package-lock.json'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (chosen) {
    console.log(`Measuring the build in ${chosen} (BENCH_EXTENSION_DIR), not building`);
    return { dir: path.resolve(chosen), builtNow: false, commit, changedFiles };
  }
  console.log('Building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TRACKRUIT_OUT_DIR: outDir } });
  return { dir: path.join(outDir, 'chrome-mv3'), builtNow: true, commit, changedFiles };
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
