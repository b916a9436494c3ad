import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import { ATS_HOST_PATTERNS } from './extension/background/capture/ats-hosts';
import { RESUME_ASSET_DIR, RESUME_ASSETS } from './extension/resume/assets';
import { FIREFOX_DATA_COLLECTION_PERMISSIONS } from './shared/consent/firefox-data-collection';

const require = createRequire(import.meta.url);

// The extension asks for the narrowest permissions: storage for its settings and
// tokens, alarms to wake the sync and reminders, notifications to show a reminder
// (and open its job on a click), and LinkedIn and Internshala as the only sites it reads.
// activeTab + scripting let "Track this page" read the one tab the user clicked
// the toolbar icon on, on any site, without a host permission for it.
// The sync server is reached through CORS, so it needs no host permission.
// Greenhouse, Lever, Ashby and Workday are optional: asked for from Settings when the person
// turns on tracking there, never at install (extension/background/capture/ats-hosts.ts).
export default defineConfig({
  srcDir: 'extension',
  // Several builds can run side by side (one per engineer or bench) when each names its own folder.
  outDir: process.env.TRACKRUIT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react'],
  // MV3 for Firefox too (WXT would build MV2 for it): its MV2 manifest drops optional_host_permissions,
  // so ATS tracking could not be asked for, while Firefox (109+) runs this MV3 manifest as it is,
  // its background as an event page that the code already expects to be stopped and woken.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'TrackRuit',
    description: 'Tracks your job applications on your own device, and syncs them to your own server.',
    // identity: "Continue with Google" runs in a browser-owned window (launchWebAuthFlow); no permission warning.
    permissions: ['storage', 'alarms', 'notifications', 'activeTab', 'scripting', 'identity'],
    // TRACKRUIT_E2E_GRANT_ATS=1 (tests/e2e/capture-ats.spec.ts only): a build with the ATS hosts already
    // granted, since no test can click the browser's permission prompt. Never set for a release.
    host_permissions: ['https://www.linkedin.com/*', 'https://internshala.com/*', ...(process.env.TRACKRUIT_E2E_GRANT_ATS === '1' ? ATS_HOST_PATTERNS : [])],
    optional_host_permissions: [...ATS_HOST_PATTERNS],
    // Firefox's built-in consent for data collection and transmission (Extension Workshop, "Firefox
    // built-in consent"; AMO requires it of new add-ons since November 2025). Mozilla counts as
    // transmission anything handled outside the add-on or the local browser, so sync to a server,
    // even one the person or their organisation runs, is transmission. Everything works offline and
    // signed out, so nothing is required ('none'); what sync sends (account name and email, the
    // password, job pages' URLs and captured content, that the person applied, resumes) is optional,
    // asked for with permissions.request from the click that signs in, and checked before every
    // request that carries anything of the person's (shared/consent/firefox-data-collection.ts has
    // the categories and why; extension/background/account/data-consent.ts the check).
    // strict_min_version 140: Firefox 140 (the current ESR, Debian's firefox-esr) is the first that
    // reads the key. 128-139 ignore it (an unexpected-property warning), so their users would sync
    // without ever being asked, and AMO's linter flags the gap (KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION).
    // 140 also covers what 128 was chosen for (MV3 host permissions granted at install, from 127).
    // Firefox's key only: Chromium would warn about an unrecognised manifest key.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'trackruit@trackruit.app', strict_min_version: '140.0', data_collection_permissions: FIREFOX_DATA_COLLECTION_PERMISSIONS } } }
      : {}),
    // Resume parsing runs pdf.js and tesseract.js as WebAssembly in extension pages' workers.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
  }),
  // ES-module workers can load code on demand (the resume worker loads its DOCX reader only for DOCX files).
  vite: () => ({ worker: { format: 'es' } }),
  hooks: {
    // The resume parser's engines (pdf.js worker, tesseract worker, core and English data) ship inside the extension.
    'build:publicAssets': (_wxt, files) => {
      for (const [dest, src] of Object.entries(RESUME_ASSETS)) {
        files.push({ absoluteSrc: require.resolve(src), relativeDest: `${RESUME_ASSET_DIR}/${dest}` });
      }
    },
  },
  zip: { excludeSources: ['data/**', 'tests/**', '.output/**', 'test-results/**', 'playwright-report/**'] },
});
