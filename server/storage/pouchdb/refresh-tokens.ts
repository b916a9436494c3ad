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
