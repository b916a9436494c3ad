import type { FetchLike } from '../api';
import { bulkDocsRows } from './bulk-docs-rows';

/**
 * The server refuses a `_bulk_docs` body over its limit (413), and RxDB would
 * retry that batch forever, stalling every later change. A push body over
 * `maxBytes` is sent as several requests instead, each under it, and their
 * answers are joined into one. A failed part is returned as the answer: RxDB
 * retries the batch, and the parts already written come back as equal states.
 */
export const PUSH_BODY_BYTES = 4 * 1024 * 1024;

interface BulkDocsBody {
  docs: unknown[];
  [key: string]: unknown;
}

const encoder = new TextEncoder();

/** A UTF-16 code unit is at most 3 UTF-8 bytes: most bodies are known to fit without encoding them. */
function fits(body: string, maxBytes: number): boolean {
  if (body.length * 3 <= maxBytes) return true;
  return encoder.encode(body).length <= maxBytes;
}

export function splitLargePushes(fetchFn: FetchLike, maxBytes = PUSH_BODY_BYTES): FetchLike {
  return async (input, init) => {
    const body = init?.method === 'POST' && typeof init.body === 'string' ? init.body : undefined;
    if (!body || fits(body, maxBytes) || !new URL(input).pathname.endsWith('/_bulk_docs')) return fetchFn(input, init);

    const { docs, ...rest } = JSON.parse(body) as BulkDocsBody;
    const rows: unknown[] = [];
    for (const part of partsUnder(docs, maxBytes)) {
      const response = await fetchFn(input, { ...init, body: JSON.stringify({ ...rest, docs: part }) });
      if (!response.ok) return response;
      rows.push(...((await response.json()) as unknown[]));
    }
    return bulkDocsRows(rows);
  };
}

/** Greedy, in order; a document bigger than the limit on its own goes alone (the schema caps jobs far below it). */
function partsUnder(docs: unknown[], maxBytes: number): unknown[][] {
  const parts: unknown[][] = [];
  let current: unknown[] = [];
  let size = 0;
  for (const doc of docs) {
    const docBytes = encoder.encode(JSON.stringify(doc)).length + 1;
    if (current.length > 0 && size + docBytes > maxBytes) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(doc);
    size += docBytes;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
