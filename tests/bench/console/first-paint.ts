import type { Page } from '@playwright/test';

/**
 * measureConsoleFirstPaint(page, url) → ms from the start of navigation to
 * the first frame painted with the admin console page's main content (a
 * table of users or audit entries, or an analytics figure with its numbers)
 * in it: not the "Loading…" line, which paints earlier. `{ selector }` times
 * something else, e.g. CONSOLE_CHARTS (the analytics page's first chart).
 *
 * The page must already hold an admin session (the console keeps it in
 * sessionStorage, which survives navigations in the same tab): sign in first,
 * then call this with e.g. `${server.url}/admin/#/users`. For the bench
 * (tests/bench/analytics.bench.ts: consoleUsersFirstPaintMs, consoleAnalyticsFirstPaintMs).
 */

export const CONSOLE_MAIN_CONTENT = 'main table, main figure';
/** A drawn chart, for the analytics page. */
export const CONSOLE_CHARTS = 'main svg.console-chart';

declare global {
  interface Window {
    __trackruitConsolePaint?: Record<string, number>;
  }
}

/** Per page, the selectors whose probe already runs at every navigation. */
const probed = new WeakMap<Page, Set<string>>();

/** Sets window.__trackruitConsolePaint[selector] to the time of the first frame painted with it. */
function paintProbe(selector: string): string {
  const key = JSON.stringify(selector);
  return `(() => {
    const times = (window.__trackruitConsolePaint ??= {});
    let seen = false;
    const observer = new MutationObserver(() => {
      if (seen || !document.querySelector(${key})) return;
      seen = true;
      observer.disconnect();
      // The frame after the one that has the content: by then it is painted.
      requestAnimationFrame(() => setTimeout(() => { times[${key}] = performance.now(); }, 0));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

/** `selector`: what counts as painted (default CONSOLE_MAIN_CONTENT). */
export async function measureConsoleFirstPaint(page: Page, url: string, options: { selector?: string; timeoutMs?: number } = {}): Promise<number> {
  const { selector = CONSOLE_MAIN_CONTENT, timeoutMs = 30_000 } = options;
  // Installed before the page's own scripts run, for this navigation and any later one. Text, not a
  // function: benches run under tsx, whose compiled functions call a helper (__name) the page lacks.
  const selectors = probed.get(page) ?? new Set<string>();
  probed.set(page, selectors);
  if (!selectors.has(selector)) {
    selectors.add(selector);
    await page.addInitScript({ content: paintProbe(selector) });
  }
  // A reload even when only the hash differs, so the page starts from nothing.
  await page.goto('about:blank');
  await page.goto(url);
  // Functions here (CDP calls them, so the page's CSP allows it), with no named function inside for tsx to wrap.
  await page.waitForFunction((key) => typeof window.__trackruitConsolePaint?.[key] === 'number', selector, { timeout: timeoutMs });
  return page.evaluate((key) => window.__trackruitConsolePaint?.[key] as number, selector);
}
