/**
 * startTestServer(overrides?) → Promise<{ url, dataDir, config, stop() }>
 *
 * Starts the real TrackRuit server (auth API + sync gate + embedded PouchDB,
 * or CouchDB when TRACKRUIT_TEST_COUCHDB_URL is set: see couch-mode.ts)
 * on a free port on 127.0.0.1, with a fresh temporary DATA_DIR and
 * NODE_ENV=test. Used by unit/integration tests (vitest) and e2e tests
 * (Playwright); keep this signature stable.
 *
 * - `url`: base URL without a trailing slash, e.g. `http://127.0.0.1:41234`.
 *   API: `${url}/api/auth/register`; the syncUrl returned by register/login
 *   points at the same host and port (unless `publicUrl` is overridden).
 * - `dataDir`: the temporary data directory (removed by stop()).
 * - `config`: the effective ServerConfig, including the generated JWT secrets
 *   (jwtAccessSecret / jwtRefreshSecret), so tests can sign their own tokens.
 * - `overrides`: fields of ServerConfig to replace after loading, for example
 *   `{ accessTokenTtlSeconds: 2 }` or `{ corsOrigins: ['http://localhost:3000'] }`.
 *   `dataDir` and `port` are always the temporary directory and a free port.
 * - `stop()`: closes the HTTP server (open longpolls included), every
 *   database, and deletes `dataDir`. Safe to call twice.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { couchEnvFor } from './couch-mode';

export interface TestServer {
  url: string;
  dataDir: string;
  config: ServerConfig;
  stop(): Promise<void>;
}

/**
 * `log` receives what the server logs through its `log(message, error?)` (the request log still goes to stdout).
 * `databaseKey`: in CouchDB mode, the databases' prefix comes from this key instead of the data directory,
 * so servers given the same key share their databases (see two-servers.ts).
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, options: { log?: (message: string, error?: unknown) => void; databaseKey?: string } = {}): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-test-'));
  try {
    const loaded = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...couchEnvFor(options.databaseKey ?? dataDir) });
    const running = await startServer({
      ...loaded,
      ...overrides,
      publicUrlExplicit: overrides.publicUrl !== undefined,
      dataDir,
      port: 0,
    }, options.log ? { log: options.log } : {});
    let stopped: Promise<void> | undefined;
    return {
      url: running.url,
      dataDir,
      config: running.config,
      stop() {
        stopped ??= running.stop().then(() => fs.rm(dataDir, { recursive: true, force: true }));
        return stopped;
      },
    };
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
