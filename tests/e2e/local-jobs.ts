import type { BrowserContext, Page } from '@playwright/test';

/**
 * Reading the extension's local records from an extension page, the way the
 * popup would: `job:lookup` through the background for "is it recorded", and
 * RxDB's IndexedDB table for the stored fields (the dashboard does not show
 * every field).
 */
export async function openExtensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  return page;
}

export function isRecorded(extensionPage: Page, platform: string, siteJobId: string): Promise<boolean> {
  return extensionPage.evaluate(
    async ({ platform, siteJobId }) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ recorded?: boolean }> } } })
        .chrome.runtime;
      const reply = await runtime.sendMessage({ type: 'job:lookup', platform, siteJobId });
      return reply?.recorded === true;
    },
    { platform, siteJobId },
  );
}

/** The stored document of a job (RxDB Dexie layout: database `rxdb-dexie-trackruit--<v>--jobs`, table `docs`). */
export function storedJob(extensionPage: Page, id: string): Promise<Record<string, unknown> | undefined> {
  return extensionPage.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    const name = names.filter((n) => /^rxdb-dexie-trackruit--\d+--jobs$/.test(n)).sort().pop();
    if (!name) return undefined;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const doc = await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
        const request = db.transaction('docs', 'readonly').objectStore('docs').get(id);
        request.onsuccess = () => resolve(request.result as Record<string, unknown> | undefined);
        request.onerror = () => reject(request.error);
      });
      // Dexie cannot index booleans, so RxDB stores the deletion flag as '1' / '0'.
      return doc && doc._deleted !== '1' && doc._deleted !== true ? doc : undefined;
    } finally {
      db.close();
    }
  }, id);
}
