import type { RefreshTokenRecord, RefreshTokenStore } from '../types';
import { isConflict, isNotFound } from './errors';

/**
 * `token:<jti>` records each issued refresh token and whether it was used;
 * `family:<id>` exists once a family is revoked. Consuming updates the token
 * document against its revision, so of two concurrent uses one gets a 409 and
 * is treated as a reuse.
 */

interface TokenDoc {
  userId: string;
  family: string;
  expiresAt: string;
  state: 'active' | 'used';
  usedAt?: string;
}

const tokenKey = (jti: string) => `token:${jti}`;
const familyKey = (family: string) => `family:${family}`;

export function createPouchRefreshTokenStore(db: PouchDB.Database): RefreshTokenStore {
  // A scan: only sign-out-everywhere, password changes and deletion need it, and they are rare.
  async function userTokens(userId: string) {
    const result = await db.allDocs<TokenDoc>({ startkey: 'token:', endkey: 'token:\ufff0', include_docs: true });
    return result.rows.flatMap((row) => (row.doc && row.doc.userId === userId ? [row.doc] : []));
  }

  return {
    async save(record) {
      await db.put<TokenDoc>({
        _id: tokenKey(record.jti),
        userId: record.userId,
        family: record.family,
        expiresAt: record.expiresAt,
        state: 'active',
      });
    },

    async consume(jti) {
      let doc: PouchDB.Core.ExistingDocument<TokenDoc>;
      try {
        doc = await db.get<TokenDoc>(tokenKey(jti));
      } catch (error) {
        if (isNotFound(error)) return { status: 'unknown' };
        throw error;
      }
      const record: RefreshTokenRecord = { jti, userId: doc.userId, family: doc.family, expiresAt: doc.expiresAt };
      if (doc.state !== 'active') return { status: 'reused', record };
      try {
        await db.put<TokenDoc>({ ...doc, state: 'used', usedAt: new Date().toISOString() });
      } catch (error) {
        if (isConflict(error)) return { status: 'reused', record };
        throw error;
      }
      return { status: 'consumed', record };
    },

    async revokeFamily(family) {
      try {
        await db.put({ _id: familyKey(family), revokedAt: new Date().toISOString() });
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
