import crypto from 'node:crypto';

/**
 * Six-digit one-time codes (email verification, password reset). Only an
 * HMAC of the code is stored, keyed by a server secret and bound to the email
 * and purpose: a leaked code table cannot be brute-forced offline (a plain
 * hash of a 6-digit number could, in a millisecond) nor replayed elsewhere.
 */

export type CodePurpose = 'verify' | 'reset';

export function generateCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * `binding` ties a code to what it was sent for: a verification code to the
 * password hash of the registration that asked for it, so a later
 * registration of the same address cannot ride on an earlier code.
 */
export function hashCode(secret: string, purpose: CodePurpose, email: string, code: string, binding = ''): string {
  const input = binding ? `${purpose}\n${email}\n${code}\n${binding}` : `${purpose}\n${email}\n${code}`;
  return crypto.createHmac('sha256', secret).update(input).digest('hex');
}

/** Compares in constant time; a malformed code costs the same as a wrong one. */
export function codeMatches(secret: string, purpose: CodePurpose, email: string, code: string, storedHash: string, binding = ''): boolean {
  const candidate = new Uint8Array(Buffer.from(hashCode(secret, purpose, email, code, binding), 'hex'));
  const stored = new Uint8Array(Buffer.from(storedHash, 'hex'));
  return stored.length === candidate.length && crypto.timingSafeEqual(candidate, stored);
}
