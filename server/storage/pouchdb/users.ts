import type { UserRecord, UserStore } from '../types';
import { isConflict, isNotFound } from './errors';

/**
 * Two documents per user: `user:<id>` holds the record and `email:<email>`
 * claims the address. Claiming first makes email uniqueness atomic: a
 * concurrent registration loses on the claim's 409, never with two accounts.
 */

interface UserDoc {
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

interface EmailClaimDoc {
  userId: string;
}

const userKey = (id: string) => `user:${id}`;
const emailKey = (email: string) => `email:${email}`;

export function createPouchUserStore(db: PouchDB.Database): UserStore {
  async function getOrNull<T extends object>(id: string): Promise<(T & PouchDB.Core.IdMeta) | null> {
    try {
      return await db.get<T>(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function findById(id: string): Promise<UserRecord | null> {
    const doc = await getOrNull<UserDoc>(userKey(id));
    return doc && { id, email: doc.email, name: doc.name, passwordHash: doc.passwordHash, createdAt: doc.createdAt };
  }

  return {
    async create(user) {
      let claim: PouchDB.Core.Response;
      try {
        claim = await db.put<EmailClaimDoc>({ _id: emailKey(user.email), userId: user.id });
      } catch (error) {
        if (isConflict(error)) return 'email_taken';
        throw error;
      }
      try {
        await db.put<UserDoc>({
          _id: userKey(user.id),
          email: user.email,
          name: user.name,
          passwordHash: user.passwordHash,
          createdAt: user.createdAt,
        });
      } catch (error) {
        // Release the claim so the address is not locked by a half-created account.
        await db.remove(claim.id, claim.rev).catch(() => undefined);
        throw error;
      }
      return 'created';
    },

    async findByEmail(email) {
      const claim = await getOrNull<EmailClaimDoc>(emailKey(email));
      return claim ? findById(claim.userId) : null;
    },

    findById,
  };
}
