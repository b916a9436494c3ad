/**
 * The device-signature protocol of the extension routes (`/api/extension/*`),
 * shared by the extension that signs and the server that checks. A request
 * carries `X-Device-Id`, `X-Timestamp` (epoch ms) and `X-Signature`
 * (ECDSA P-256 over SHA-256, IEEE P1363 r||s, base64url) of the string below.
 */

export const DEVICE_ID_HEADER = 'X-Device-Id';
export const TIMESTAMP_HEADER = 'X-Timestamp';
export const SIGNATURE_HEADER = 'X-Signature';

/** How far a request's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** The hex SHA-256 of an empty body, which every GET signs. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * `METHOD\nPATH?QUERY\nTIMESTAMP\nSHA-256(body) hex`. The path is what the
 * client sent (percent-encoding kept), so both sides sign the same bytes
 * without re-encoding; a request without a query has no `?`.
 */
export function canonicalRequest(input: { method: string; pathAndQuery: string; timestamp: string; bodySha256Hex: string }): string {
  const { method, pathAndQuery, timestamp, bodySha256Hex } = input;
  if (!/^[A-Z]+$/.test(method)) throw new Error(`method must be upper-case letters (got ${JSON.stringify(method)})`);
  if (!pathAndQuery.startsWith('/') || /[\n\r]/.test(pathAndQuery)) throw new Error('pathAndQuery must start with "/" and hold no line break');
  if (!/^\d{1,16}$/.test(timestamp)) throw new Error('timestamp must be epoch milliseconds');
  if (!/^[0-9a-f]{64}$/.test(bodySha256Hex)) throw new Error('bodySha256Hex must be 64 lower-case hex digits');
  return `${method}\n${pathAndQuery}\n${timestamp}\n${bodySha256Hex}`;
}

/** The path and query of an absolute URL as a server sees them in its request line. */
export function pathAndQueryOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** base64url without padding, the encoding of X-Signature. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
