import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';

export const EXTENSION_DIR = path.resolve(process.env.TRACKRUIT_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionContext {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

/**
 * A Chromium with the built extension in a fresh profile: one browser, as one
 * device of a user. A test that needs two devices launches two; one that needs
 * another build of the extension names its folder.
 */
export async function launchExtensionContext(extensionDir: string = EXTENSION_DIR): Promise<ExtensionContext> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npx wxt build\` (npm run test:e2e does).`);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'trackruit-e2e-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: CHROMIUM,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Lets tests click the toolbar icon through CDP (Extensions.triggerAction), which grants activeTab.
        '--enable-unsafe-extension-debugging',
      ],
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The extension's service worker; Chromium starts it with the profile. */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export type WorkerRunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

/**
 * Stops and watches the extension's service worker through the DevTools
 * protocol, as Chromium does to an idle worker (Playwright keeps it alive).
 * The ServiceWorker domain is reached through a page's session: a page is
 * needed, any page of the profile will do.
 */
export class ServiceWorkerControl {
  private status: WorkerRunningStatus | undefined;
  private versionId: string | undefined;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly cdp: CDPSession,
    private readonly scriptUrl: string,
  ) {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.scriptURL !== this.scriptUrl) continue;
        this.versionId = version.versionId;
        this.status = version.runningStatus;
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async attach(page: Page, worker: Worker): Promise<ServiceWorkerControl> {
    const control = new ServiceWorkerControl(await page.context().newCDPSession(page), worker.url());
    await control.cdp.send('ServiceWorker.enable');
    await control.until('running');
    return control;
  }

  get runningStatus(): WorkerRunningStatus | undefined {
    return this.status;
  }

  /** Stops the worker and waits until Chromium reports it stopped. */
  async stop(): Promise<void> {
    if (!this.versionId) throw new Error(`No service worker version seen for ${this.scriptUrl}`);
    await this.cdp.send('ServiceWorker.stopWorker', { versionId: this.versionId });
    await this.until('stopped');
  }

  async until(status: WorkerRunningStatus, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (this.status !== status) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Service worker still ${this.status ?? 'unknown'}, not ${status}, after ${timeout} ms`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}
