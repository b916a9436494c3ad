/**
 * startSharedServers(count, overrides?, options?) → Promise<TestServer[]>
 *
 * Several instances of one deployment: real servers started at once (as
 * startTestServer), each with its own DATA_DIR and port, sharing one set of
 * CouchDB databases (one prefix) and one set of secrets, so a token issued
 * by one is accepted by the others. CouchDB mode only (the
 * integration-couchdb project): embedded storage belongs to one process.
 * Each server's stop() stops it alone; stopping all is the caller's.
 */
import crypto from 'node:crypto';
import type { ServerConfig } from '../../server/config';
import { testCouchUrl } from './couch-mode';
import { startTestServer, type TestServer } from './test-server';

const secret = () => crypto.randomBytes(36).toString('base64url');

export async function startSharedServers(count: number, overrides: Partial<ServerConfig> = {}, options: { log?: (message: string, error?: unknown) => void } = {}): Promise<TestServer[]> {
  if (!testCouchUrl()) throw new Error('startSharedServers needs CouchDB mode (TRACKRUIT_TEST_COUCHDB_URL): embedded databases belong to one process');
  const databaseKey = `shared-${crypto.randomUUID()}`;
  const shared = { jwtAccessSecret: secret(), jwtRefreshSecret: secret(), otpHmacSecret: secret(), ...overrides };
  const started = await Promise.allSettled(Array.from({ length: count }, () => startTestServer(shared, { ...options, databaseKey })));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failed.reason;
  }
  return servers;
}
