import crypto from 'node:crypto';

/**
 * The weekly mail's unsubscribe link: the user's id and an HMAC of it, so the
 * link works without signing in and cannot be made for another account. The
 * key is derived from the server's one-time-code secret for this purpose
 * alone, so a signature here is never valid anywhere else. Links do not
 * expire: an old mail's link must still stop the mails.
 */

export const UNSUBSCRIBE_PATH = '/api/mail/weekly-summary/unsubscribe';
const PURPOSE = 'trackruit weekly-summary unsubscribe v1';
/** User ids are UUIDs; anything much longer is not one of ours. */
const MAX_USER_ID = 128;

export interface UnsubscribeLinks {
  url(userId: string): string;
  /** The user id the signature was made for, or null for a missing, malformed or forged one. */
  verify(userId: unknown, signature: unknown): string | null;
}

export function createUnsubscribeLinks(serverSecret: string, publicUrl: () => string): UnsubscribeLinks {
  const key = crypto.createHmac('sha256', serverSecret).update(PURPOSE).digest('hex');
  const sign = (userId: string) => crypto.createHmac('sha256', key).update(userId).digest('base64url');
  return {
    url(userId) {
      const query = new URLSearchParams({ u: userId, s: sign(userId) });
      return `${publicUrl()}${UNSUBSCRIBE_PATH}?${query.toString()}`;
    },
    verify(userId, signature) {
      if (typeof userId !== 'string' || typeof signature !== 'string' || userId.length === 0 || userId.length > MAX_USER_ID) return null;
      const expected = new Uint8Array(Buffer.from(sign(userId)));
      const given = new Uint8Array(Buffer.from(signature));
      return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? userId : null;
    },
  };
}
