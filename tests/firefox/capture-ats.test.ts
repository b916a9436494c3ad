import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { fixturePath } from '../fixtures/load';
import { launchFirefoxWithAddon, serveSite, textOf, type FirefoxWithAddon } from './firefox-extension';

/** A build with the ATS hosts granted, as after "Record applications…" in Settings and Firefox's prompt. */
const GRANTED_DIR = path.resolve('.output/e2e-ats-granted');
const CONFIRMATION_URL = 'https://job-boards.greenhouse.io/initech/jobs/5551234/confirmation';

let firefox: FirefoxWithAddon | undefined;

beforeAll(() => {
  // No test can answer the browser's permission prompt, so this build holds the permission from
  // install; the background registers the ATS script the same way after a grant from Settings.
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TRACKRUIT_OUT_DIR: GRANTED_DIR, TRACKRUIT_E2E_GRANT_ATS: '1' },
  });
}, 120_000);

afterEach(async () => {
  await firefox?.close();
  firefox = undefined;
});

// The ATS content script is not in the manifest: the background registers it with
// scripting.registerContentScripts for the granted hosts only.
test('in Firefox the registered ATS script records a Greenhouse application', async () => {
  firefox = await launchFirefoxWithAddon(path.join(GRANTED_DIR, 'firefox-mv3'));
  const dashboard = await firefox.openExtensionPage('dashboard.html');
  await dashboard.locator(textOf('No applications yet')).wait();
  const registered = () =>
    dashboard.evaluate(async () => {
      const scripting = (globalThis as unknown as { browser: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).browser.scripting;
      return (await scripting.getRegisteredContentScripts()).map((script) => script.id);
    });
  await expect.poll(registered).toEqual(['trackruit-ats']);

  const greenhouse = await firefox.browser.newPage();
  await serveSite(greenhouse, 'job-boards.greenhouse.io', fixturePath('ats/greenhouse-confirmation.html'));
  await greenhouse.goto(CONFIRMATION_URL);
  await greenhouse.locator(`trackruit-controls >>> ${textOf('Recorded in TrackRuit: Platform Engineer · Initech')}`).wait();

  const row = await dashboard.locator('tr[data-job-id]').waitHandle();
  const rowText = await row.evaluate((element) => element.textContent ?? '');
  for (const cell of ['Platform Engineer', 'Initech', 'Applied']) expect(rowText).toContain(cell);
});
