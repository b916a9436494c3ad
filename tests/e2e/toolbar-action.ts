import type { BrowserContext, Page } from '@playwright/test';

/**
 * Clicks the extension's toolbar icon on `page`, as a user would: Chromium
 * runs the action (opening the real popup) and grants `activeTab` for that
 * tab. Playwright cannot reach browser UI, so this goes through the CDP
 * command `Extensions.triggerAction`, which needs the pipe connection
 * Playwright uses and `--enable-unsafe-extension-debugging` (see fixtures.ts).
 * The page's URL must be unique among open tabs: tab targets are found by it.
 */
export async function clickToolbarIcon(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser connection for CDP');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tabs = targetInfos.filter((target) => target.url === page.url());
    if (tabs.length !== 1 || !tabs[0]) throw new Error(`Expected one tab at ${page.url()}, found ${tabs.length}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0].targetId });
  } finally {
    await cdp.detach();
  }
}
