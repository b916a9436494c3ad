import type { Page } from 'puppeteer-core';
import { afterEach, expect, test } from 'vitest';
import { DATA_CONSENT_DECLINED, DATA_CONSENT_REVOKED, SYNC_DATA_COLLECTION } from '../../shared/consent/firefox-data-collection';
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { freePort, inFirefoxChrome } from './firefox-chrome';
import { clickButton, launchFirefoxWithAddon, textOf, typeInto, type FirefoxWithAddon } from './firefox-extension';
import { signUp } from './sign-up';

let firefox: FirefoxWithAddon | undefined;
let server: TestServer | undefined;
let proxy: RecordingProxy | undefined;

afterEach(async () => {
  await firefox?.close();
  await server?.stop();
  await proxy?.stop();
  firefox = undefined;
  server = undefined;
  proxy = undefined;
});

/** A test server behind a recording proxy, which is also the address the extension is given and syncs through. */
async function recordedServer(): Promise<{ server: TestServer; proxy: RecordingProxy }> {
  const recording = await startRecordingProxy();
  const running = await startTestServer({ publicUrl: recording.url });
  recording.target = running.url;
  return { server: running, proxy: recording };
}

/** What the extension sent that carries something of the person's: any request but the public provider list. */
const sent = (requests: readonly string[]) => requests.filter((request) => request !== 'GET /api/auth/providers');

/** The page's visible text, as a person reads it. */
const textOfPage = (page: Page) => page.evaluate(() => document.body.innerText);

/** Sends a message to the background as the extension's pages do, and returns its reply. */
function ask(page: Page, message: object): Promise<{ ok: boolean; error?: { code?: string; message: string } }> {
  return page.evaluate(
    (sentMessage) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: object): Promise<never> } } }).browser.runtime.sendMessage(sentMessage),
    message,
  );
}

/** The data-collection permissions Firefox holds for the add-on now. */
function grantedDataCollection(page: Page): Promise<string[] | undefined> {
  return page.evaluate(async () => {
    const all = await (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ data_collection?: string[] }> } } }).browser.permissions.getAll();
    return all.data_collection;
  });
}

test('in Firefox, declining the data-collection prompt at sign-in sends nothing and says why', async () => {
  ({ server, proxy } = await recordedServer());
  const marionettePort = await freePort();
  firefox = await launchFirefoxWithAddon(undefined, { permissionRequests: 'prompt', marionettePort });
  const popup = await firefox.openExtensionPage('popup.html');
  await popup.locator('[data-testid="data-consent-note"]').wait();
  await typeInto(popup, 'Server address', proxy.url);
  await clickButton(popup, 'Save address');
  await popup.locator(textOf('Saved')).wait();
  await typeInto(popup, 'Email', 'grace@example.com');
  await typeInto(popup, 'Password', 'compiler-passphrase-1952');
  await clickButton(popup, 'Sign in');

  // Firefox's own prompt, answered "Deny" as a person would; what it asked for comes back.
  const prompt = await inFirefoxChrome<{ message: string; categories: string } | null>(
    firefox,
    marionettePort,
    `return (async () => {
      for (let tries = 0; tries < 100; tries++) {
        const notification = PopupNotifications.getNotification('addon-webext-permissions', gBrowser.selectedBrowser);
        if (notification) {
          const answer = { message: notification.message, categories: notification.options.customElementOptions.strings.dataCollectionPermissions.msg };
          // What Firefox does on a click of "Deny": the action's callback, then the prompt removed.
          notification.secondaryActions[0].callback();
          PopupNotifications.remove(notification);
          return answer;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return null;
    })()`,
  );
  expect(prompt?.message).toContain('requests additional data collection');
  for (const words of ['personally identifying information', 'authentication information', 'browsing activity', 'website content', 'website activity']) {
    expect(prompt?.categories.toLowerCase()).toContain(words);
  }

  const pages = await firefox.browser.pages();
  const reopened = pages.find((page) => page.url().endsWith('/popup.html'));
  if (!reopened) throw new Error(`the popup tab is gone: ${pages.map((page) => page.url()).join(', ')}`);
  await expect.poll(() => textOfPage(reopened)).toContain(DATA_CONSENT_DECLINED);
  expect(await textOfPage(reopened)).toContain('Not syncing');
  expect(await grantedDataCollection(reopened)).toEqual([]);

  // A page that skipped the prompt gets the same answer from the background, which sends nothing either.
  const reply = await ask(reopened, { type: 'auth:login', email: 'grace@example.com', password: 'compiler-passphrase-1952' });
  expect(reply).toEqual({ ok: false, error: { code: 'data-consent-required', message: DATA_CONSENT_DECLINED } });
  expect(sent(proxy.requests)).toEqual([]);
});

test('in Firefox, sign-up asks for the data collection, syncs with it, stops when it is revoked and resumes when it is allowed again', async () => {
  ({ server, proxy } = await recordedServer());
  firefox = await launchFirefoxWithAddon();
  const popup = await firefox.openExtensionPage('popup.html');
  const account = { name: 'Grace Hopper', email: `grace-${Date.now()}@example.com`, password: 'compiler-passphrase-1952' };
  await signUp(popup, { address: proxy.url, dataDir: server.dataDir }, account);
  expect(sent(proxy.requests)).toContain('POST /api/auth/register');
  expect([...((await grantedDataCollection(popup)) ?? [])].sort()).toEqual([...SYNC_DATA_COLLECTION].sort());
  await expect.poll(() => popup.$eval('[data-testid="sync-status"]', (badge) => badge.textContent)).toBe('Synced');

  // As the person turning one category off in about:addons (Permissions and data).
  await popup.evaluate(() =>
    (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({ data_collection: ['websiteContent'] }),
  );
  await expect.poll(() => textOfPage(popup)).toContain(DATA_CONSENT_REVOKED);
  expect(await popup.$eval('[data-testid="sync-status"]', (badge) => badge.textContent)).toBe('Not syncing');
  const whileRevoked = proxy.requests.length;
  expect(await ask(popup, { type: 'sync:now' })).toEqual({ ok: true });
  expect(await ask(popup, { type: 'account:profile' })).toMatchObject({ ok: false });
  expect(proxy.requests.slice(whileRevoked)).toEqual([]);

  // Allowed again from the popup (this browser grants what the add-on asks): sync resumes.
  await clickButton(popup, 'Allow sending to your server');
  await expect.poll(() => popup.$eval('[data-testid="sync-status"]', (badge) => badge.textContent), { timeout: 15_000 }).toBe('Synced');
  expect(proxy.requests.slice(whileRevoked).some((request) => request.includes('/db/'))).toBe(true);
});
