/**
 * COUCHDB_URL: where every database lives when the server is not embedded.
 * The credentials are the server's own (a CouchDB server admin); they are
 * split off the URL here so nothing downstream can log them with it.
 */

export interface CouchConfig {
  /** Base URL without credentials, path or trailing slash: `http://127.0.0.1:5984`. */
  url: string;
  username: string;
  password: string;
  /** Prepended to every database name the server makes there (`trackruit_users`, `trackruit_userdb-…`). */
  prefix: string;
}

export const DEFAULT_COUCH_PREFIX = 'trackruit_';
/** CouchDB's own rule for database names, with room left for the longest name the server builds. */
const PREFIX = /^[a-z][a-z0-9_]{0,39}$/;

/** `http://admin:***@host:5984`: how the URL may appear in an error line. */
export function redactCouchUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

/** COUCHDB_URL and COUCHDB_DB_PREFIX, checked; null when COUCHDB_URL is unset (embedded storage). */
export function readCouchConfig(read: (name: string) => string | undefined, errors: string[]): CouchConfig | null {
  const raw = read('COUCHDB_URL');
  const prefix = read('COUCHDB_DB_PREFIX') ?? DEFAULT_COUCH_PREFIX;
  if (!PREFIX.test(prefix)) {
    errors.push(`COUCHDB_DB_PREFIX: must start with a lower-case letter and hold only a-z, 0-9 and "_", at most 40 characters (got ${JSON.stringify(prefix)})`);
  }
  if (raw === undefined) {
    if (read('COUCHDB_DB_PREFIX') !== undefined) errors.push('COUCHDB_DB_PREFIX: is set but COUCHDB_URL is not');
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    errors.push('COUCHDB_URL: must be an absolute http(s) URL like http://admin:secret@127.0.0.1:5984 (got something that is not a URL)');
    return null;
  }
  const shown = redactCouchUrl(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    errors.push(`COUCHDB_URL: must be an http:// or https:// URL (got ${shown})`);
    return null;
  }
  if (!url.username || !url.password) {
    errors.push(`COUCHDB_URL: must carry the server's CouchDB admin credentials, http://user:password@host:5984 (got ${shown})`);
    return null;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    errors.push(`COUCHDB_URL: must be the server's root URL, without path, query or fragment (got ${shown})`);
    return null;
  }
  if (!PREFIX.test(prefix)) return null;
  return {
    url: `${url.protocol}//${url.host}`,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    prefix,
  };
}
