import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect } from 'vitest';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = path.resolve(process.env.TRACKRUIT_OUT_DIR ?? '.output', 'firefox-mv3');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const ADDON_ID = 'trackruit@trackruit.app';
/**
 * Firefox gives an add-on a random moz-extension:// UUID per profile; the
 * `extensions.webextensions.uuids` pref fixes it, so tests can open its pages.
 */
const ADDON_UUID = '6f1d3c2a-6a57-4d2b-9d8e-0b7c1f0a7e11';

export interface FirefoxWithAddon {
  /** The puppeteer session; a new one after answering a Firefox prompt (firefox-chrome.ts). */
  browser: Browser;
  /** What `installExtension` answered: the add-on id Firefox installed it under. */
  addonId: string;
  /** Opens one of the add-on's pages ("dashboard.html") in a new tab. */
  openExtensionPage(file: string): Promise<Page>;
  /** Closes Firefox; puppeteer removes the temporary profile. */
  close(): Promise<void>;
}

/**
 * A headless firefox-esr, driven over WebDriver BiDi (Playwright's Firefox
 * needs its own patched build), with the built add-on installed into a
 * fresh profile: one browser, as one device of a user.
 */
export interface LaunchOptions {
  /**
   * How the add-on's permissions.request() calls are answered. 'grant' (the default): at once,
   * without a prompt, through Firefox's own `extensions.webextOptionalPermissionPrompts` pref
   * (false: an optional permission asked for is granted), as after a person's "Allow"; no test
   * can click the browser's prompt. 'prompt': Firefox shows its prompt, as for a person.
   */
  permissionRequests?: 'grant' | 'prompt';
  /** Opens Marionette on this port, so a test can answer Firefox's own prompts (firefox-chrome.ts). */
  marionettePort?: number;
}

export async function launchFirefoxWithAddon(extensionDir: string = FIREFOX_EXTENSION_DIR, options: LaunchOptions = {}): Promise<FirefoxWithAddon> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built add-on at ${extensionDir}: run \`npm run build:firefox\` (npm run test:firefox does).`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: install firefox-esr (apt-get install -y firefox-esr).`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    ...(options.marionettePort ? { args: ['--marionette', '-remote-allow-system-access'] } : {}),
    extraPrefsFirefox: {
      ...(options.marionettePort ? { 'marionette.port': options.marionettePort } : {}),
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      'extensions.webextOptionalPermissionPrompts': (options.permissionRequests ?? 'grant') === 'prompt',
    },
  });
  try {
    const addonId = await browser.installExtension(extensionDir);
    const firefox: FirefoxWithAddon = {
      browser,
      addonId,
      async openExtensionPage(file) {
        const page = await firefox.browser.newPage();
        // Puppeteer does not follow a tab into a moz-extension:// page over BiDi (page.url() stays
        // about:blank): goto rejects with "Frame detached" or never sees `load`, although the page
        // renders in this tab and answers queries. Callers wait for the page's own content instead.
        void page.goto(`moz-extension://${ADDON_UUID}/${file}`).catch(() => undefined);
        return page;
      },
      close: () => firefox.browser.close(),
    };
    return firefox;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Serves every https://<host>/ request of `page` from a saved page: no network, no DNS. */
export async function serveSite(page: Page, host: string, fixtureFile: string): Promise<void> {
  const html = readFileSync(fixtureFile, 'utf8');
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (new URL(request.url()).hostname === host) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else {
      void request.continue();
    }
  });
}

/*
 * Extension pages forbid eval (script-src 'self'), and puppeteer's waitForFunction, which
 * Locator.click and Locator.fill wait with, evaluates strings: on these pages they time out.
 * These helpers find elements with a plain selector wait and act through element handles.
 */

/** Clicks the button showing `text` once it is enabled, as a person would. */
export async function clickButton(page: Page, text: string): Promise<void> {
  const target = await page.locator(button(text)).waitHandle();
  await expect.poll(() => target.evaluate((element) => (element as HTMLButtonElement).disabled)).toBe(false);
  await target.click();
}

/** Types `value` into the input labelled `label`, over what it holds, as a person would. */
export async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const input = await page.locator(field(label)).waitHandle();
  await input.focus();
  await input.evaluate((element) => (element as HTMLInputElement).select());
  await page.keyboard.type(value);
}

/** Puppeteer selectors for what a person sees: a button by its text, an input by its label. */
export const button = (text: string) => `::-p-xpath(//button[normalize-space()=${JSON.stringify(text)}])`;
export const field = (label: string) => `::-p-xpath(//label[normalize-space()=${JSON.stringify(label)}]/following-sibling::input)`;
export const textOf = (text: string) => `::-p-text(${text})`;
