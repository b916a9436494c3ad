/**
 * Ids for jobs that only have a URL (employer career pages, "Track this page").
 * Pure TypeScript: the same id must come out in the extension and on the server,
 * without node:crypto or SubtleCrypto (which is async).
 */

/** Parameters that never identify a posting, dropped before hashing. */
const TRACKING_PARAMS = new Set([
  'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id',
  'gclid', 'fbclid', 'msclkid', 'igshid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi',
  'trk', 'trackingid', 'refid', 'lipi', 'midtoken', 'midsig', 'ebp', 'originalsubdomain',
  'gh_src', 'lever-source', 'ref', 'src',
]);

/**
 * The URL with what varies between visits removed: fragment, tracking
 * parameters, default port, a trailing slash, parameter order, host case.
 * Returns the input unchanged when it is not a URL.
 */
export function canonicalJobUrl(url: string, extraTrackingParams: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const drop = new Set([...TRACKING_PARAMS, ...extraTrackingParams.map((p) => p.toLowerCase())]);
  const kept = [...parsed.searchParams.entries()]
    .filter(([name]) => !drop.has(name.toLowerCase()) && !name.toLowerCase().startsWith('utm_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${query ? `?${query}` : ''}`;
}

/**
 * cyrb53: a fast 53-bit string hash with good spread (public domain, bryc).
 * Not cryptographic: it only has to keep distinct URLs apart in one user's list.
 */
export function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A short stable hash of the canonical form of a URL (base 36, at most 11 characters). */
export function urlHash(url: string): string {
  return cyrb53(canonicalJobUrl(url)).toString(36);
}
