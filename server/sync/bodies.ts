import { validateResumeCouchDoc } from '../../shared/resume/doc/couch-doc';
import { validateJobCouchDoc, type DocValidationError } from '../../shared/schema/index';
import { firstDuplicate } from './duplicates';
import { MAX_ALL_DOCS_KEYS, type SyncDatabaseKind, type SyncRoute } from './gate';

/**
 * Checks of replication request bodies, after the gate has allowed the route
 * and before express-pouchdb sees them. Pure, like the route decision.
 *
 * `_bulk_docs` is validated all-or-nothing: clients validate with the same
 * schema before writing, so a refusal here means a broken or hostile client,
 * and storing half a batch would only make its retries harder to reason about.
 */

export const MAX_BULK_DOCS = 1000;
export const MAX_BULK_GET_DOCS = 1000;
export const MAX_REVS_DIFF_IDS = 1000;
export const MAX_LOCAL_DOC_BYTES = 64 * 1024;

export interface BodyProblem {
  status: 400 | 403 | 413;
  code: string;
  message: string;
  /** Per-document issues, only for `invalid_document`. */
  docs?: DocValidationError[];
}

const problem = (status: BodyProblem['status'], code: string, message: string): BodyProblem => ({ status, code, message });

const duplicate = (what: string, id: string): BodyProblem =>
  problem(400, 'duplicate_id', `${JSON.stringify(id.slice(0, 200))} appears twice in this ${what}; name each document once`);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownKeys(body: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(body).filter((key) => !allowed.includes(key));
}

const VALIDATORS: Record<SyncDatabaseKind, (doc: unknown) => DocValidationError | null> = {
  jobs: validateJobCouchDoc,
  resumes: validateResumeCouchDoc,
};

export function checkBulkDocsBody(body: unknown, database: SyncDatabaseKind = 'jobs'): BodyProblem | null {
  if (!isObject(body)) return problem(400, 'invalid_body', 'Body must be a JSON object with a "docs" array');
  const extra = unknownKeys(body, ['docs', 'new_edits']);
  if (extra.length) return problem(400, 'invalid_body', `Unsupported _bulk_docs fields: ${extra.join(', ')}`);
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') {
    return problem(400, 'invalid_body', '"new_edits" must be a boolean');
  }
  // new_edits:false stores the revisions the client names as they are: any revision could be
  // made to win without a merge, leaving the real one as a conflict no client reads.
  if (body.new_edits === false) {
    return problem(403, 'new_edits_not_allowed', 'new_edits:false is not accepted; send each document with the _rev it replaces');
  }
  const docs = body.docs;
  if (!Array.isArray(docs)) return problem(400, 'invalid_body', 'Body must have a "docs" array');
  if (docs.length > MAX_BULK_DOCS) {
    return problem(413, 'too_many_documents', `At most ${MAX_BULK_DOCS} documents per _bulk_docs request (got ${docs.length}); send smaller batches`);
  }
  // A revision history chosen by the client is the same forgery as new_edits:false.
  if (docs.some((doc) => isObject(doc) && Object.hasOwn(doc, '_revisions'))) {
    return problem(403, 'revisions_not_allowed', '_revisions is not accepted; the server builds revision histories itself');
  }
  const again = firstDuplicate(docs.flatMap((doc) => (isObject(doc) && typeof doc._id === 'string' ? [doc._id] : [])));
  if (again !== undefined) return duplicate('_bulk_docs request', again);

  const invalid: DocValidationError[] = [];
  for (const doc of docs) {
    const id = isObject(doc) ? doc._id : undefined;
    // Reserved ids (_design/, _local/, ...) would reach CouchDB-special code paths; design
    // documents in particular hold code the server would run. Checked apart from the schema
    // so it holds whatever the schema later allows.
    if (typeof id === 'string' && id.startsWith('_')) {
      invalid.push({ id, issues: [{ path: '_id', message: 'ids starting with "_" are reserved and cannot be synced' }] });
      continue;
    }
    const error = VALIDATORS[database](doc);
    if (error) invalid.push(error);
  }
  if (invalid.length) {
    return {
      ...problem(400, 'invalid_document', `${invalid.length} of ${docs.length} documents are invalid; nothing was stored`),
      docs: invalid,
    };
  }
  return null;
}

function checkAllDocsBody(body: unknown): BodyProblem | null {
  if (!isObject(body)) return problem(400, 'invalid_body', 'Body must be a JSON object with a "keys" array');
  // RxDB sends `deleted: "ok"` alongside keys; PouchDB ignores it.
  const extra = unknownKeys(body, ['keys', 'include_docs', 'deleted']);
  if (extra.length) return problem(400, 'invalid_body', `Unsupported _all_docs fields: ${extra.join(', ')}`);
  const keys = body.keys;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
    return problem(400, 'invalid_body', '"keys" must be an array of document ids');
  }
  if (keys.length > MAX_ALL_DOCS_KEYS) {
    return problem(413, 'too_many_documents', `At most ${MAX_ALL_DOCS_KEYS} keys per _all_docs request`);
  }
  const again = firstDuplicate(keys as string[]);
  if (again !== undefined) return duplicate('_all_docs request', again);
  if (body.include_docs !== undefined && typeof body.include_docs !== 'boolean') {
    return problem(400, 'invalid_body', '"include_docs" must be a boolean');
  }
  return null;
}

function checkRevsDiffBody(body: unknown): BodyProblem | null {
  if (!isObject(body)) return problem(400, 'invalid_body', 'Body must be a JSON object of id → revisions');
  const entries = Object.entries(body);
  if (entries.length > MAX_REVS_DIFF_IDS) {
    return problem(413, 'too_many_documents', `At most ${MAX_REVS_DIFF_IDS} ids per _revs_diff request`);
  }
  if (!entries.every(([, revs]) => Array.isArray(revs) && revs.every((rev) => typeof rev === 'string'))) {
    return problem(400, 'invalid_body', 'Each _revs_diff value must be an array of revision strings');
  }
  return null;
}

function checkBulkGetBody(body: unknown): BodyProblem | null {
  if (!isObject(body) || !Array.isArray(body.docs)) return problem(400, 'invalid_body', 'Body must have a "docs" array');
  const extra = unknownKeys(body, ['docs']);
  if (extra.length) return problem(400, 'invalid_body', `Unsupported _bulk_get fields: ${extra.join(', ')}`);
  if (body.docs.length > MAX_BULK_GET_DOCS) {
    return problem(413, 'too_many_documents', `At most ${MAX_BULK_GET_DOCS} documents per _bulk_get request`);
  }
  if (!body.docs.every((doc) => isObject(doc) && typeof doc.id === 'string')) {
    return problem(400, 'invalid_body', 'Each _bulk_get entry must be an object with a string "id"');
  }
  const again = firstDuplicate((body.docs as { id: string }[]).map((doc) => doc.id));
  if (again !== undefined) return duplicate('_bulk_get request', again);
  return null;
}

/**
 * A checkpoint document. express-pouchdb stores the body's own `_id` in
 * preference to the URL's, so an `_id` naming anything but this checkpoint
 * would write some other document (a design document, say).
 */
function checkLocalDocBody(body: unknown, localId: string): BodyProblem | null {
  if (!isObject(body)) return problem(400, 'invalid_body', 'Body must be a JSON object');
  if (body._id !== undefined && body._id !== `_local/${localId}`) {
    return problem(400, 'invalid_body', '"_id" must match the _local document in the URL');
  }
  if (body._attachments !== undefined || body._deleted !== undefined) {
    return problem(400, 'invalid_body', '_local documents cannot carry attachments or deletions');
  }
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_LOCAL_DOC_BYTES) {
    return problem(413, 'payload_too_large', `_local documents are limited to ${MAX_LOCAL_DOC_BYTES} bytes`);
  }
  return null;
}

/** Body check for a route the gate allowed; null when the body may pass. */
export function checkSyncBody(route: SyncRoute, body: unknown, localId?: string, database: SyncDatabaseKind = 'jobs'): BodyProblem | null {
  switch (route) {
    case 'bulk_docs':
      return checkBulkDocsBody(body, database);
    case 'all_docs':
      return checkAllDocsBody(body);
    case 'revs_diff':
      return checkRevsDiffBody(body);
    case 'bulk_get':
      return checkBulkGetBody(body);
    case 'local_put':
      return checkLocalDocBody(body, localId ?? '');
    default:
      return null;
  }
}

/** Routes whose request body the gate reads (and must therefore parse). */
export function routeHasBody(route: SyncRoute, method: string): boolean {
  return method === 'POST' || (route === 'local_put' && method === 'PUT');
}
