import { startCouchStandin, type CouchStandin } from '../helpers/couch-standin';
import { COUCHDB_TEST_ENV } from '../helpers/couch-mode';

/**
 * Global setup of the *-couchdb test projects: the CouchDB stand-in in its own
 * process, named to the test servers through TRACKRUIT_TEST_COUCHDB_URL (the
 * test workers inherit it). When that variable is already set (a real
 * CouchDB), it is used as it is.
 */
let standin: CouchStandin | undefined;

export async function setup(): Promise<void> {
  if (process.env[COUCHDB_TEST_ENV]) return;
  standin = await startCouchStandin();
  process.env[COUCHDB_TEST_ENV] = standin.adminUrl;
}

export async function teardown(): Promise<void> {
  await standin?.stop();
}
