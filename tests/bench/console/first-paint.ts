import type { Page } from '@playwright/test';

/**
 * measureConsoleFirstPaint(page, url) → ms from the start of navigation to
 * the first frame painted with the admin console page's main content (a
 * table of users or audit entries, or a chart's figure) in it: not the
 * "Loading…" line, which paints earlier.
 *
 * The page must already hold an admin session (the console keeps it in
 * sessionStorage, which survives navigations in the same tab): sign in first,
 * then call this with e.g. `${server.url}/admin/#/users`. For the bench
 * (tests/bench/analytics.bench.ts: consoleUsersFirstPaintMs, consoleAnalyticsFirstPaintMs).
 */

export const CONSOLE_MAIN_CONTENT = 'main table, main figure';

declare global {
  interface Window {
    __trackruitConsolePaintMs?: number;
  }
}

export async function measureConsoleFirstPaint(page: Page, url: string, timeoutMs = 30_000): Promise<number> {
  // Installed before the page's own scripts run, for this navigation and any later one.
  await page.addInitScript((selector: string) => {
    let seen = false;
    const check = () => {
      if (seen || !document.querySelector(selector)) return;
      seen = true;
      observer.disconnect();
      // The frame after the one that has the content: by then it is painted.
      requestAnimationFrame(() => setTimeout(() => {
        window.__trackruitConsolePaintMs = performance.now();
      }, 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  }, CONSOLE_MAIN_CONTENT);
  // A reload even when only the hash differs, so the page starts from nothing.
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => typeof window.__trackruitConsolePaintMs === 'number', undefined, { timeout: timeoutMs });
  return page.evaluate(() => window.__trackruitConsolePaintMs as number);
}
