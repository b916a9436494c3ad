import type { WithDeleted } from 'rxdb';

/** A document as CouchDB holds it: the primary key under `_id`, with its revision. */
export type CouchDoc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

/** The replication's view of a document: primary key `id`, `_deleted` always set, no CouchDB revision. */
export function fromCouchDoc<T>(doc: CouchDoc): WithDeleted<T> {
  const { _id, _rev: _ignored, ...rest } = doc;
  return { ...rest, id: _id, _deleted: doc._deleted === true } as unknown as WithDeleted<T>;
}

/** What `_bulk_docs` is sent: `_id` instead of `id`, and the revision it replaces when the server has one. */
export function toCouchDoc<T>(doc: WithDeleted<T>, rev: string | undefined): CouchDoc {
  const { id, ...rest } = doc as unknown as Record<string, unknown> & { id: string };
  return rev === undefined ? { ...rest, _id: id } : { ...rest, _id: id, _rev: rev };
}

/** A real CouchDB revision (`<generation>-<hash>`), not a placeholder a fetch wrapper answered with. */
export function isRevision(value: unknown): value is string {
  return typeof value === 'string' && /^\d+-[0-9a-f]+$/i.test(value);
}
