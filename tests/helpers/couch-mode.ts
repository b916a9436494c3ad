/**
 * Which storage the server under test uses. With TRACKRUIT_TEST_COUCHDB_URL
 * (set by tests/setup/couchdb.global.ts, or by hand to a real CouchDB), every
 * test server keeps its databases there, under a prefix of its own derived
 * from its data directory: servers of parallel test files never share a
 * database, and a server restarted on the same directory finds its own again.
 */
import { createHash } from 'node:crypto';

export const COUCHDB_TEST_ENV = 'TRACKRUIT_TEST_COUCHDB_URL';

export function testCouchUrl(): string | undefined {
  return process.env[COUCHDB_TEST_ENV] || undefined;
}

/** Extra environment for a server on `dataDir`: COUCHDB_URL and its prefix, or nothing in embedded mode. */
export function couchEnvFor(dataDir: string): Record<string, string> {
  const url = testCouchUrl();
  if (!url) return {};
  const prefix = `t${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}_`;
  return { COUCHDB_URL: url, COUCHDB_DB_PREFIX: prefix };
}

/** The user databases a test server has made, by their server-side names, in either storage. */
export async function storedUserDatabases(server: { dataDir: string; config: { couchdb: { url: string; username: string; password: string; prefix: string } | null } }): Promise<string[]> {
  const couch = server.config.couchdb;
  if (!couch) {
    const { readdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    return readdir(join(server.dataDir, 'userdbs'));
  }
  const response = await fetch(`${couch.url}/_all_dbs`, { headers: { authorization: `Basic ${Buffer.from(`${couch.username}:${couch.password}`).toString('base64')}` } });
  if (!response.ok) throw new Error(`_all_dbs answered ${response.status}`);
  const names = (await response.json()) as string[];
  return names.filter((name) => name.startsWith(couch.prefix)).map((name) => name.slice(couch.prefix.length));
}
