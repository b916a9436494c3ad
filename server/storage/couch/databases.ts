import PouchDB from 'pouchdb';
import { CouchHttpError, type CouchClient } from './client';

/**
 * Databases in CouchDB as the server makes them: under the configured prefix,
 * with `q=1` (a user's database is small; one shard keeps `_changes` cheap)
 * and a `_security` object that admits the server's own credential alone, so
 * no other CouchDB account (and no anonymous request) reads or writes them.
 */

export interface CouchDatabases {
  /** The name in CouchDB of a server-side name (`users`, `userdb-ab…`). */
  remoteName(name: string): string;
  /** Creates the database when missing and (re)sets its `_security`. Idempotent. */
  create(name: string): Promise<void>;
  /** A PouchDB handle over HTTP (pouchdb's http adapter); no request is made until it is used. */
  handle<Content extends object = object>(name: string): PouchDB.Database<Content>;
  /** Deletes the database; no-op when it does not exist. */
  destroy(name: string): Promise<void>;
  /** Server-side names of the databases starting with `prefix` (one `_all_dbs` range). */
  list(prefix: string): Promise<string[]>;
  /** Whether the database is there (a GET of its information). */
  exists(name: string): Promise<boolean>;
}

export function securityObject(username: string) {
  return { admins: { names: [username], roles: [] }, members: { names: [username], roles: [] } };
}

const path = (remote: string) => `/${encodeURIComponent(remote)}`;

export function createCouchDatabases(client: CouchClient): CouchDatabases {
  const { prefix, url, username, password } = client.config;
  const remoteName = (name: string) => `${prefix}${name}`;

  return {
    remoteName,
    async create(name) {
      const remote = remoteName(name);
      // 201 created, 202 accepted (fewer copies than the write quorum answered yet), 412 already there.
      const created = await client.json<{ reason?: string }>({ method: 'PUT', path: `${path(remote)}?q=1` });
      if (![201, 202, 412].includes(created.status)) throw new CouchHttpError(created.status, `creating database ${remote}`, created.body?.reason ?? 'refused');
      // Instances starting at once secure the same databases: a CouchDB-compatible server may answer the
      // second writer 409 (CouchDB itself keeps the last). Both write the same object; writing it again settles it.
      for (let attempt = 1; ; attempt += 1) {
        const secured = await client.json<{ reason?: string }>({ method: 'PUT', path: `${path(remote)}/_security`, body: JSON.stringify(securityObject(username)) });
        if (secured.status === 200 || secured.status === 201) break;
        if (secured.status !== 409 || attempt >= 5) throw new CouchHttpError(secured.status, `securing database ${remote}`, secured.body?.reason ?? 'refused');
      }
    },
    handle<Content extends object>(name: string) {
      // Credentials as an option, not in the URL, so no error PouchDB raises can carry them.
      return new PouchDB<Content>(`${url}${path(remoteName(name))}`, { adapter: 'http', skip_setup: true, auth: { username, password } });
    },
    async destroy(name) {
      const remote = remoteName(name);
      const deleted = await client.json<{ reason?: string }>({ method: 'DELETE', path: path(remote) });
      if (![200, 202, 404].includes(deleted.status)) throw new CouchHttpError(deleted.status, `deleting database ${remote}`, deleted.body?.reason ?? 'refused');
    },
    async exists(name) {
      const remote = remoteName(name);
      const answer = await client.json<{ reason?: string }>({ method: 'GET', path: path(remote) });
      if (answer.status === 200) return true;
      if (answer.status === 404) return false;
      throw new CouchHttpError(answer.status, `reading database ${remote}`, answer.body?.reason ?? 'refused');
    },
    async list(namePrefix) {
      const start = remoteName(namePrefix);
      const range = `start_key=${encodeURIComponent(JSON.stringify(start))}&end_key=${encodeURIComponent(JSON.stringify(`${start}\ufff0`))}`;
      const answer = await client.json<unknown>({ method: 'GET', path: `/_all_dbs?${range}` });
      if (answer.status !== 200 || !Array.isArray(answer.body)) throw new CouchHttpError(answer.status, 'listing databases', 'unexpected answer');
      // Filtered here too: a CouchDB-compatible server may ignore the range.
      return (answer.body as unknown[])
        .filter((remote): remote is string => typeof remote === 'string' && remote.startsWith(start))
        .map((remote) => remote.slice(prefix.length))
        .sort();
    },
  };
}
