import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { HttpError } from '../errors';
import type { UserRecord } from '../storage/types';
import { createSecretBox, keyedDigest } from './secret-box';
import type { SecondFactorRecord, SecondFactorStore } from './second-factor-store';

/**
 * TOTP (RFC 6238) as the second factor of admins and owners: enrolment with
 * a QR code confirmed by a first code, single-use codes (a code's time step
 * is remembered, so the same code, or an older one, is refused), and ten
 * recovery codes shown once and stored as keyed digests.
 */

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** One step either side: a phone clock half a minute off still works. */
const TOTP_WINDOW = 1;
const ENROLMENT_TTL_MS = 10 * 60 * 1000;
const RECOVERY_CODE_COUNT = 10;

export interface EnrolmentStart {
  /** otpauth://totp/… for authenticator apps. */
  otpauthUrl: string;
  /** The same as a PNG data URL, for an <img>. */
  qrCodeDataUrl: string;
  /** Base32, for typing in by hand. */
  secret: string;
  expiresAt: string;
}

export type SecondFactorProof = { code: string } | { recoveryCode: string };

export interface SecondFactorStatus {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
}

export interface SecondFactorService {
  status(userId: string): Promise<SecondFactorStatus>;
  isEnrolled(userId: string): Promise<boolean>;
  startEnrolment(user: UserRecord): Promise<EnrolmentStart>;
  /** Checks the first code against the pending secret and makes it the account's; returns the recovery codes (shown once). */
  confirmEnrolment(user: UserRecord, code: string): Promise<string[]>;
  /** Throws 400 invalid_code (wrong) or code_reused (already accepted once); uses up a recovery code. */
  verify(user: UserRecord, proof: SecondFactorProof): Promise<{ method: 'totp' | 'recovery_code'; recoveryCodesLeft: number }>;
  remove(userId: string): Promise<void>;
}

const invalidCode = () => new HttpError(400, 'invalid_code', 'The code is wrong or has expired. Enter the current code from your authenticator app.');
const reusedCode = () => new HttpError(400, 'code_reused', 'This code was already used. Wait for the next one (a new code every 30 seconds).');

function totpFor(secretBase32: string, label: string, issuer: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** The time step whose code `code` is, within the window, or null. */
export function matchingStep(totp: OTPAuth.TOTP, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** Ten characters of Crockford-like base32 in two groups: 50 bits, typed without ambiguity. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstvwxyz23456789';
  const chars = Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');

export function createSecondFactorService(options: { store: SecondFactorStore; serverSecret: string; issuer: string; now?: () => number }): SecondFactorService {
  const { store, serverSecret, issuer } = options;
  const now = options.now ?? Date.now;
  const box = createSecretBox(serverSecret, 'totp-secret');
  const recoveryDigest = (code: string) => keyedDigest(serverSecret, 'totp-recovery', normaliseRecoveryCode(code));

  const isEnrolled = (record: SecondFactorRecord | null) => Boolean(record?.sealedSecret && record.confirmedAt);

  function openSecret(sealed: string): string {
    const secret = box.open(sealed);
    // A seed sealed under another OTP_HMAC_SECRET: the operator changed it, and must reset the factor.
    if (secret === null) throw new HttpError(500, 'second_factor_unreadable', 'This account\'s second factor cannot be read with the server\'s current secret; an owner must reset it.');
    return secret;
  }

  return {
    async status(userId) {
      const record = await store.get(userId);
      return { enrolled: isEnrolled(record), confirmedAt: record?.confirmedAt ?? null, recoveryCodesLeft: record?.recoveryDigests.length ?? 0 };
    },

    async isEnrolled(userId) {
      return isEnrolled(await store.get(userId));
    },

    async startEnrolment(user) {
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      const expiresAt = new Date(now() + ENROLMENT_TTL_MS).toISOString();
      const written = await store.update(user.id, (current) => (isEnrolled(current) ? null : { ...current, pending: { sealedSecret: box.seal(secret), expiresAt } }));
      if (!written) throw new HttpError(409, 'second_factor_enrolled', 'A second factor is already set up for this account; an owner can reset it.');
      const otpauthUrl = totpFor(secret, user.email, issuer).toString();
      return { otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 }), secret, expiresAt };
    },

    async confirmEnrolment(user, code) {
      const record = await store.get(user.id);
      if (isEnrolled(record)) throw new HttpError(409, 'second_factor_enrolled', 'A second factor is already set up for this account.');
      const pending = record?.pending;
      if (!pending || Date.parse(pending.expiresAt) <= now()) throw new HttpError(409, 'no_enrolment', 'Start the set-up again: no set-up is waiting for a code, or it expired.');
      const secret = openSecret(pending.sealedSecret);
      const step = matchingStep(totpFor(secret, user.email, issuer), code, now());
      if (step === null) throw invalidCode();
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      const written = await store.update(user.id, (current) => (current.pending?.sealedSecret !== pending.sealedSecret ? null : {
        ...current,
        sealedSecret: pending.sealedSecret,
        confirmedAt: new Date(now()).toISOString(),
        lastStep: step,
        recoveryDigests: codes.map(recoveryDigest),
        pending: null,
      }));
      if (!written) throw new HttpError(409, 'no_enrolment', 'Another set-up replaced this one meanwhile: start again.');
      return codes;
    },

    async verify(user, proof) {
      const record = await store.get(user.id);
      if (!record || !isEnrolled(record) || !record.sealedSecret) throw new HttpError(403, 'second_factor_enrolment_required', 'Set up a second factor (an authenticator app) first.');
      if ('recoveryCode' in proof) {
        const digest = recoveryDigest(proof.recoveryCode);
        let used = false;
        const written = await store.update(user.id, (current) => {
          if (!current.recoveryDigests.includes(digest)) return null;
          used = true;
          return { ...current, recoveryDigests: current.recoveryDigests.filter((entry) => entry !== digest) };
        });
        if (!used || !written) throw invalidCode();
        return { method: 'recovery_code', recoveryCodesLeft: written.recoveryDigests.length };
      }
      const step = matchingStep(totpFor(openSecret(record.sealedSecret), user.email, issuer), proof.code, now());
      if (step === null) throw invalidCode();
      let replayed = false;
      const written = await store.update(user.id, (current) => {
        // Read again inside the update: of two requests with one code, exactly one moves lastStep.
        if (step <= current.lastStep) {
          replayed = true;
          return null;
        }
        return { ...current, lastStep: step };
      });
      if (replayed || !written) throw reusedCode();
      return { method: 'totp', recoveryCodesLeft: written.recoveryDigests.length };
    },

    remove: (userId) => store.remove(userId),
  };
}
