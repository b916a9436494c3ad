import { expect, test } from './fixtures';

// The callbacks below run in the extension's service worker, where `chrome` exists.
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

test('documents the server refused are listed with the reason, and the list clears when they sync', async ({ context, extensionId, serviceWorker }) => {
  const issue = { id: 'linkedin:4012345678', issues: [{ path: 'title', message: 'Too big: expected string to have <=300 characters' }], at: '2026-11-20T10:00:00.000Z' };
  await serviceWorker.evaluate((syncIssues) => chrome.storage.local.set({ syncIssues }), [issue]);

  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const notice = dashboard.getByRole('status').filter({ hasText: 'kept on this device only' });
  await expect(notice).toContainText('1 application is kept on this device only: the server refused them');
  await notice.getByText('Show why').click();
  await expect(notice).toContainText('linkedin:4012345678');
  await expect(notice).toContainText('title: Too big');

  // The background clears an entry once the document is pushed; the page follows storage live.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ syncIssues: [] }));
  await expect(notice).toHaveCount(0);
});
