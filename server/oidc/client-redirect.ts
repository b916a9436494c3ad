import { createHash } from 'node:crypto';

/**
 * Where the server may send a browser back with a login code: the URL
 * `identity.launchWebAuthFlow` watches for (Chrome:
 * `https://<extension id>.chromiumapp.org/...`; Firefox:
 * `https://<SHA-1 hex of the add-on id>.extensions.allizom.org/...`), or a
 * page on an origin the operator allowed (CORS_ORIGINS), for the extension
 * ids in OIDC_EXTENSION_IDS when set. Anything else could hand the code to a
 * stranger's page.
 */

// Chrome extension ids: 32 letters a-p.
const CHROMIUM_APP = /^[a-p]{32}\.chromiumapp\.org$/;
// Firefox names the redirect host after the SHA-1 of the add-on id (toolkit/components/extensions/child/ext-identity.js).
const FIREFOX_APP = /^[0-9a-f]{40}\.extensions\.allizom\.org$/;

export const isChromeExtensionId = (id: string) => /^[a-p]{32}$/.test(id);
/** Gecko add-on ids: an email-like name or a GUID in braces. */
export const isGeckoExtensionId = (id: string) => /^[a-zA-Z0-9._-]*@[a-zA-Z0-9._-]+$/.test(id) || /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/.test(id);

/** The host label Firefox's identity API uses for an add-on id. */
export function firefoxRedirectLabel(geckoId: string): string {
  return createHash('sha1').update(geckoId).digest('hex');
}

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
  if (url.protocol === 'https:' && !url.port && FIREFOX_APP.test(url.hostname)) {
    const label = url.hostname.slice(0, 40);
    return extensionIds.length === 0 || extensionIds.some((id) => isGeckoExtensionId(id) && firefoxRedirectLabel(id) === label);
  }
  return allowedOrigins.includes(url.origin);
}

/** The client's redirect with `params` in the fragment, which browsers never send to a server. */
export function withFragment(redirectUri: string, params: Record<string, string>): string {
  return `${redirectUri}#${new URLSearchParams(params).toString()}`;
}
