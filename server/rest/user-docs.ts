import { createSerialQueue } from '../../shared/async/serial-queue';
import { sameValue } from '../../shared/sync/canonical';
import { HttpError } from '../errors';

/**
 * Reads and writes of one user's documents for the REST API, on the same
 * databases replication serves, so what is written here reaches every device
 * by the next sync. Writes go through the checks replication applies (the
 * shared validators) and edits made against an older revision are merged with
 * the shared three-way merge, never written over.
 */

export interface DocIssue {
  path: string;
  message: string;
}

/** The functions sync uses for one kind of document (jobs, resumes). */
export interface DocKind<S extends { id: string; updatedAt: string }> {
  /** "job" or "resume", for messages. */
  noun: string;
  /** Whether a path segment can be an id of this kind at all. */
  isId(id: string): boolean;
  /** Null when the CouchDB document may be stored, as replication decides. */
  validate(couchDoc: unknown): DocIssue[] | null;
  /** Three-way merge: base is the revision the edit started from, undefined when unknown. */
  merge(base: S | undefined, local: S, remote: S): S;
  /** Stamps the edit time of every field that changed, as every local write on a device does. */
  stamp(previous: S | undefined, next: S): S;
}

export interface StoredDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

// One REST write per database at a time in this process, so a read-merge-write is not interleaved with another.
const serially = createSerialQueue();

const isStatus = (error: unknown, status: number) => (error as { status?: number } | null)?.status === status;

/** A stored document as the extension's shape (`id`, no CouchDB fields). */
export function toState<S>(doc: StoredDoc): S {
  const { _id, _rev: _r, _deleted: _d, _revisions: _v, _conflicts: _c, ...rest } = doc;
  return { ...rest, id: _id } as S;
}

function toCouch(state: { id: string }, rev: string | undefined): Record<string, unknown> {
  const { id, ...rest } = state;
  return { _id: id, ...rest, ...(rev ? { _rev: rev } : {}) };
}

/** What the API answers for a document: its fields plus `_rev`, which a later edit sends back. */
export function present<S>(doc: StoredDoc): S & { _rev: string } {
  return { ...toState<S>(doc), _rev: doc._rev };
}

function invalid(noun: string, issues: DocIssue[]): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path === '_id' ? 'id' : issue.path] ??= issue.message;
  return new HttpError(400, 'validation_failed', `Invalid ${noun}: ${Object.keys(fields).join(', ')}`, fields);
}

const notFound = (noun: string) => new HttpError(404, 'not_found', `No ${noun} with this id`);

/** The live document, or null when there is none or it was deleted. */
export async function readDoc(db: PouchDB.Database, id: string): Promise<StoredDoc | null> {
  try {
    return await db.get<Record<string, unknown>>(id) as unknown as StoredDoc;
  } catch (error) {
    if (isStatus(error, 404)) return null;
    throw error;
  }
}

async function readRevision(db: PouchDB.Database, id: string, rev: string): Promise<StoredDoc | null> {
  try {
    const doc = await db.get<Record<string, unknown>>(id, { rev }) as unknown as StoredDoc;
    return doc._deleted ? null : doc;
  } catch (error) {
    // Unknown, malformed or compacted away: the edit is merged without an ancestor.
    if (isStatus(error, 404) || isStatus(error, 400)) return null;
    throw error;
  }
}

export async function getLiveDoc<S extends { id: string; updatedAt: string }>(db: PouchDB.Database, kind: DocKind<S>, id: string): Promise<StoredDoc> {
  if (!kind.isId(id)) throw notFound(kind.noun);
  const doc = await readDoc(db, id);
  if (!doc) throw notFound(kind.noun);
  return doc;
}

export interface PageRequest {
  /** Id of the last document of the previous page; absent for the first page. */
  after: string | undefined;
  limit: number;
  accept: (doc: StoredDoc) => boolean;
  /** Most documents read for one page, so a filter matching few of many jobs cannot make one request read them all. */
  maxScanned: number;
}

export interface DocPage {
  docs: StoredDoc[];
  /** Id to continue after, or null when the end was reached. */
  next: string | null;
}

const SCAN_CHUNK = 200;

/**
 * One page in id order. Ids never change and each document has one, so paging
 * by "after this id" lists every document that exists throughout exactly
 * once, whatever is added or edited between pages. A page may be short (even
 * empty) when the scan bound was reached first; `next` then continues the scan.
 */
export async function pageDocs(db: PouchDB.Database, request: PageRequest): Promise<DocPage> {
  const docs: StoredDoc[] = [];
  let scanned = 0;
  let startkey = request.after;
  for (;;) {
    // From `startkey` on, that row included when it still exists: one more than a chunk, so a full chunk follows it.
    const requested = SCAN_CHUNK + (startkey !== undefined ? 1 : 0);
    const result = await db.allDocs({ include_docs: true, limit: requested, ...(startkey !== undefined ? { startkey } : {}) });
    const rows = result.rows.filter((row) => row.id !== startkey);
    for (const row of rows) {
      scanned += 1;
      const doc = row.doc as unknown as StoredDoc | undefined;
      // Design documents are the database's, not the user's.
      if (doc && !row.id.startsWith('_') && request.accept(doc)) {
        docs.push(doc);
        if (docs.length === request.limit + 1) {
          docs.pop();
          return { docs, next: docs[docs.length - 1]!._id };
        }
      }
      if (scanned >= request.maxScanned) return { docs, next: row.id };
    }
    // A short answer is the end of the database; a full one may be followed by more.
    if (result.rows.length < requested || rows.length === 0) return { docs, next: null };
    startkey = rows[rows.length - 1]!.id;
  }
}

export interface WriteTarget {
  db: PouchDB.Database;
  /** The database's name: writes to one database are queued in this process. */
  name: string;
  /** Told how many documents were written (the storage compacts after enough). */
  noteWrites: (count: number) => void;
}

export async function createDoc<S extends { id: string; updatedAt: string }>(target: WriteTarget, kind: DocKind<S>, state: S): Promise<StoredDoc> {
  const couch = toCouch(state, undefined);
  const issues = kind.validate(couch);
  if (issues) throw invalid(kind.noun, issues);
  return serially(target.name, async () => {
    try {
      const written = await target.db.put(couch as PouchDB.Core.PutDocument<object>);
      target.noteWrites(1);
      return { ...couch, _rev: written.rev } as StoredDoc;
    } catch (error) {
      if (isStatus(error, 409)) throw new HttpError(409, 'already_exists', `A ${kind.noun} with this id exists; change it with PUT`);
      throw error;
    }
  });
}

export interface EditResult {
  doc: StoredDoc;
  status: 'updated' | 'unchanged';
  /** Whether the edit was made against an older revision and merged with the changes made since. */
  merged: boolean;
}

/** Attempts when a replication push lands between reading and writing. */
const WRITE_ATTEMPTS = 5;

/**
 * Applies `edit` to the revision the client last read (`knownRev`) and merges
 * the result with what was stored since, as a device does when it syncs an
 * offline edit. Without a revision, or with one that is current, the edit
 * applies to the stored version. A revision the database no longer knows
 * (compacted) merges without an ancestor: each field then takes its later edit.
 */
export function editDoc<S extends { id: string; updatedAt: string }>(
  target: WriteTarget,
  kind: DocKind<S>,
  id: string,
  knownRev: string | undefined,
  edit: (state: S, at: string) => S,
): Promise<EditResult> {
  if (!kind.isId(id)) return Promise.reject(notFound(kind.noun));
  return serially(target.name, async () => {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const current = await readDoc(target.db, id);
      if (!current) throw notFound(kind.noun);
      const stored = toState<S>(current);
      const older = knownRev !== undefined && knownRev !== current._rev;
      const baseDoc = older ? await readRevision(target.db, id, knownRev) : current;
      const base = baseDoc ? toState<S>(baseDoc) : stored;
      const at = new Date().toISOString();
      const changed = edit(base, at);
      if (sameValue(changed, base)) return { doc: current, status: 'unchanged', merged: false };
      const edited = kind.stamp(base, { ...changed, updatedAt: at });
      const next = older && baseDoc ? kind.merge(base, stored, edited) : edited;
      if (sameValue(next, stored)) return { doc: current, status: 'unchanged', merged: older };
      const couch = toCouch(next, current._rev);
      const issues = kind.validate(couch);
      if (issues) throw invalid(kind.noun, issues);
      try {
        const written = await target.db.put(couch as PouchDB.Core.PutDocument<object>);
        target.noteWrites(1);
        return { doc: { ...couch, _rev: written.rev } as StoredDoc, status: 'updated', merged: older };
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
    throw new HttpError(503, 'busy', `The ${kind.noun} kept changing while this edit was saved; try again`);
  });
}

/**
 * Deletes as a device does: a tombstone carrying the last state, dated now,
 * so replication tells every device, and an edit a device makes later than
 * this still brings the document back (the sync merge's rule).
 */
export function deleteDoc<S extends { id: string; updatedAt: string }>(target: WriteTarget, kind: DocKind<S>, id: string): Promise<void> {
  if (!kind.isId(id)) return Promise.reject(notFound(kind.noun));
  return serially(target.name, async () => {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const current = await readDoc(target.db, id);
      if (!current) throw notFound(kind.noun);
      const tombstone = { ...toCouch(toState<S>(current), current._rev), updatedAt: new Date().toISOString(), _deleted: true };
      const issues = kind.validate(tombstone);
      if (issues) throw invalid(kind.noun, issues);
      try {
        await target.db.put(tombstone as PouchDB.Core.PutDocument<object>);
        target.noteWrites(1);
        return;
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
    throw new HttpError(503, 'busy', `The ${kind.noun} kept changing while it was deleted; try again`);
  });
}
