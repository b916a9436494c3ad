import { validateJobCouchDoc, type DocValidationError } from '../../../shared/schema';
import type { FetchLike } from '../api';
import { bulkDocsRows } from './bulk-docs-rows';

/**
 * A document the server refuses must never block the ones after it: a
 * failed push is retried, so one bad row would stall every later change. Refused documents are set aside instead: they stay on the device,
 * the user sees why, and they are pushed again once edited.
 */

export interface SetAsideDoc {
  id: string;
  issues: DocValidationError['issues'];
}

export interface SetAsideHandlers {
  /** Documents that will not be pushed in their current state. */
  onSetAside: (docs: SetAsideDoc[]) => void;
  /** Documents the server accepted: clears an earlier set-aside. */
  onPushed: (ids: string[]) => void;
}

interface BulkDocsRefusal {
  error?: { code?: string };
  docs?: { id?: unknown; issues?: unknown }[];
}

interface BulkDocsBody {
  docs: { _id: string }[];
  new_edits?: boolean;
}

function isBulkDocs(input: string, init: RequestInit | undefined): boolean {
  return init?.method === 'POST' && new URL(input).pathname.endsWith('/_bulk_docs') && typeof init.body === 'string';
}

function refusedDocs(refusal: BulkDocsRefusal): SetAsideDoc[] {
  return (refusal.docs ?? [])
    .filter((doc): doc is { id: string; issues: SetAsideDoc['issues'] } => typeof doc.id === 'string' && Array.isArray(doc.issues))
    .map((doc) => ({ id: doc.id, issues: doc.issues }));
}

/**
 * Wraps the replication's fetch: when the server refuses a `_bulk_docs` batch
 * because of some of its documents (it stores nothing then), those are set
 * aside and the rest of the batch is sent again. The engine is told the
 * set-aside rows were written, so it moves on; their local state is kept
 * untouched. (Refusals row by row, such as quotas, reach the engine as rows.)
 */
export function setAsideRefusedDocs(fetchFn: FetchLike, handlers: SetAsideHandlers): FetchLike {
  return async (input, init) => {
    if (!isBulkDocs(input, init)) return fetchFn(input, init);
    const response = await fetchFn(input, init);
    if (response.status !== 400) return response;
    // Parsed only on a refusal: every push pays for it otherwise.
    const body = JSON.parse(init!.body as string) as BulkDocsBody;

    const refusal = (await response.clone().json().catch(() => ({}))) as BulkDocsRefusal;
    const refused = refusal.error?.code === 'invalid_document' ? refusedDocs(refusal) : [];
    const refusedIds = new Set(refused.map((doc) => doc.id));
    // Only a refusal that names documents of this batch can be worked around.
    if (refused.length === 0 || !body.docs.some((doc) => refusedIds.has(doc._id))) return response;

    handlers.onSetAside(refused);
    const rest = body.docs.filter((doc) => !refusedIds.has(doc._id));
    const setAsideRows = body.docs.filter((doc) => refusedIds.has(doc._id)).map((doc) => ({ ok: true, id: doc._id, rev: 'set-aside' }));
    if (rest.length === 0) return bulkDocsRows(setAsideRows);

    const retried = await fetchFn(input, { ...init, body: JSON.stringify({ ...body, docs: rest }) });
    if (!retried.ok) return retried;
    const rows = (await retried.json()) as unknown[];
    return bulkDocsRows([...rows, ...setAsideRows]);
  };
}

/**
 * Push modifier: a local document that fails the shared schema (written
 * by an older version, or pulled from a modified client) is set aside rather
 * than sent to a server that would refuse it.
 */
export function validateBeforePush(handlers: Pick<SetAsideHandlers, 'onSetAside'>, primaryPath = 'id') {
  return <T extends Record<string, unknown>>(doc: T): T | null => {
    const { [primaryPath]: id, ...rest } = doc;
    const problem = validateJobCouchDoc({ _id: id, ...rest });
    if (!problem) return doc;
    handlers.onSetAside([{ id: typeof id === 'string' ? id : '(unknown)', issues: problem.issues }]);
    return null;
  };
}
