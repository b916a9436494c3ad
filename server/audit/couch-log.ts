import crypto from 'node:crypto';
import { canonical } from '../../shared/sync/canonical';
import { createSerialQueue } from '../../shared/async/serial-queue';
import { isConflict, isNotFound } from '../storage/pouchdb/errors';
import { auditEntrySchema, chainEntry, PRUNED_THROUGH_SEQ, PRUNED_THROUGH_SHA256, pruneAnchor, verifyChain, type AuditEntry, type AuditEvent, type ChainReport } from './chain';
import type { AuditLog } from './log';
import { matchesAuditFilter } from './query';

/**
 * The audit log in a database (COUCHDB_URL), so that every server instance
 * appends to one chain. One document per entry, `_id` `entry:` and the
 * sequence number zero-padded (ids sort as numbers), created without a
 * revision: CouchDB answers 409 to the second writer of a number, which then
 * reads the head again and chains onto the entry that won. Nothing else in
 * the log is ever updated, only created, and deleted by retention.
 *
 * What a CouchDB cluster can still do: with n=3, two creates of the same id
 * sent through different nodes at the same moment can both be accepted (each
 * node saw no document yet; the write quorum is met on each side), and the
 * nodes then keep both as conflicting revisions of one document: one entry N
 * wins everywhere, the other is hidden, and the instance whose entry lost may
 * have chained entry N+1 onto it. The reader asks for `_conflicts`: the
 * verifier reports such an entry as `conflicted` (naming the number; the
 * losing revision stays in CouchDB, readable with `?conflicts=true`), rather
 * than as an edit, and queries show the winning revision. A single CouchDB
 * node (or the stand-in) refuses the second create outright, so there the
 * chain never forks.
 */

export const AUDIT_DATABASE = 'audit_log';

const ID_PREFIX = 'entry:';
const entryId = (seq: number) => `${ID_PREFIX}${String(seq).padStart(16, '0')}`;
const seqOfId = (id: string) => Number(id.slice(ID_PREFIX.length));
const LAST_ID = `${ID_PREFIX}\ufff0`;
const PAGE = 500;
/** Each conflict means another instance appended; this many in a row means something is wrong. */
const MAX_APPEND_ATTEMPTS = 50;

/** An entry as its document holds it. */
export type StoredEntry = AuditEntry & { _id: string; _rev?: string; _conflicts?: string[] };
type Row = { id: string; doc: StoredEntry };

/** The entry a stored document holds, as one line of the file log would (no CouchDB fields). */
function entryText(doc: Record<string, unknown>): string {
  const { _id: _id, _rev: _rev, _conflicts: _conflicts, ...entry } = doc;
  return JSON.stringify(entry);
}

/** Documents in id order (ascending or descending from `from`), a page at a time, stopping when `visit` returns false. */
async function walk(db: PouchDB.Database<StoredEntry>, direction: { descending: boolean; from: string; to: string }, visit: (row: Row) => boolean, extra: { conflicts?: boolean } = {}): Promise<void> {
  let startkey = direction.from;
  let skip = 0;
  for (;;) {
    let page;
    try {
      page = await db.allDocs({ include_docs: true, descending: direction.descending, startkey, endkey: direction.to, limit: PAGE, skip, ...extra });
    } catch (error) {
      // The verifier may run before any server made the database: an empty log.
      if (isNotFound(error)) return;
      throw error;
    }
    for (const row of page.rows) {
      if (row.doc && !visit({ id: row.id, doc: row.doc as StoredEntry })) return;
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE) return;
    startkey = last.id;
    skip = 1;
  }
}

const ascending = { descending: false, from: ID_PREFIX, to: LAST_ID };

/** The newest entry, or, when its document is not a valid entry, its number and the hash of its raw content. */
async function readHead(db: PouchDB.Database<StoredEntry>, log: (message: string) => void): Promise<{ seq: number; hash: string } | null> {
  let head: { seq: number; hash: string } | null = null;
  await walk(db, { descending: true, from: LAST_ID, to: ID_PREFIX }, ({ id, doc }) => {
    const entry = auditEntrySchema.safeParse(JSON.parse(entryText(doc)));
    if (entry.success) head = { seq: entry.data.seq, hash: entry.data.hash };
    else {
      // As the file log does with a mangled last line: chain on, and let audit:verify name it.
      head = { seq: seqOfId(id), hash: crypto.createHash('sha256').update(canonical(JSON.parse(entryText(doc)))).digest('hex') };
      log(`Audit log: its newest document ${id} is not a valid entry. Run npm run audit:verify; new entries continue the chain.`);
    }
    return false;
  });
  return head;
}

export async function openCouchAuditLog(db: PouchDB.Database<StoredEntry>, log: (message: string) => void = console.error): Promise<AuditLog> {
  let head = await readHead(db, log);
  const queue = createSerialQueue();

  function append(event: AuditEvent): Promise<AuditEntry> {
    // Queued: this instance's own appends never race each other, only other instances'.
    return queue('append', async () => {
      for (let attempt = 1; ; attempt += 1) {
        const entry = chainEntry(event, head, new Date());
        try {
          await db.put({ _id: entryId(entry.seq), ...entry });
          head = { seq: entry.seq, hash: entry.hash };
          return entry;
        } catch (error) {
          if (!isConflict(error)) throw error;
          if (attempt >= MAX_APPEND_ATTEMPTS) throw new Error(`Audit log: entry ${entry.seq} was taken ${attempt} times in a row by other writers; not written`);
          // Another instance wrote that number: chain onto what is there now.
          head = await readHead(db, log);
        }
      }
    });
  }

  return {
    append,

    async query(filter, page) {
      const kept: AuditEntry[] = [];
      const from = page.beforeSeq === undefined ? LAST_ID : entryId(page.beforeSeq - 1);
      if (page.beforeSeq !== undefined && page.beforeSeq <= 1) return { entries: [], nextBeforeSeq: null };
      await walk(db, { descending: true, from, to: ID_PREFIX }, ({ doc }) => {
        const entry = auditEntrySchema.safeParse(JSON.parse(entryText(doc)));
        if (entry.success && matchesAuditFilter(entry.data, filter)) kept.push(entry.data);
        return kept.length <= page.limit;
      });
      const more = kept.length > page.limit;
      const entries = kept.slice(0, page.limit);
      return { entries, nextBeforeSeq: more ? entries.at(-1)?.seq ?? null : null };
    },

    async list(filter, max) {
      const found: AuditEntry[] = [];
      await walk(db, ascending, ({ doc }) => {
        const entry = auditEntrySchema.safeParse(JSON.parse(entryText(doc)));
        if (entry.success && matchesAuditFilter(entry.data, filter)) found.push(entry.data);
        return found.length < max;
      });
      return found;
    },

    async prune(cutoff) {
      let through: AuditEntry | null = null;
      let count = 0;
      await walk(db, ascending, ({ doc }) => {
        const entry = auditEntrySchema.safeParse(JSON.parse(entryText(doc)));
        if (!entry.success) return true;
        if (Date.parse(entry.data.at) >= cutoff.getTime()) return false;
        through = entry.data;
        count += 1;
        return true;
      });
      if (!through) return 0;
      const last: AuditEntry = through;
      // First the entry naming where the retained chain starts, then the removals: a crash between leaves extra old entries, which verify.
      await append({
        action: 'audit.pruned',
        actor: { type: 'system' },
        details: { [PRUNED_THROUGH_SEQ]: last.seq, [PRUNED_THROUGH_SHA256]: last.hash, pruned: count, olderThan: cutoff.toISOString() },
      });
      const doomed: { _id: string; _rev: string; _deleted: true }[] = [];
      await walk(db, { descending: false, from: ID_PREFIX, to: entryId(last.seq) }, ({ doc }) => {
        // Documents that are not entries stay: removing them would hide tampering.
        if (auditEntrySchema.safeParse(JSON.parse(entryText(doc))).success && doc._rev) doomed.push({ _id: doc._id, _rev: doc._rev, _deleted: true });
        return true;
      });
      for (let start = 0; start < doomed.length; start += PAGE) {
        // A 409 in the answer is another instance pruning the same entries: theirs to remove.
        await db.bulkDocs(doomed.slice(start, start + PAGE) as unknown as StoredEntry[]);
      }
      return count;
    },
  };
}

/**
 * The chain as npm run audit:verify checks it (chain.ts), over the documents.
 * Entries at or before the newest prune point are left out (retention may be
 * removing them right now). An entry deleted from the end leaves a deleted
 * document (a tombstone) after the newest one, which stands in for the file
 * log's head record; purging the tombstones needs a CouchDB admin, as editing
 * head.json needs the server's disk.
 */
export async function verifyCouchAuditLog(db: PouchDB.Database<StoredEntry>): Promise<ChainReport> {
  const lines: string[] = [];
  let conflicted: number | null = null;
  let lastSeq = 0;
  await walk(db, ascending, ({ id, doc }) => {
    lines.push(entryText(doc));
    lastSeq = seqOfId(id);
    if (conflicted === null && (doc._conflicts?.length ?? 0) > 0) conflicted = seqOfId(id);
    return true;
  }, { conflicts: true });
  const anchor = pruneAnchor(lines);
  const retained = anchor ? lines.filter((line) => {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq !== 'number' || seq > anchor.seq;
  }) : lines;

  let removedThrough = lastSeq;
  // Bounded: a log cut short by more than this still reports the first entry missing.
  while (removedThrough - lastSeq < 1000 && await isTombstone(db, entryId(removedThrough + 1))) removedThrough += 1;
  const report = verifyChain(retained, removedThrough > lastSeq ? { seq: removedThrough, hash: '' } : null);

  const fork: number | null = conflicted;
  if (fork !== null && (report.intact || report.seq >= fork)) {
    return { intact: false, seq: fork, problem: 'conflicted', message: `entry ${fork} was written twice at once through different CouchDB nodes (conflicting revisions); the chain forks there (read both with ?conflicts=true)` };
  }
  return report;
}

/** Whether `id` was written and then deleted: its revision tree has a deleted leaf (CouchDB and the stand-in agree here, not on 404 reasons). */
async function isTombstone(db: PouchDB.Database<StoredEntry>, id: string): Promise<boolean> {
  try {
    const leaves = await db.get(id, { open_revs: 'all' }) as unknown as { ok?: { _deleted?: boolean } }[];
    return Array.isArray(leaves) && leaves.some((leaf) => leaf.ok?._deleted === true);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
