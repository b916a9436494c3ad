/**
 * The floor: the least HTTP a client can do to move the jobs through the same
 * server, gate and LevelDB. The gate takes at most MAX_BULK_DOCS documents per
 * `_bulk_docs` and returns at most MAX_CHANGES_LIMIT rows per `_changes`, so
 * 10,000 jobs are 10 requests each way (one request cannot carry them).
 */
import type { Tokens } from '../../../extension/background/account/tokens';
import { MAX_BULK_DOCS } from '../../../server/sync/bodies';
import { MAX_CHANGES_LIMIT } from '../../../server/sync/gate';
import type { JobCouchDoc } from '../../../shared/schema';

const clock = () => performance.now();

/**
 * Where the requests go (the user's database through the gate by default, or
 * the same database on another bench endpoint) and which response encoding
 * they ask for: identity, or gzip, which a server may honour or ignore.
 */
export interface RawTarget {
  syncUrl?: string;
  encoding?: 'identity' | 'gzip';
}

function headers(tokens: Tokens, target: RawTarget): Record<string, string> {
  return { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json', 'accept-encoding': target.encoding ?? 'identity' };
}

/** Writes `docs` with `_bulk_docs`, MAX_BULK_DOCS per request, one after another. Returns ms. */
export async function rawPush(tokens: Tokens, docs: JobCouchDoc[], target: RawTarget = {}): Promise<number> {
  const syncUrl = target.syncUrl ?? tokens.syncUrl;
  const start = clock();
  for (let from = 0; from < docs.length; from += MAX_BULK_DOCS) {
    const response = await fetch(`${syncUrl}_bulk_docs`, {
      method: 'POST',
      headers: headers(tokens, target),
      body: JSON.stringify({ docs: docs.slice(from, from + MAX_BULK_DOCS) }),
    });
    const rows = (await response.json()) as { ok?: boolean }[];
    if (!response.ok || !Array.isArray(rows) || rows.some((row) => row.ok !== true)) {
      throw new Error(`_bulk_docs answered ${response.status}: ${JSON.stringify(rows).slice(0, 300)}`);
    }
  }
  return clock() - start;
}

/** Reads every document with `_changes?include_docs=true`, MAX_CHANGES_LIMIT per request. Returns ms. */
export async function rawPull(tokens: Tokens, expected: number, target: RawTarget = {}): Promise<number> {
  const syncUrl = target.syncUrl ?? tokens.syncUrl;
  const start = clock();
  let since: unknown = 0;
  let received = 0;
  for (;;) {
    const url = `${syncUrl}_changes?include_docs=true&limit=${MAX_CHANGES_LIMIT}&since=${encodeURIComponent(String(since))}`;
    const response = await fetch(url, { headers: headers(tokens, target) });
    if (!response.ok) throw new Error(`_changes answered ${response.status}`);
    const body = (await response.json()) as { results: { doc?: unknown }[]; last_seq: unknown };
    received += body.results.filter((row) => row.doc).length;
    since = body.last_seq;
    if (body.results.length < MAX_CHANGES_LIMIT) break;
  }
  if (received !== expected) throw new Error(`raw pull read ${received} documents, expected ${expected}`);
  return clock() - start;
}
