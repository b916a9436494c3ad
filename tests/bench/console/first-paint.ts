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

/** Pages whose every navigation already runs the probe. */
const probed = new WeakSet<Page>();

function paintProbe(selector: string): string {
  return `(() => {
    let seen = false;
    const observer = new MutationObserver(() => {
      if (seen || !document.querySelector(${JSON.stringify(selector)})) return;
      seen = true;
      observer.disconnect();
      // The frame after the one that has the content: by then it is painted.
      requestAnimationFrame(() => setTimeout(() => { window.__trackruitConsolePaintMs = performance.now(); }, 0));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

export async function measureConsoleFirstPaint(page: Page, url: string, timeoutMs = 30_000): Promise<number> {
  // Installed before the page's own scripts run, for this navigation and any later one. Text, not a
  // function: benches run under tsx, whose compiled functions call a helper (__name) the page lacks.
  if (!probed.has(page)) {
    probed.add(page);
    await page.addInitScript({ content: paintProbe(CONSOLE_MAIN_CONTENT) });
  }
  // A reload even when only the hash differs, so the page starts from nothing.
  await page.goto('about:blank');
  await page.goto(url);
  // Functions here (CDP calls them, so the page's CSP allows it), with no named function inside for tsx to wrap.
  await page.waitForFunction(() => typeof window.__trackruitConsolePaintMs === 'number', undefined, { timeout: timeoutMs });
  return page.evaluate(() => window.__trackruitConsolePaintMs as number);
}
