/** The parts of a tab used here (a subset of `browser.tabs.Tab`). */
export interface TabInfo {
  id?: number;
  windowId?: number;
  url?: string;
  active?: boolean;
  lastAccessed?: number;
}

export interface TabsApi {
  getCurrent(): Promise<TabInfo | undefined>;
  query(query: { active?: boolean; currentWindow?: boolean; windowId?: number }): Promise<TabInfo[]>;
}

/**
 * The tab "Track this page" reads. In the toolbar popup that is the active
 * tab of its window, the one clicking the icon granted `activeTab` for. When
 * the popup page is open in a tab of its own (pinned, or driven by the e2e
 * tests), that tab is active, so the target is the tab of the same window
 * the user was on last before it.
 */
export async function findTargetTab(tabs: TabsApi): Promise<TabInfo | undefined> {
  const own = await tabs.getCurrent();
  if (!own) {
    const [active] = await tabs.query({ active: true, currentWindow: true });
    return active;
  }
  const others = (await tabs.query(own.windowId === undefined ? { currentWindow: true } : { windowId: own.windowId })).filter(
    (tab) => tab.id !== undefined && tab.id !== own.id,
  );
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}
