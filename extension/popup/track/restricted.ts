/**
 * Pages no extension may script: the browser's own pages and the extension
 * stores. Checked before injecting when the URL is known (the `activeTab`
 * grant reveals it) and recognised in the browser's error otherwise.
 */
const RESTRICTED_PROTOCOLS = new Set([
  'chrome:',
  'chrome-extension:',
  'chrome-search:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'about:',
  'view-source:',
  'moz-extension:',
  'resource:',
  'data:',
]);

const STORE_PAGES = [
  { host: 'chromewebstore.google.com', path: '/' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
  { host: 'addons.mozilla.org', path: '/' },
];

export function isRestrictedUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (RESTRICTED_PROTOCOLS.has(parsed.protocol)) return true;
  return STORE_PAGES.some((page) => parsed.hostname === page.host && parsed.pathname.startsWith(page.path));
}

export type InjectionFailure = 'restricted' | 'no_access' | 'gone' | 'error';

/** Chromium's and Firefox's executeScript errors, sorted into what the popup can say about them. */
export function classifyInjectionError(message: string): InjectionFailure {
  if (/cannot access a chrome|extensions gallery cannot be scripted|chrome-extension:\/\//i.test(message)) return 'restricted';
  if (/cannot access contents of|must request permission|missing host permission/i.test(message)) return 'no_access';
  if (/no tab with id|tab was closed|frame with id 0 was removed|showing error page/i.test(message)) return 'gone';
  return 'error';
}
