import { createHash } from 'node:crypto';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';

/**
 * Which account an OpenID provider's subject signs in to: one document per
 * (issuer, subject), claimed with a create-only put, so two concurrent first
 * sign-ins cannot link one subject to two accounts.
 */

export interface OidcLink {
  issuer: string;
  subject: string;
  userId: string;
  linkedAt: string;
}

export interface OidcLinkStore {
  find(issuer: string, subject: string): Promise<OidcLink | null>;
  /** 'taken' when the subject is already linked (to anyone). */
  create(link: OidcLink): Promise<'created' | 'taken'>;
  remove(issuer: string, subject: string): Promise<void>;
  /** Account deletion. */
  removeAllForUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

// Hashed: issuers and subjects are arbitrary strings, and document ids cannot start with "_".
const linkKey = (issuer: string, subject: string) => `link:${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex')}`;
const status = (error: unknown) => (error as { status?: number } | null)?.status;

export async function createPouchOidcLinkStore(source: SystemDatabaseSource): Promise<OidcLinkStore> {
  const db = await openSystemDatabase<OidcLink>(source, 'oidc_links');

  async function get(issuer: string, subject: string) {
    try {
      return await db.get(linkKey(issuer, subject));
    } catch (error) {
      if (status(error) === 404) return null;
      throw error;
    }
  }

  return {
    async find(issuer, subject) {
      const doc = await get(issuer, subject);
      return doc && { issuer: doc.issuer, subject: doc.subject, userId: doc.userId, linkedAt: doc.linkedAt };
    },

    async create(link) {
      try {
        await db.put({ _id: linkKey(link.issuer, link.subject), ...link });
        return 'created';
      } catch (error) {
        if (status(error) === 409) return 'taken';
        throw error;
      }
    },

    async remove(issuer, subject) {
      const doc = await get(issuer, subject);
      if (doc) await db.remove(doc).catch(() => undefined);
    },

    async removeAllForUser(userId) {
      const all = await db.allDocs({ include_docs: true });
      const mine = all.rows.flatMap((row) => (row.doc && row.doc.userId === userId ? [{ ...row.doc, _deleted: true }] : []));
      if (mine.length > 0) await db.bulkDocs(mine);
    },

    close: () => db.close(),
  };
}
