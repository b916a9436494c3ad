import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';

/**
 * Development/test secrets (the two JWT secrets and the one-time-code HMAC
 * key): generated once per data directory so that tokens and codes survive a
 * restart, and never a hard-coded default that a forgotten production
 * deployment could inherit.
 */

export interface DevSecrets {
  jwtAccessSecret: string;
  jwtRefreshSecret: string;
  otpHmacSecret: string;
}

export const SECRETS_FILE_NAME = 'secrets.json';

function generate(): DevSecrets {
  return {
    jwtAccessSecret: crypto.randomBytes(48).toString('base64url'),
    jwtRefreshSecret: crypto.randomBytes(48).toString('base64url'),
    otpHmacSecret: crypto.randomBytes(48).toString('base64url'),
  };
}

/** A file written before the one-time-code key existed holds only the two JWT secrets; the key is added to it. */
function isSecrets(value: unknown): value is Omit<DevSecrets, 'otpHmacSecret'> & { otpHmacSecret?: string } {
  const v = value as Partial<DevSecrets> | null;
  return typeof v === 'object' && v !== null
    && typeof v.jwtAccessSecret === 'string' && v.jwtAccessSecret.length >= 32
    && typeof v.jwtRefreshSecret === 'string' && v.jwtRefreshSecret.length >= 32
    && v.jwtAccessSecret !== v.jwtRefreshSecret
    && (v.otpHmacSecret === undefined
      || (typeof v.otpHmacSecret === 'string' && v.otpHmacSecret.length >= 32 && v.otpHmacSecret !== v.jwtAccessSecret && v.otpHmacSecret !== v.jwtRefreshSecret));
}

function readExisting(file: string): DevSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`DATA_DIR: cannot read ${file} (${(error as Error).message}); fix or delete it to generate new secrets`]);
  }
  if (!isSecrets(parsed)) {
    throw new ConfigError([`DATA_DIR: ${file} does not hold distinct secrets of at least 32 characters; fix or delete it`]);
  }
  // Someone may have copied the file around with a lax umask.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  if (parsed.otpHmacSecret !== undefined) return { ...parsed, otpHmacSecret: parsed.otpHmacSecret };
  const upgraded: DevSecrets = { ...parsed, otpHmacSecret: generate().otpHmacSecret };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new ConfigError([`DATA_DIR: cannot write ${file} (${(error as Error).message})`]);
  }
  return upgraded;
}

export function loadOrCreateDevSecrets(dataDir: string): { file: string; secrets: DevSecrets } {
  const file = path.join(dataDir, SECRETS_FILE_NAME);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError([`DATA_DIR: cannot create ${dataDir} (${(error as Error).message})`]);
  }
  if (fs.existsSync(file)) return { file, secrets: readExisting(file) };

  const secrets = generate();
  try {
    // 'wx' so that two processes starting together cannot overwrite each other's secrets.
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { file, secrets: readExisting(file) };
    throw new ConfigError([`DATA_DIR: cannot write ${file} (${(error as Error).message})`]);
  }
  return { file, secrets };
}
