import { parseRuleSet, type RuleSet } from '../../shared/rules';
import { createSerialQueue } from '../../shared/async/serial-queue';
import { isNotFound } from '../storage/pouchdb/errors';
import { followChanges } from '../storage/follow-changes';
import { openSystemDatabase, type SystemDatabaseSource } from '../storage/system-database';

/**
 * Rule sets uploaded by admins (PUT /api/admin/rules), in their own
 * server-only database so they survive a restart: one document per version,
 * newest served. Only the newest RULE_HISTORY_LIMIT are kept, each at most
 * RULE_LIMITS.bytes, so the history is bounded; all of it is held in memory
 * too, because serving the rules must not read the database per request.
 */

export const RULE_HISTORY_LIMIT = 20;

export interface UploadedRuleSet {
  rules: RuleSet;
  uploadedAt: string;
  /** The admin's email (their id is in the audit log). */
  uploadedBy: string;
  /** The version this one restored (a rollback), if it is one. */
  restoredFrom?: number;
}

export interface RuleUploadStore {
  /** Newest first. */
  list(): readonly UploadedRuleSet[];
  newest(): UploadedRuleSet | undefined;
  find(version: number): UploadedRuleSet | undefined;
  /** Stores a version (refused when one exists: versions are never rewritten) and drops the oldest beyond the limit. */
  add(upload: UploadedRuleSet): Promise<void>;
  close(): Promise<void>;
}

const PREFIX = 'ruleset:';
/** Zero-padded so the database's key order is version order. */
const key = (version: number) => `${PREFIX}${String(version).padStart(10, '0')}`;

type Doc = { rules: unknown; uploadedAt: string; uploadedBy: string; restoredFrom?: number };

/** Every stored upload that is still a valid rule set, newest first. */
async function loadUploads(db: PouchDB.Database<Doc>, log: (message: string) => void): Promise<UploadedRuleSet[]> {
  const stored = await db.allDocs<Doc>({ include_docs: true, startkey: PREFIX, endkey: `${PREFIX}\uffff`, descending: false });
  const uploads: UploadedRuleSet[] = [];
  for (const row of stored.rows) {
    const doc = row.doc;
    if (!doc) continue;
    // Checked again on the way in: a set written by an older server, or edited on disk, must still be one an extension accepts.
    const parsed = parseRuleSet(doc.rules);
    if (!parsed.ok) {
      log(`Uploaded rule set ${row.id} is no longer a valid rule set and is not served: ${parsed.errors.slice(0, 3).join('; ')}`);
      continue;
    }
    uploads.push({ rules: parsed.rules, uploadedAt: doc.uploadedAt, uploadedBy: doc.uploadedBy, ...(typeof doc.restoredFrom === 'number' ? { restoredFrom: doc.restoredFrom } : {}) });
  }
  return uploads.sort((a, b) => b.rules.version - a.rules.version);
}

/**
 * `shared`: other server instances upload too (CouchDB mode), so the database
 * is followed and the list read again when it changes: an upload or rollback
 * made through one instance is served by all of them within moments.
 */
export async function openRuleUploadStore(source: SystemDatabaseSource, log: (message: string, error?: unknown) => void, options: { shared?: boolean } = {}): Promise<RuleUploadStore> {
  const db = await openSystemDatabase<Doc>(source, 'extension_rules');
  const loadedFrom = (await db.info()).update_seq;
  let uploads = await loadUploads(db, log);
  const queue = createSerialQueue();

  async function remove(version: number): Promise<void> {
    try {
      const doc = await db.get(key(version));
      await db.remove(doc);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  const follower = options.shared
    ? followChanges(db, {
      since: loadedFrom,
      label: 'the uploaded rule sets',
      log,
      onChange: () => {
        void queue('uploads', async () => {
          uploads = await loadUploads(db, log);
        }).catch((error: unknown) => log('Could not read the uploaded rule sets again', error));
      },
    })
    : undefined;

  return {
    list: () => uploads,
    newest: () => uploads[0],
    find: (version) => uploads.find((upload) => upload.rules.version === version),
    add(upload) {
      return queue('uploads', async () => {
        const { rules, ...meta } = upload;
        // put without a _rev fails on an existing id: a version is stored once.
        await db.put({ _id: key(rules.version), rules, ...meta });
        const next = [upload, ...uploads].sort((a, b) => b.rules.version - a.rules.version);
        const dropped = next.slice(RULE_HISTORY_LIMIT);
        uploads = next.slice(0, RULE_HISTORY_LIMIT);
        for (const old of dropped) await remove(old.rules.version);
      });
    },
    async close() {
      follower?.stop();
      await db.close();
    },
  };
}
