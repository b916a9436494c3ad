import { readStoredRole } from '../../../shared/admin/permissions';
import type { PreferenceValue, UserRecord, UserStore } from '../types';
import { isConflict, isNotFound } from './errors';

/**
 * Two documents per user: `user:<id>` holds the record and `email:<email>`
 * claims the address. Claiming first makes email uniqueness atomic: a
 * concurrent registration loses on the claim's 409, never with two accounts.
 */

type UserDoc = Omit<UserRecord, 'id'>;

interface EmailClaimDoc {
  userId: string;
}

const USER_PREFIX = 'user:';
const userKey = (id: string) => `${USER_PREFIX}${id}`;
const emailKey = (email: string) => `email:${email}`;

/**
 * Records written before verification, roles and profiles existed lack those
 * fields. Such accounts could already sign in, so they count as verified.
 */
function fromDoc(id: string, doc: Partial<UserDoc> & Pick<UserDoc, 'email' | 'name' | 'createdAt'>): UserRecord {
  const { role, permissions } = readStoredRole(doc.role, doc.permissions);
  return {
    id,
    email: doc.email,
    name: doc.name,
    passwordHash: doc.passwordHash ?? null,
    createdAt: doc.createdAt,
    role,
    permissions,
    emailVerified: doc.emailVerified ?? true,
    avatarUrl: doc.avatarUrl ?? null,
    preferences: (doc.preferences ?? {}) as Record<string, PreferenceValue>,
    passwordChangedAt: doc.passwordChangedAt ?? null,
    sessionsRevokedAt: doc.sessionsRevokedAt ?? null,
    knownDevices: Array.isArray(doc.knownDevices) ? doc.knownDevices : [],
    ...(doc.oidc ? { oidc: { issuer: doc.oidc.issuer, subject: doc.oidc.subject } } : {}),
    ...(typeof doc.deletionStartedAt === 'string' ? { deletionStartedAt: doc.deletionStartedAt } : {}),
    ...(typeof doc.disabledAt === 'string' ? { disabledAt: doc.disabledAt } : {}),
    ...(typeof doc.lastActiveAt === 'string' ? { lastActiveAt: doc.lastActiveAt } : {}),
    ...(typeof doc.lastSyncAt === 'string' ? { lastSyncAt: doc.lastSyncAt } : {}),
    ...(Array.isArray(doc.syncDays) ? { syncDays: doc.syncDays.filter((day): day is string => typeof day === 'string') } : {}),
  };
}

/** The account a stored document holds, or null for the users database's other documents (email claims). */
export function userFromStoredDoc(doc: { _id: string } & Record<string, unknown>): UserRecord | null {
  if (!doc._id.startsWith(USER_PREFIX) || typeof doc.email !== 'string' || typeof doc.name !== 'string' || typeof doc.createdAt !== 'string') return null;
  return fromDoc(doc._id.slice(USER_PREFIX.length), doc as unknown as UserDoc);
}

/** The account id a document id of the users database names, or null when it is not an account's. */
export const userIdOfDocId = (docId: string): string | null => (docId.startsWith(USER_PREFIX) ? docId.slice(USER_PREFIX.length) : null);

function toDoc(user: UserRecord): UserDoc {
  const { id: _id, ...doc } = user;
  return doc;
}

export function createPouchUserStore(db: PouchDB.Database): UserStore {
  async function getOrNull<T extends object>(id: string): Promise<(T & PouchDB.Core.IdMeta & PouchDB.Core.GetMeta) | null> {
    try {
      return await db.get<T>(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Including an account being deleted, which every other lookup treats as gone. */
  async function findAnyById(id: string): Promise<UserRecord | null> {
    const doc = await getOrNull<UserDoc>(userKey(id));
    return doc && fromDoc(id, doc);
  }

  async function findById(id: string): Promise<UserRecord | null> {
    const user = await findAnyById(id);
    return user && !user.deletionStartedAt ? user : null;
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
        await db.put<UserDoc>({ _id: userKey(user.id), ...toDoc(user) });
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

    async update(id, change) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await getOrNull<UserDoc>(userKey(id));
        if (!current || current.deletionStartedAt) return null;
        const before = fromDoc(id, current);
        const updated = { ...change(before), id, email: before.email };
        try {
          await db.put<UserDoc>({ _id: current._id, _rev: current._rev, ...toDoc(updated) });
          return updated;
        } catch (error) {
          // Written by someone else meanwhile: the change is applied again to their version.
          if (!isConflict(error)) throw error;
        }
      }
      throw new Error(`Could not update user ${id}: too many concurrent changes`);
    },

    async markForDeletion(id) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await getOrNull<UserDoc>(userKey(id));
        if (!current) return null;
        if (current.deletionStartedAt) return fromDoc(id, current);
        const marked: UserDoc = { ...current, deletionStartedAt: new Date().toISOString() };
        try {
          await db.put<UserDoc>(marked);
          return fromDoc(id, marked);
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new Error(`Could not mark user ${id} for deletion: too many concurrent changes`);
    },

    async pendingDeletions() {
      // Read only at start-up; the user records are few next to the jobs.
      const all = await db.allDocs<UserDoc>({ startkey: 'user:', endkey: 'user:\ufff0', include_docs: true });
      return all.rows.flatMap((row) => (row.doc?.deletionStartedAt ? [fromDoc(row.id.slice('user:'.length), row.doc)] : []));
    },

    async listPrivileged() {
      // A scan of the user records: few enough for an operator's check (first owner,
      // last owner). A console listing 100,000 users will want an index instead.
      const all = await db.allDocs<UserDoc>({ startkey: 'user:', endkey: 'user:\ufff0', include_docs: true });
      return all.rows.flatMap((row) => {
        if (!row.doc || row.doc.deletionStartedAt) return [];
        const user = fromDoc(row.id.slice('user:'.length), row.doc);
        return user.role === 'user' ? [] : [user];
      });
    },

    async *scan(pageSize) {
      let startkey = 'user:';
      let skip = 0;
      for (;;) {
        const page = await db.allDocs<UserDoc>({ startkey, endkey: 'user:\ufff0', include_docs: true, limit: pageSize, skip });
        const users = page.rows.flatMap((row) => (row.doc ? [fromDoc(row.id.slice('user:'.length), row.doc)] : []));
        if (users.length > 0) yield users;
        const last = page.rows.at(-1);
        if (!last || page.rows.length < pageSize) return;
        // Continue after the last key seen: skip 1 steps over it without re-reading the pages before.
        startkey = last.id;
        skip = 1;
      }
    },

    async delete(id) {
      const doc = await getOrNull<UserDoc>(userKey(id));
      if (!doc) return;
      await db.remove(doc._id, doc._rev);
      const claim = await getOrNull<EmailClaimDoc>(emailKey(doc.email));
      if (claim && claim.userId === id) await db.remove(claim._id, claim._rev).catch(() => undefined);
    },
  };
}
