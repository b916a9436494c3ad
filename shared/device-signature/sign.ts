import {
  canonicalRequest,
  DEVICE_ID_HEADER,
  pathAndQueryOf,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  toBase64Url,
} from './canonical';

/**
 * Signs one request with a device's private key through WebCrypto (the
 * extension's service worker, and Node for tests). The key may be
 * non-extractable: signing never reads it.
 */

export const DEVICE_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface RequestToSign {
  method: string;
  url: string;
  /** Exactly the bytes that will be sent; absent for none. */
  body?: string | Uint8Array | undefined;
  timestamp: number;
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function signatureHeaders(privateKey: CryptoKey, deviceId: string, request: RequestToSign): Promise<Record<string, string>> {
  const bytes = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : (request.body ?? new Uint8Array());
  const timestamp = String(Math.floor(request.timestamp));
  const message = canonicalRequest({
    method: request.method.toUpperCase(),
    pathAndQuery: pathAndQueryOf(request.url),
    timestamp,
    bodySha256Hex: hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource)),
  });
  const signature = await crypto.subtle.sign(SIGN_ALGORITHM, privateKey, new TextEncoder().encode(message));
  return {
    [DEVICE_ID_HEADER]: deviceId,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: toBase64Url(new Uint8Array(signature)),
  };
}

/** A new key pair whose private half can sign but never be exported. */
export function generateDeviceKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
}

/** The public half as a JWK: what the server registers. */
export async function exportPublicJwk(publicKey: CryptoKey): Promise<JsonWebKey> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return { kty, crv, x, y };
}
