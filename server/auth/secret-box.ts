import crypto from 'node:crypto';

/**
 * Encrypts small secrets kept at rest (TOTP seeds) with AES-256-GCM under a
 * key derived from a server secret, so a copy of the database alone does not
 * let anyone compute an admin's codes. `purpose` separates keys: a box made
 * for one use never opens for another.
 */

export interface SecretBox {
  seal(plain: string): string;
  /** Null when the box was not made with this key and purpose, or was altered. */
  open(sealed: string): string | null;
}

const VERSION = 'v1';

export function createSecretBox(serverSecret: string, purpose: string): SecretBox {
  const key = new Uint8Array(crypto.hkdfSync('sha256', serverSecret, 'trackruit-secret-box', purpose, 32));
  const bytes = (buffer: Buffer) => new Uint8Array(buffer);
  return {
    seal(plain) {
      const iv = bytes(crypto.randomBytes(12));
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([bytes(cipher.update(plain, 'utf8')), bytes(cipher.final())]);
      return [VERSION, Buffer.from(iv).toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) return null;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes(Buffer.from(iv, 'base64url')));
        decipher.setAuthTag(bytes(Buffer.from(tag, 'base64url')));
        return Buffer.concat([bytes(decipher.update(bytes(Buffer.from(body, 'base64url')))), bytes(decipher.final())]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/** A keyed hash for high-entropy values looked up by equality (recovery codes). */
export function keyedDigest(serverSecret: string, purpose: string, value: string): string {
  return crypto.createHmac('sha256', new Uint8Array(crypto.hkdfSync('sha256', serverSecret, 'trackruit-keyed-digest', purpose, 32))).update(value).digest('hex');
}
