import type { OneTimeCodePurpose, OneTimeCodeRecord, OneTimeCodeStore } from '../types';
import { isConflict, isNotFound } from './errors';

/** One document per purpose and email: `<purpose>:<email>`. A new code replaces the old one. */

type CodeDoc = Omit<OneTimeCodeRecord, 'purpose' | 'email'>;

const key = (purpose: OneTimeCodePurpose, email: string) => `${purpose}:${email}`;

export function createPouchOneTimeCodeStore(db: PouchDB.Database): OneTimeCodeStore {
  async function getDoc(purpose: OneTimeCodePurpose, email: string) {
    try {
      return await db.get<CodeDoc>(key(purpose, email));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  return {
    async get(purpose, email) {
      const doc = await getDoc(purpose, email);
      return doc && { purpose, email, userId: doc.userId, codeHash: doc.codeHash, expiresAt: doc.expiresAt, sentAt: doc.sentAt, attempts: doc.attempts };
    },

    async put(record) {
      const { purpose, email, ...fields } = record;
      for (;;) {
        const current = await getDoc(purpose, email);
        try {
          await db.put<CodeDoc>({ _id: key(purpose, email), ...(current ? { _rev: current._rev } : {}), ...fields });
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
    },

    async countAttempt(purpose, email) {
      // Retried on conflict so that parallel guesses each use up an attempt.
      for (;;) {
        const current = await getDoc(purpose, email);
        if (!current) return null;
        const attempts = current.attempts + 1;
        try {
          await db.put<CodeDoc>({ ...current, attempts });
          return attempts;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
    },

    async delete(purpose, email) {
      const current = await getDoc(purpose, email);
      if (current) await db.remove(current._id, current._rev).catch((error: unknown) => {
        if (!isConflict(error) && !isNotFound(error)) throw error;
      });
    },
  };
}
