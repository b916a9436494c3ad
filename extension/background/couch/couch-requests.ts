import type { FetchLike } from '../api';
import type { CouchDoc } from './couch-doc';

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

export function bulkDocs(db: CouchDatabase, docs: CouchDoc[]): Promise<BulkDocsRow[]> {
  return postJson<BulkDocsRow[]>(db, '_bulk_docs', { docs });
}

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
  const all = await postJson<{ rows: { key: string; value?: { rev?: string; deleted?: boolean }; doc?: CouchDoc | null }[] }>(db, '_all_docs', { keys: ids, include_docs: true });
  const deleted: { id: string; rev: string }[] = [];
  for (const row of all.rows) {
    if (row.doc && typeof row.doc._rev === 'string') masters.set(row.key, { rev: row.doc._rev, doc: row.doc });
    else if (row.value?.deleted && typeof row.value.rev === 'string') deleted.push({ id: row.key, rev: row.value.rev });
  }
  if (deleted.length > 0) {
    // _all_docs gives no body for a deleted document; _bulk_get does.
    const got = await postJson<{ results: { id: string; docs: { ok?: CouchDoc }[] }[] }>(db, '_bulk_get', { docs: deleted });
    for (const result of got.results) {
      const doc = result.docs.find((entry) => entry.ok)?.ok;
      if (doc && typeof doc._rev === 'string') masters.set(result.id, { rev: doc._rev, doc });
    }
  }
  return masters;
}

/**
 * The documents at the given revisions. A revision the server no longer has
 * (replaced and compacted) is left out: its newer version is further on in
 * the feed.
 */
export async function bulkGet(db: CouchDatabase, docs: { id: string; rev: string }[]): Promise<CouchDoc[]> {
  if (docs.length === 0) return [];
  const got = await postJson<{ results?: { id: string; docs?: { ok?: CouchDoc }[] }[] }>(db, '_bulk_get', { docs });
  if (!Array.isArray(got.results)) throw new Error('The sync server sent a _bulk_get answer without results');
  return got.results.flatMap((result) => result.docs?.flatMap((entry) => (entry.ok && typeof entry.ok._id === 'string' ? [entry.ok] : [])) ?? []);
}
