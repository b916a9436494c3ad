import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** A P-256 public key as WebCrypto exports it, reduced to the members that define it. */
export interface P256PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
// What WebCrypto's exportKey('jwk') adds to a public key; anything else (above all `d`) is refused.
const ALLOWED_MEMBERS = new Set(['kty', 'crv', 'x', 'y', 'ext', 'key_ops', 'alg', 'use']);

export type ParsedJwk = { ok: true; jwk: P256PublicJwk; key: KeyObject; thumbprint: string } | { ok: false; message: string };

/**
 * Accepts only an EC P-256 public key whose point is on the curve (Node's
 * import checks it), so a device can never register a private key, another
 * curve, or a point that makes verification meaningless.
 */
export function parsePublicJwk(value: unknown): ParsedJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'must be a JWK object' };
  const record = value as Record<string, unknown>;
  if ('d' in record) return { ok: false, message: 'must be a public key (it holds a private part "d")' };
  for (const member of Object.keys(record)) {
    if (!ALLOWED_MEMBERS.has(member)) return { ok: false, message: `has an unexpected member "${member}"` };
  }
  if (record.kty !== 'EC' || record.crv !== 'P-256') return { ok: false, message: 'must be an EC key on P-256' };
  if (typeof record.x !== 'string' || typeof record.y !== 'string' || !COORDINATE.test(record.x) || !COORDINATE.test(record.y)) {
    return { ok: false, message: 'must have base64url x and y of 32 bytes' };
  }
  const jwk: P256PublicJwk = { kty: 'EC', crv: 'P-256', x: record.x, y: record.y };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
  } catch {
    return { ok: false, message: 'is not a point on P-256' };
  }
  return { ok: true, jwk, key, thumbprint: jwkThumbprint(jwk) };
}

/** RFC 7638 thumbprint: the same key always gets the same name. */
export function jwkThumbprint(jwk: P256PublicJwk): string {
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  return createHash('sha256').update(canonical).digest('base64url');
}
