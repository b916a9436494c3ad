import { isConflict, isNotFound } from '../storage/pouchdb/errors';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';

/**
 * Second-factor records, one per account, in their own server-only database.
 * Only sealed secrets (secret-box.ts) and keyed digests of recovery codes are
 * stored; `lastStep` is the newest TOTP time step accepted, so a code is good once.
 */

export interface SecondFactorRecord {
  userId: string;
  /** The confirmed TOTP seed, sealed; null until an enrolment is confirmed. */
  sealedSecret: string | null;
  confirmedAt: string | null;
  /** Newest time step whose code was accepted; codes of it or an earlier step are refused. */
  lastStep: number;
  recoveryDigests: string[];
  /** An enrolment started and not yet confirmed with a first code. */
  pending: { sealedSecret: string; expiresAt: string } | null;
}

export interface SecondFactorStore {
  get(userId: string): Promise<SecondFactorRecord | null>;
  /**
   * Applies `change` to the record as stored now (a fresh one when none) and
   * writes it, again on a concurrent write: two requests presenting the same
   * code cannot both move `lastStep` past it. `change` returning null writes nothing.
   */
  update(userId: string, change: (current: SecondFactorRecord) => SecondFactorRecord | null): Promise<SecondFactorRecord | null>;
  remove(userId: string): Promise<void>;
  close(): Promise<void>;
}

const key = (userId: string) => `tf:${userId}`;
type Doc = Omit<SecondFactorRecord, 'userId'>;

export function emptySecondFactor(userId: string): SecondFactorRecord {
  return { userId, sealedSecret: null, confirmedAt: null, lastStep: 0, recoveryDigests: [], pending: null };
}

export async function createSecondFactorStore(source: SystemDatabaseSource): Promise<SecondFactorStore> {
  const db = await openSystemDatabase<object>(source, 'second_factors');

  async function read(userId: string): Promise<(Doc & PouchDB.Core.IdMeta & PouchDB.Core.GetMeta) | null> {
    try {
      return await db.get<Doc>(key(userId));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  const toRecord = (userId: string, doc: Doc): SecondFactorRecord => ({
    userId,
    sealedSecret: doc.sealedSecret ?? null,
    confirmedAt: doc.confirmedAt ?? null,
    lastStep: typeof doc.lastStep === 'number' ? doc.lastStep : 0,
    recoveryDigests: Array.isArray(doc.recoveryDigests) ? doc.recoveryDigests : [],
    pending: doc.pending ?? null,
  });

  return {
    async get(userId) {
      const doc = await read(userId);
      return doc && toRecord(userId, doc);
    },
    async update(userId, change) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const doc = await read(userId);
        const next = change(doc ? toRecord(userId, doc) : emptySecondFactor(userId));
        if (!next) return null;
        const { userId: _id, ...fields } = next;
        try {
          await db.put<Doc>({ _id: key(userId), ...(doc ? { _rev: doc._rev } : {}), ...fields });
          return next;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
      throw new Error('Could not update a second factor: too many concurrent changes');
    },
    async remove(userId) {
      const doc = await read(userId);
      if (doc) await db.remove(doc._id, doc._rev).catch((error: unknown) => {
        if (!isNotFound(error) && !isConflict(error)) throw error;
      });
    },
    close: () => db.close(),
  };
}
