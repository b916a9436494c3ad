import type { RefreshTokenRecord, RefreshTokenStore } from '../types';
import { isConflict, isNotFound } from './errors';

/**
 * `rt:<userId>:<jti>` records each issued refresh token and whether it was
 * used, so one user's tokens are one key range: sign-out everywhere,
 * password changes and deletion read that range, never every token of every
 * user. `family:<id>` exists once a family is revoked. Consuming updates the
 * token document against its revision, so of two concurrent uses one gets a
 * 409 and is treated as a reuse.
 *
 * A used token is kept until it expires (presenting it again is the sign of a
 * stolen token and revokes its family); expired tokens, used or not, are
 * deleted from the user's range when that user is issued a new token, at most
 * once per PRUNE_INTERVAL_MS per user and process. Past its expiry the JWT
 * itself is refused, so nothing is lost.
 */

interface TokenDoc {
  userId: string;
  family: string;
  expiresAt: string;
  state: 'active' | 'used';
  usedAt?: string;
}

export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
/** Users whose last prune time is remembered; past it the map starts over (pruning is idempotent). */
const MAX_REMEMBERED_PRUNES = 10_000;
const BATCH = 500;

const tokenKey = (userId: string, jti: string) => `rt:${userId}:${jti}`;
const userRange = (userId: string) => ({ startkey: `rt:${userId}:`, endkey: `rt:${userId}:\ufff0` });
const familyKey = (family: string) => `family:${family}`;
/** Before per-user keys: `token:<jti>`. Moved (or, if expired, dropped) once, when the store opens. */
const LEGACY_PREFIX = 'token:';

async function moveLegacyTokens(db: PouchDB.Database, now: () => number): Promise<void> {
  for (;;) {
    const page = await db.allDocs<TokenDoc>({ startkey: LEGACY_PREFIX, endkey: `${LEGACY_PREFIX}\ufff0`, include_docs: true, limit: BATCH });
    if (page.rows.length === 0) return;
    const writes: (PouchDB.Core.PutDocument<TokenDoc> | { _id: string; _rev: string; _deleted: true })[] = [];
    for (const row of page.rows) {
      const doc = row.doc;
      if (!doc) continue;
      writes.push({ _id: doc._id, _rev: doc._rev, _deleted: true });
      if (Date.parse(doc.expiresAt) > now()) {
        const { _id, _rev, ...fields } = doc;
        writes.push({ ...fields, _id: tokenKey(doc.userId, _id.slice(LEGACY_PREFIX.length)) });
      }
    }
    // A conflict means another process moved the same document first.
    const results = await db.bulkDocs(writes);
    const failed = results.find((result) => 'error' in result && result.status !== 409);
    if (failed && 'error' in failed) throw new Error(`moving refresh tokens: ${failed.error} ${failed.reason ?? ''}`);
  }
}

export function createPouchRefreshTokenStore(db: PouchDB.Database, options: { now?: () => number } = {}): RefreshTokenStore {
  const now = options.now ?? (() => Date.now());
  const ready = moveLegacyTokens(db, now);
  // Awaited by every call, which then reports the failure; this only keeps it from going unhandled.
  ready.catch(() => undefined);
  const lastPrune = new Map<string, number>();

  async function userTokens(userId: string) {
    await ready;
    const result = await db.allDocs<TokenDoc>({ ...userRange(userId), include_docs: true });
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  async function pruneExpired(userId: string): Promise<void> {
    const at = now();
    if (at - (lastPrune.get(userId) ?? -Infinity) < PRUNE_INTERVAL_MS) return;
    if (lastPrune.size >= MAX_REMEMBERED_PRUNES) lastPrune.clear();
    lastPrune.set(userId, at);
    const expired = (await userTokens(userId)).filter((doc) => Date.parse(doc.expiresAt) <= at);
    // Conflicts (a concurrent prune or consume) are left for the next prune.
    if (expired.length > 0) await db.bulkDocs(expired.map((doc) => ({ _id: doc._id, _rev: doc._rev, _deleted: true })));
  }

  return {
    async save(record) {
      await ready;
      await db.put<TokenDoc>({
        _id: tokenKey(record.userId, record.jti),
        userId: record.userId,
        family: record.family,
        expiresAt: record.expiresAt,
        state: 'active',
      });
      await pruneExpired(record.userId);
    },

    async consume(userId, jti) {
      await ready;
      let doc: PouchDB.Core.ExistingDocument<TokenDoc>;
      try {
        doc = await db.get<TokenDoc>(tokenKey(userId, jti));
      } catch (error) {
        if (isNotFound(error)) return { status: 'unknown' };
        throw error;
      }
      const record: RefreshTokenRecord = { jti, userId: doc.userId, family: doc.family, expiresAt: doc.expiresAt };
      if (doc.state !== 'active') return { status: 'reused', record };
      try {
        await db.put<TokenDoc>({ ...doc, state: 'used', usedAt: new Date(now()).toISOString() });
      } catch (error) {
        if (isConflict(error)) return { status: 'reused', record };
        throw error;
      }
      return { status: 'consumed', record };
    },

    async revokeFamily(family) {
      try {
        await db.put({ _id: familyKey(family), revokedAt: new Date(now()).toISOString() });
      } catch (error) {
        if (!isConflict(error)) throw error; // already revoked
      }
    },

    async revokeAllForUser(userId) {
      const families = new Set((await userTokens(userId)).map((doc) => doc.family));
      for (const family of families) await this.revokeFamily(family);
      return families.size;
    },

    async deleteForUser(userId) {
      const docs = await userTokens(userId);
      const families = new Set(docs.map((doc) => doc.family));
      const deletions = [
        ...docs.map((doc) => ({ _id: doc._id, _rev: doc._rev, _deleted: true })),
      ];
      for (const family of families) {
        try {
          const revoked = await db.get(familyKey(family));
          deletions.push({ _id: revoked._id, _rev: revoked._rev, _deleted: true });
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
      if (deletions.length > 0) await db.bulkDocs(deletions);
    },

    async isFamilyRevoked(family) {
      await ready;
      try {
        await db.get(familyKey(family));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
