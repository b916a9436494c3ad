import type { FetchLike } from '../../api';
import type { CouchDoc } from './couch-doc';
import { SyncHttpError } from './http-errors';

/** The replication's requests to the user's database. The fetch given throws on error statuses (see failOnHttpError). */
export interface CouchDatabase {
  /** The user's database, ending in `/`. */
  url: string;
  fetch: FetchLike;
}

export interface BulkDocsRow {
  id?: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

export interface ChangesPage {
  results: { id: string; changes?: { rev: string }[]; deleted?: boolean; doc?: CouchDoc | null }[];
  last_seq: string | number;
  /** Changes left after this page (Apache CouchDB always says; TrackRuit's server says 0 when the feed ended). */
  pending?: number;
}

export interface CurrentMaster {
  rev: string;
  doc: CouchDoc;
}

async function postJson<T>(db: CouchDatabase, path: string, body: unknown): Promise<T> {
  const response = await db.fetch(db.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/**
 * Runs `request` over `items`; when the server answers 413 (a body or an
 * answer over its byte limit), over each half instead, down to single items,
 * and `alone` decides what one item too large becomes.
 */
export async function inHalvesOnTooLarge<I, R>(items: I[], request: (part: I[]) => Promise<R[]>, alone: (item: I, error: SyncHttpError) => R[]): Promise<R[]> {
  try {
    return await request(items);
  } catch (error) {
    if (!(error instanceof SyncHttpError) || error.status !== 413) throw error;
    if (items.length === 1) return alone(items[0]!, error);
    const middle = Math.ceil(items.length / 2);
    return [...(await inHalvesOnTooLarge(items.slice(0, middle), request, alone)), ...(await inHalvesOnTooLarge(items.slice(middle), request, alone))];
  }
}

/** A document the server will not take whatever the batch: one row saying why, like its other refusals. */
export function tooLargeRow(doc: CouchDoc, error: SyncHttpError): BulkDocsRow[] {
  return [{ id: doc._id, error: 'too_large', reason: error.reason ?? 'This document is larger than the sync server accepts' }];
}

export function bulkDocs(db: CouchDatabase, docs: CouchDoc[]): Promise<BulkDocsRow[]> {
  return inHalvesOnTooLarge(docs, (part) => postJson<BulkDocsRow[]>(db, '_bulk_docs', { docs: part }), tooLargeRow);
}

const rethrow = (_item: unknown, error: SyncHttpError): never => {
  throw error;
};

export async function changes(db: CouchDatabase, params: Record<string, string | number>): Promise<ChangesPage> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  const response = await db.fetch(`${db.url}_changes?${query.toString()}`, undefined);
  const body = (await response.json()) as Partial<ChangesPage>;
  if (!Array.isArray(body.results) || body.last_seq === undefined) throw new Error('The sync server sent a _changes answer without results');
  return body as ChangesPage;
}

/**
 * The server's current version of each document, deleted ones included with
 * their last body (a deletion is a conflict like any other edit). Documents
 * the server never had are missing from the map.
 */
export async function currentMasters(db: CouchDatabase, ids: string[]): Promise<Map<string, CurrentMaster>> {
  const masters = new Map<string, CurrentMaster>();
  if (ids.length === 0) return masters;
  type AllDocsRow = { key: string; value?: { rev?: string; deleted?: boolean }; doc?: CouchDoc | null };
  // Resumes of a megabyte each can make an answer over the server's limit: asked for in halves then.
  const rows = await inHalvesOnTooLarge(ids, async (part) => (await postJson<{ rows: AllDocsRow[] }>(db, '_all_docs', { keys: part, include_docs: true })).rows, rethrow);
  const deleted: { id: string; rev: string }[] = [];
  for (const row of rows) {
    if (row.doc && typeof row.doc._rev === 'string') masters.set(row.key, { rev: row.doc._rev, doc: row.doc });
    else if (row.value?.deleted && typeof row.value.rev === 'string') deleted.push({ id: row.key, rev: row.value.rev });
  }
  // _all_docs gives no body for a deleted document; _bulk_get does.
  for (const doc of await bulkGet(db, deleted)) if (typeof doc._rev === 'string') masters.set(doc._id, { rev: doc._rev, doc });
  return masters;
}

/**
 * The documents at the given revisions. A revision the server no longer has
 * (replaced and compacted) is left out: its newer version is further on in
 * the feed.
 */
export async function bulkGet(db: CouchDatabase, docs: { id: string; rev: string }[]): Promise<CouchDoc[]> {
  if (docs.length === 0) return [];
  return inHalvesOnTooLarge(
    docs,
    async (part) => {
      const got = await postJson<{ results?: { id: string; docs?: { ok?: CouchDoc }[] }[] }>(db, '_bulk_get', { docs: part });
      if (!Array.isArray(got.results)) throw new Error('The sync server sent a _bulk_get answer without results');
      return got.results.flatMap((result) => result.docs?.flatMap((entry) => (entry.ok && typeof entry.ok._id === 'string' ? [entry.ok] : [])) ?? []);
    },
    rethrow,
  );
}
