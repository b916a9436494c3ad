import { isConflict, isNotFound } from '../storage/pouchdb/errors';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';
import type { SummaryClaims } from './claims';

/**
 * Claims in a server-only database under DATA_DIR/system. A claim is a
 * document write against the revision read (or a create): of two instances
 * racing, PouchDB gives one of them a conflict, and that one does not send.
 */

interface ClaimDoc {
  state: 'sending' | 'sent';
  owner: string;
  /** Epoch ms until which a `sending` claim holds. */
  leaseUntil: number;
  sentAt?: string;
}

const PRUNE_BATCH = 500;

export function createPouchClaims(db: PouchDB.Database, now: () => number = () => Date.now()): SummaryClaims {
  async function read(key: string): Promise<PouchDB.Core.ExistingDocument<ClaimDoc> | null> {
    try {
      return await db.get<ClaimDoc>(key);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Writes `doc`; false when another writer got there first. */
  async function write(doc: PouchDB.Core.PutDocument<ClaimDoc>): Promise<boolean> {
    try {
      await db.put<ClaimDoc>(doc);
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  return {
    async claim(key, owner, leaseMs) {
      const current = await read(key);
      if (current && (current.state === 'sent' || current.leaseUntil > now())) return false;
      return write({ _id: key, ...(current ? { _rev: current._rev } : {}), state: 'sending', owner, leaseUntil: now() + leaseMs });
    },
    async markSent(key, owner) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const current = await read(key);
        const sent = { _id: key, state: 'sent' as const, owner, leaseUntil: 0, sentAt: new Date(now()).toISOString() };
        if (await write(current ? { ...sent, _rev: current._rev } : sent)) return;
      }
      throw new Error(`Could not record the weekly summary ${key} as sent: too many concurrent changes`);
    },
    async release(key, owner) {
      const current = await read(key);
      if (!current || current.state !== 'sending' || current.owner !== owner) return;
      // A conflict means someone else took it over meanwhile: theirs now.
      await db.remove(current).catch((error: unknown) => {
        if (!isConflict(error)) throw error;
      });
    },
    async forgetBefore(week) {
      for (;;) {
        const page = await db.allDocs({ endkey: week, inclusive_end: false, limit: PRUNE_BATCH });
        if (page.rows.length === 0) return;
        await db.bulkDocs(page.rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })));
        if (page.rows.length < PRUNE_BATCH) return;
      }
    },
    close: () => db.close(),
  };
}

export async function openPouchClaims(source: SystemDatabaseSource): Promise<SummaryClaims> {
  return createPouchClaims(await openSystemDatabase(source, 'weekly_summaries'));
}
