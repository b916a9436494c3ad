/**
 * Where the server may send a browser back with a login code: the URL
 * `chrome.identity.launchWebAuthFlow` watches for
 * (`https://<extension id>.chromiumapp.org/...`), or a page on an origin the
 * operator allowed (CORS_ORIGINS), for the extension ids in OIDC_EXTENSION_IDS
 * when set. Anything else could hand the code to a stranger's page.
 */

// Chrome extension ids: 32 letters a-p.
const CHROMIUM_APP = /^[a-p]{32}\.chromiumapp\.org$/;

export function isAllowedClientRedirect(value: unknown, allowedOrigins: readonly string[], extensionIds: readonly string[] = []): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // The code goes in the fragment; one already there would be ambiguous.
  if (url.username || url.password || url.hash || value.includes('#')) return false;
  if (url.protocol === 'https:' && !url.port && CHROMIUM_APP.test(url.hostname)) {
    // With an allow-list, another extension cannot obtain sessions through this server.
    return extensionIds.length === 0 || extensionIds.includes(url.hostname.slice(0, 32));
  }
  return allowedOrigins.includes(url.origin);
}

/** The client's redirect with `params` in the fragment, which browsers never send to a server. */
export function withFragment(redirectUri: string, params: Record<string, string>): string {
  return `${redirectUri}#${new URLSearchParams(params).toString()}`;
}
