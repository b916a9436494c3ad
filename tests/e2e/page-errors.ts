import type { BrowserContext } from '@playwright/test';

/**
 * Collects the uncaught errors (thrown or unhandled rejections) of every page
 * a context opens, from now on: a test asserts the list stays empty, so an
 * error that only shows in the page's console still fails it.
 */
export function collectPageErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: import('@playwright/test').Page) =>
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.stack ?? error.message}`));
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}
