import type { UserContribution } from '../../../shared/analytics/contribution';
import { systemPouch } from '../../storage/pouchdb/system-pouch';
import { followChanges, type ChangesFollower } from '../../storage/follow-changes';
import type { SystemDatabaseSource } from '../../storage/system-database';

/**
 * Each contributing user's contribution with the update sequence of their
 * database it was computed at, kept on disk so that a restart resumes: a user
 * whose database has not moved since is taken as stored, not read again.
 * One document per user, so replacing one writes one small document.
 */

export interface Checkpoint {
  userId: string;
  seq: string;
  contribution: UserContribution;
}

export interface CheckpointStore {
  loadAll(): Promise<Checkpoint[]>;
  /**
   * Calls `onChange` with every checkpoint written or removed from the
   * moment loadAll() began, by this server or another one sharing the
   * database (CouchDB mode), until close().
   */
  follow(onChange: (userId: string, checkpoint: Omit<Checkpoint, 'userId'> | null) => void, log: (message: string, error?: unknown) => void): void;
  put(checkpoint: Checkpoint): Promise<void>;
  remove(userId: string): Promise<void>;
  close(): Promise<void>;
}

const PREFIX = 'user:';
const PAGE = 500;

interface StoredCheckpoint {
  _id: string;
  _rev?: string;
  seq: string;
  contribution: UserContribution;
}

export function openCheckpointStore(source: SystemDatabaseSource): CheckpointStore {
  // Each user's document is replaced on every change of theirs: old revisions are compacted away as they go
  // (embedded; CouchDB compacts on its own). Opened on first use, so the store can be made synchronously.
  const opened: Promise<PouchDB.Database<StoredCheckpoint>> = typeof source === 'string'
    ? Promise.resolve(new (systemPouch(source))<StoredCheckpoint>('platform-analytics', { auto_compaction: true }))
    : source<StoredCheckpoint>('platform-analytics');
  // Never left unhandled: each use awaits it and reports its failure there.
  opened.catch(() => undefined);
  // Revisions of the stored documents, so a replacement is one write, not a read and a write.
  const revs = new Map<string, string>();
  // The database's sequence when loadAll() began: following starts there, so nothing written meanwhile is missed.
  let loadedFrom: string | number | undefined;
  let follower: ChangesFollower | undefined;
  let closed = false;

  async function currentRev(id: string): Promise<string | undefined> {
    const known = revs.get(id);
    if (known) return known;
    const stored = await (await opened).get(id).catch(() => null);
    return stored?._rev;
  }

  return {
    async loadAll() {
      loadedFrom = (await (await opened).info()).update_seq;
      const checkpoints: Checkpoint[] = [];
      let startkey: string | undefined;
      for (;;) {
        const page = await (await opened).allDocs({ include_docs: true, limit: PAGE + (startkey ? 1 : 0), ...(startkey ? { startkey } : {}) });
        const rows = startkey ? page.rows.slice(1) : page.rows;
        for (const row of rows) {
          if (!row.doc || !row.id.startsWith(PREFIX)) continue;
          revs.set(row.id, row.doc._rev!);
          checkpoints.push({ userId: row.id.slice(PREFIX.length), seq: row.doc.seq, contribution: row.doc.contribution });
        }
        if (rows.length < PAGE) return checkpoints;
        startkey = rows[rows.length - 1]!.id;
      }
    },

    async put({ userId, seq, contribution }) {
      const id = `${PREFIX}${userId}`;
      for (let attempt = 0; ; attempt += 1) {
        const rev = await currentRev(id);
        try {
          const written = await (await opened).put({ _id: id, ...(rev ? { _rev: rev } : {}), seq, contribution });
          revs.set(id, written.rev);
          return;
        } catch (error) {
          // Another instance wrote it (CouchDB mode), or the remembered revision was stale: once more with the current one.
          if ((error as { status?: number }).status !== 409 || attempt > 0) throw error;
          revs.delete(id);
        }
      }
    },

    async remove(userId) {
      const id = `${PREFIX}${userId}`;
      for (let attempt = 0; ; attempt += 1) {
        const rev = await currentRev(id);
        revs.delete(id);
        if (!rev) return;
        try {
          await (await opened).remove(id, rev);
          return;
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status === 404) return;
          // Another instance replaced it meanwhile (CouchDB mode): removed at its current revision.
          if (status !== 409 || attempt > 0) throw error;
        }
      }
    },

    follow(onChange, log) {
      void opened.then(async (db) => {
        const since = loadedFrom ?? (await db.info()).update_seq;
        if (closed) return;
        follower = followChanges(db, {
          since,
          label: 'the platform analytics checkpoints',
          log,
          onChange({ id, deleted, doc }) {
            if (!id.startsWith(PREFIX)) return;
            if (deleted || !doc) {
              revs.delete(id);
              onChange(id.slice(PREFIX.length), null);
              return;
            }
            revs.set(id, doc._rev);
            onChange(id.slice(PREFIX.length), { seq: doc.seq, contribution: doc.contribution });
          },
        });
      }).catch((error: unknown) => log('Could not follow the platform analytics checkpoints', error));
    },

    close: async () => {
      closed = true;
      follower?.stop();
      await (await opened).close();
    },
  };
}
