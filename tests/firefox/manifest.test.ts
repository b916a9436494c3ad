import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { FIREFOX_EXTENSION_DIR } from './firefox-extension';

interface GeckoSettings {
  id?: string;
  strict_min_version?: string;
  data_collection_permissions?: { required?: string[]; optional?: string[] };
}

// The built add-on, as AMO and Firefox read it (npm run test:firefox builds it first).
test('the built Firefox manifest declares no required data collection and exactly what sync sends as optional, for Firefox 140+', () => {
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: GeckoSettings };
  };
  const gecko = manifest.browser_specific_settings?.gecko;
  expect(gecko?.strict_min_version).toBe('140.0');
  expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
  // Changing what sync sends changes this list, on purpose: the README's Firefox section says why each is here.
  expect([...(gecko?.data_collection_permissions?.optional ?? [])].sort()).toEqual(
    ['authenticationInfo', 'browsingActivity', 'personallyIdentifyingInfo', 'websiteActivity', 'websiteContent'],
  );
  expect(Object.keys(gecko?.data_collection_permissions ?? {}).sort()).toEqual(['optional', 'required']);
});
