/**
 * Chromium for the bench: bundles ./browser-entry.ts (the extension's stack)
 * and ./pouch-entry.ts (PouchDB) with esbuild (the bundler vite uses, already
 * installed), serves each in a page of its own from a local HTTP server and
 * opens it in Debian's Chromium through Playwright. The pages' origin is what
 * the sync server must list in CORS_ORIGINS.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { SyncBenchApi } from './browser-entry';
import { processCpuMs } from './cpu';
import type { PouchBenchApi } from './pouch-entry';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../../..');
// pouchdb's browser build as a <script> would load it: one file with its own `events`
// (lib/index-browser.es.js imports Node's `events`, which is not installed for browsers).
const POUCHDB_BROWSER = path.join(ROOT, 'node_modules/pouchdb/dist/pouchdb.js');
const POUCHDB_INDEXEDDB = path.join(ROOT, 'node_modules/pouchdb/dist/pouchdb.indexeddb.js');

const pageHtml = (script: string) => `<!doctype html><meta charset="utf-8"><title>TrackRuit sync bench</title><script type="module" src="/${script}"></script>`;

type Runs = Record<string, (options: never) => Promise<unknown>>;

/** Calls one of the page's runs; each call's CPU time is measured on its own. */
export type PageCall<Api extends Runs = SyncBenchApi> = <K extends keyof Api & string>(
  name: K,
  options: Parameters<Api[K]>[0],
) => Promise<ChromiumRun<Awaited<ReturnType<Api[K]>>>>;

export interface BenchPage {
  origin: string;
  /** Like `session`, on the PouchDB page (./pouch-entry.ts). */
  pouchSession<T>(steps: (call: PageCall<PouchBenchApi>) => Promise<T>): Promise<T>;
  /**
   * Runs `steps` in a new Chromium with a new profile. Chromium keeps all
   * IndexedDB databases of an origin in one LevelDB, so databases removed by
   * earlier runs would cost a later run compaction time (seen here: a third
   * 4,000-job run in one profile took ten times the first): each run gets its
   * own, on disk like the extension's, not an in-memory one.
   */
  session<T>(steps: (call: PageCall) => Promise<T>): Promise<T>;
}

export interface ChromiumRun<T> {
  value: T;
  /** CPU time all of this Chromium's processes (renderer, browser, storage service, network) spent on the call. */
  cpuMs: number;
  cpuMsByProcess: Record<string, number>;
}

/**
 * CPU ms so far of the browser process of the profile (its command line names
 * the profile) and every process below it, by kind: "browser", "renderer",
 * "storage" (IndexedDB's LevelDB), "network", "other".
 */
export function chromiumCpuMs(profile: string): Record<string, number> {
  const parents = new Map<number, number>();
  let root: number | undefined;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (root === undefined) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmdline.includes(`--user-data-dir=${profile}`) && !cmdline.includes('--type=')) root = pid;
      }
    } catch {
      // The process ended while the table was read.
    }
  }
  const byKind: Record<string, number> = {};
  if (root === undefined) return byKind;
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of tree) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const kind = !cmdline.includes('--type=')
        ? 'browser'
        : cmdline.includes('--type=renderer')
          ? 'renderer'
          : cmdline.includes('storage.mojom')
            ? 'storage'
            : cmdline.includes('network.mojom')
              ? 'network'
              : 'other';
      byKind[kind] = (byKind[kind] ?? 0) + processCpuMs(pid);
    } catch {
      // Ended meanwhile.
    }
  }
  return byKind;
}

const sum = (byKind: Record<string, number>) => Object.values(byKind).reduce((a, b) => a + b, 0);

async function bundle(entry: string, alias: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, entry)],
    alias,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: process.env.BENCH_SYNC_MINIFY !== '0',
    // What the extension's production build defines; RxDB reads it.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** What the Chromium cells need on this machine, each missing one named (nothing is downloaded). */
export function missingForChromium(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM} (Debian's chromium package, or set CHROMIUM_PATH)`);
  for (const file of [POUCHDB_BROWSER, POUCHDB_INDEXEDDB]) if (!existsSync(file)) missing.push(`${path.relative(ROOT, file)} (npm ci installs pouchdb)`);
  return missing;
}

/** Starts the page server first: the sync server needs its origin before it starts. */
export async function servePage(): Promise<{ origin: string; stop(): Promise<void> }> {
  const missing = missingForChromium();
  if (missing.length) throw new Error(`bench:sync needs:\n  ${missing.join('\n  ')}`);
  const scripts: Record<string, string> = {
    '/bench.js': await bundle('browser-entry.ts'),
    '/pouch.js': await bundle('pouch-entry.ts', { pouchdb: POUCHDB_BROWSER }),
    '/pouchdb.indexeddb.js': readFileSync(POUCHDB_INDEXEDDB, 'utf8'),
  };
  const server = http.createServer((req, res) => {
    const script = scripts[req.url ?? ''];
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(req.url === '/pouchdb' ? 'pouch.js' : 'bench.js'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function inFreshChromium<Api extends Runs, T>(url: string, steps: (call: PageCall<Api>) => Promise<T>): Promise<T> {
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => 'syncBench' in globalThis, undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${failures.join('; ')}`);
    });
    const call: PageCall<Api> = async (name, options) => {
      const before = chromiumCpuMs(profile);
      const value = await page.evaluate(
        ([method, args]) => (globalThis as unknown as { syncBench: Record<string, (o: unknown) => Promise<unknown>> }).syncBench[method]!(args),
        [name, options] as const,
      );
      const after = chromiumCpuMs(profile);
      const cpuMsByProcess = Object.fromEntries(Object.entries(after).map(([kind, ms]) => [kind, ms - (before[kind] ?? 0)]));
      return { value: value as never, cpuMs: sum(after) - sum(before), cpuMsByProcess };
    };
    return await steps(call);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export function benchPage(origin: string): BenchPage {
  return {
    origin,
    session: (steps) => inFreshChromium(`${origin}/`, steps),
    pouchSession: (steps) => inFreshChromium(`${origin}/pouchdb`, steps),
  };
}
