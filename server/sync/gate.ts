import { resumesDbName } from '../../shared/resume/doc/sync-url';
import { firstDuplicate } from './duplicates';

/**
 * The sync gate's routing decision, kept pure so every route can be tested
 * without a server. express-pouchdb behind it exposes far more than
 * replication (database creation and deletion, views that run user code in the
 * server process, other users' databases), so this is an allow-list: the exact
 * routes RxDB's CouchDB replication and PouchDB's replicator use, on the
 * caller's own database, with an allow-list of query parameters per route.
 * Everything else is refused.
 */

export type SyncRoute =
  | 'info'
  | 'changes'
  | 'all_docs'
  | 'bulk_docs'
  | 'revs_diff'
  | 'bulk_get'
  | 'local_get'
  | 'local_put';

export interface SyncRequest {
  method: string;
  /** Path below the /db mount, still percent-encoded, without the query string: `/userdb-ab/_changes`. */
  path: string;
  /** Parsed query (Express/qs shape: values may be strings, arrays or objects). */
  query: Record<string, unknown>;
  /** The caller's own database, derived from the verified token. */
  dbName: string;
}

/** Which of the caller's databases: jobs, or resumes (kept apart so job sync never carries them). */
export type SyncDatabaseKind = 'jobs' | 'resumes';

export interface SyncAllowed {
  allow: true;
  route: SyncRoute;
  database: SyncDatabaseKind;
  /** The query to hand to express-pouchdb: only allowed parameters, limits capped. */
  query: Record<string, string>;
  /** Decoded id below `_local/` for the checkpoint routes. */
  localId?: string;
}

export interface SyncRefused {
  allow: false;
  status: 400 | 403;
  code: 'bad_path' | 'forbidden_route' | 'forbidden_database' | 'forbidden_parameter' | 'unsupported_parameter' | 'duplicate_id';
  reason: string;
}

export type SyncDecision = SyncAllowed | SyncRefused;

/** Most rows one `_changes` or `_all_docs` answer may carry (clients page with `since`/keys). */
export const MAX_CHANGES_LIMIT = 1000;
export const MAX_ALL_DOCS_KEYS = 1000;
const HEARTBEAT_MIN_MS = 1000;
const HEARTBEAT_MAX_MS = 60_000;
const TIMEOUT_MAX_MS = 60_000;
/**
 * Apache CouchDB's sequences are opaque strings of hundreds of characters
 * (`274-g1AAAAJ...`, base64url after the number), sometimes sent JSON-quoted;
 * PouchDB's are integers. Long enough for any of them, short enough to bound a request.
 */
export const MAX_SINCE_LENGTH = 4096;
const SINCE = /^[A-Za-z0-9_="-]+$/;
/** The server's own list of a database's _local ids (sync/local-docs.ts); no client reads or writes it. */
export const LOCAL_INDEX_ID = 'trackruit-local-ids';
// PouchDB checkpoint ids are base64 md5 with '/' and '+' replaced.
const LOCAL_ID = /^[A-Za-z0-9._~=+:-]{1,200}$/;

const refuse = (status: SyncRefused['status'], code: SyncRefused['code'], reason: string): SyncRefused => ({
  allow: false,
  status,
  code,
  reason,
});

/** Parameters that make the server run filters, views or selectors: refused outright. */
const FORBIDDEN_PARAMS = new Set(['filter', 'view', 'doc_ids', 'selector', 'query_params']);

type ParamRule = (value: string) => string | null | { error: string; code?: SyncRefused['code'] };

const BOOLEAN: ParamRule = (v) => (v === 'true' || v === 'false' ? v : { error: 'must be true or false' });
const oneOf = (...allowed: string[]): ParamRule => (v) => (allowed.includes(v) ? v : { error: `must be one of ${allowed.join(', ')}` });
const integer = (min: number, max: number): ParamRule => (v) => {
  if (!/^\d{1,15}$/.test(v)) return { error: 'must be a non-negative integer' };
  return String(Math.min(max, Math.max(min, Number(v))));
};

const CHANGES_PARAMS: Record<string, ParamRule> = {
  feed: oneOf('normal', 'longpoll'),
  style: oneOf('all_docs', 'main_only'),
  include_docs: BOOLEAN,
  conflicts: BOOLEAN,
  descending: BOOLEAN,
  attachments: BOOLEAN,
  update_seq: BOOLEAN,
  since: (v) => {
    if (v.length > MAX_SINCE_LENGTH) return { error: `is longer than ${MAX_SINCE_LENGTH} characters` };
    return SINCE.test(v) ? v : { error: 'must be a sequence: letters, digits, "_", "-", "=" and quotes' };
  },
  limit: integer(0, MAX_CHANGES_LIMIT),
  seq_interval: integer(1, MAX_CHANGES_LIMIT),
  // A tiny heartbeat would turn one longpoll into a stream of writes.
  heartbeat: (v) => (v === 'true' || v === 'false' ? null : integer(HEARTBEAT_MIN_MS, HEARTBEAT_MAX_MS)(v)),
  timeout: integer(HEARTBEAT_MIN_MS, TIMEOUT_MAX_MS),
};

const ALL_DOCS_GET_PARAMS: Record<string, ParamRule> = {
  include_docs: BOOLEAN,
  keys: (v) => {
    let keys: unknown;
    try {
      keys = JSON.parse(v);
    } catch {
      return { error: 'must be a JSON array of document ids' };
    }
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return { error: 'must be a JSON array of document ids' };
    if (keys.length > MAX_ALL_DOCS_KEYS) return { error: `must list at most ${MAX_ALL_DOCS_KEYS} ids` };
    const again = firstDuplicate(keys as string[]);
    if (again !== undefined) return { error: `names ${JSON.stringify(again.slice(0, 200))} twice; name each document once`, code: 'duplicate_id' };
    return v;
  },
};

const ALL_DOCS_POST_PARAMS: Record<string, ParamRule> = { include_docs: BOOLEAN };
const BULK_GET_PARAMS: Record<string, ParamRule> = { revs: BOOLEAN, latest: BOOLEAN, attachments: BOOLEAN };
const NO_PARAMS: Record<string, ParamRule> = {};

function checkQuery(
  query: Record<string, unknown>,
  rules: Record<string, ParamRule>,
): { query: Record<string, string> } | SyncRefused {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (FORBIDDEN_PARAMS.has(name)) {
      return refuse(403, 'forbidden_parameter', `The "${name}" parameter is not allowed: the server runs no filters or views`);
    }
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) return refuse(400, 'unsupported_parameter', `The "${name}" parameter is not supported on this route`);
    if (typeof raw !== 'string') return refuse(400, 'unsupported_parameter', `The "${name}" parameter must be given once, as a plain value`);
    const result = rule(raw);
    if (result === null) continue;
    if (typeof result === 'object') return refuse(400, result.code ?? 'unsupported_parameter', `The "${name}" parameter ${result.error}`);
    out[name] = result;
  }
  return { query: out };
}

/** Splits and decodes the path; refuses anything that could be read two ways. */
function splitPath(path: string): string[] | SyncRefused {
  if (!path.startsWith('/')) return refuse(400, 'bad_path', 'Path must start with /');
  if (/%2f|%5c|\\|%00/i.test(path)) {
    return refuse(400, 'bad_path', 'Encoded slashes, backslashes and NUL bytes are not allowed in sync paths');
  }
  const raw = path.slice(1).split('/');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop(); // one trailing slash: `/db/<name>/`
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return refuse(400, 'bad_path', 'Malformed percent-encoding in path');
    }
    if (segment === '' || decoded === '.' || decoded === '..') {
      return refuse(400, 'bad_path', 'Empty, "." and ".." path segments are not allowed');
    }
    segments.push(decoded);
  }
  // Only a checkpoint id may be percent-encoded (PouchDB encodes its '=' padding);
  // anywhere else an encoded segment would match a different express-pouchdb route than the one checked here.
  const encodedOutsideLocalId = raw.some((segment, i) => segment.includes('%') && !(i === 2 && raw[1] === '_local'));
  if (encodedOutsideLocalId) return refuse(400, 'bad_path', 'Percent-encoding is only allowed in a _local document id');
  return segments;
}

const ENDPOINT_METHODS: Record<string, readonly string[]> = {
  _changes: ['GET'],
  _all_docs: ['GET', 'POST'],
  _bulk_docs: ['POST'],
  _revs_diff: ['POST'],
  _bulk_get: ['POST'],
};

export function decideSyncRequest(request: SyncRequest): SyncDecision {
  const method = request.method.toUpperCase();
  const segments = splitPath(request.path);
  if (!Array.isArray(segments)) return segments;

  const [db, endpoint, ...rest] = segments;
  if (db === undefined) return refuse(403, 'forbidden_route', 'The server root is not available; use your database URL');
  if (db.startsWith('_')) return refuse(403, 'forbidden_route', `${db} is not available`);
  const database: SyncDatabaseKind | undefined = db === request.dbName ? 'jobs' : db === resumesDbName(request.dbName) ? 'resumes' : undefined;
  if (!database) return refuse(403, 'forbidden_database', 'You may only access your own database');

  const withQuery = (route: SyncRoute, rules: Record<string, ParamRule>, extra: Record<string, string> = {}): SyncDecision => {
    const checked = checkQuery(request.query, rules);
    if ('allow' in checked) return checked;
    return { allow: true, route, database, query: { ...checked.query, ...extra } };
  };

  if (endpoint === undefined) {
    if (method === 'GET' || method === 'HEAD') return withQuery('info', NO_PARAMS);
    if (method === 'PUT') return refuse(403, 'forbidden_route', 'Databases are created by the server, not through sync');
    if (method === 'DELETE') return refuse(403, 'forbidden_route', 'Databases cannot be deleted through sync');
    return refuse(403, 'forbidden_route', `${method} on the database is not allowed; write documents with _bulk_docs`);
  }

  if (endpoint === '_local') {
    const id = rest[0];
    if (id === undefined || rest.length !== 1) return refuse(403, 'forbidden_route', 'Use _local/<id>');
    if (!LOCAL_ID.test(id)) return refuse(400, 'bad_path', 'Invalid _local document id');
    if (id === LOCAL_INDEX_ID) return refuse(403, 'forbidden_route', 'This _local document belongs to the server');
    if (method === 'GET' || method === 'PUT') {
      const decision = withQuery(method === 'GET' ? 'local_get' : 'local_put', NO_PARAMS);
      return decision.allow ? { ...decision, localId: id } : decision;
    }
    return refuse(403, 'forbidden_route', `${method} on _local documents is not allowed`);
  }

  const methods = Object.hasOwn(ENDPOINT_METHODS, endpoint) ? ENDPOINT_METHODS[endpoint] : undefined;
  if (!methods) {
    if (endpoint.startsWith('_')) return refuse(403, 'forbidden_route', `${endpoint} is not available through sync`);
    return refuse(403, 'forbidden_route', 'Single documents and attachments are not available; use the replication endpoints');
  }
  if (rest.length > 0) return refuse(403, 'forbidden_route', `Nothing is served below ${endpoint}`);
  if (!methods.includes(method)) return refuse(403, 'forbidden_route', `Only ${methods.join(', ')} is allowed on ${endpoint}`);

  switch (endpoint) {
    case '_changes': {
      const decision = withQuery('changes', CHANGES_PARAMS);
      // Without a limit one request could stream a whole database; clients page with `since`.
      if (decision.allow && decision.query.limit === undefined) decision.query.limit = String(MAX_CHANGES_LIMIT);
      return decision;
    }
    case '_all_docs':
      return method === 'GET'
        ? withQuery('all_docs', ALL_DOCS_GET_PARAMS, { limit: String(MAX_ALL_DOCS_KEYS) })
        : withQuery('all_docs', ALL_DOCS_POST_PARAMS, { limit: String(MAX_ALL_DOCS_KEYS) });
    case '_bulk_docs':
      return withQuery('bulk_docs', NO_PARAMS);
    case '_revs_diff':
      return withQuery('revs_diff', NO_PARAMS);
    default:
      return withQuery('bulk_get', BULK_GET_PARAMS);
  }
}
