import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { extensionWorker, launchExtensionContext } from './extension-context';

export { CHROMIUM, EXTENSION_DIR } from './extension-context';

interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

/**
 * Every test gets its own Chromium with the built extension in a fresh
 * profile, so no database, token or setting leaks between tests.
 */
export const test = base.extend<ExtensionFixtures>({
  // Playwright reads the fixture's dependencies from this destructuring, even when empty.
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, provide) => {
    const launched = await launchExtensionContext();
    try {
      await provide(launched.context);
    } finally {
      await launched.close();
    }
  },
  serviceWorker: async ({ context }, provide) => {
    await provide(await extensionWorker(context));
  },
  extensionId: async ({ serviceWorker }, provide) => {
    await provide(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;
