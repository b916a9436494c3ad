import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is a const enum in the typings but an empty object at runtime,
// so under per-file transpilation (tsx, vitest) only the literal works.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A real hash of a random password with the same parameters, verified
 * against when the email is unknown, so that a login for a missing account
 * costs the same time as one with a wrong password.
 */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(32).toString('hex'));
  return dummyHash;
}
