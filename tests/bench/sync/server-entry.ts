/**
 * The bench's server process: the production server (server/http-server.ts,
 * config from the environment as server/main.ts reads it) plus two listeners
 * that exist only here, on the same storage instance and so the same LevelDB
 * databases (LevelDB admits one process per directory, so they cannot live
 * in another process):
 * - ungated: express-pouchdb itself, as the gate would hand requests to it,
 *   with no token check, route decision, body validation, quota or rate
 *   limit. It takes PouchDB's native push (`new_edits: false`, which the gate
 *   refuses) and gives the raw floor without the gate. express-pouchdb
 *   compresses its answers when the client asks (its `compression` part);
 * - gatedGzip: the production app behind response compression, because the
 *   gate answers _changes, _bulk_docs, _bulk_get and _all_docs itself and
 *   never compresses them.
 * Nothing in server/ changes and nothing here can be enabled in production:
 * only the bench spawns this file. It prints one line, `BENCH_ENDPOINTS
 * {...}`, once every listener is up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express, { type RequestHandler } from 'express';
import { loadConfig } from '../../../server/config';
import { corsMiddleware } from '../../../server/cors';
import { startServer } from '../../../server/http-server';
import { createPouchStorage } from '../../../server/storage/pouchdb/index';

// express-pouchdb's own copy (a dependency of it, not of this project), so the gated
// app is compressed exactly as express-pouchdb compresses the ungated answers.
const fromExpressPouchdb = createRequire(createRequire(import.meta.url).resolve('express-pouchdb'));
const compression = fromExpressPouchdb('compression') as () => RequestHandler;

const loaded = loadConfig(process.env);
if (loaded.nodeEnv === 'production') throw new Error('the bench server with an ungated endpoint refuses NODE_ENV=production');
// Diagnosis only (./gate-profile.ts): how much of the gate's cost is compaction. The bench never sets it.
const compactAfterWrites = Number(process.env.BENCH_SYNC_COMPACT_AFTER_WRITES ?? loaded.syncLimits.compactAfterWrites);
const config = { ...loaded, syncLimits: { ...loaded.syncLimits, compactAfterWrites } };

// COUCHDB_URL (bench:server's CouchDB mode): the production server as it is, storage in that
// CouchDB; the bench reaches the same databases directly on the CouchDB itself.
if (process.env.COUCHDB_URL) {
  const running = await startServer(config);
  console.log(`BENCH_ENDPOINTS ${JSON.stringify({ gated: running.url, ungated: '', gatedGzip: '' })}`);
  const stop = () => void running.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await startEmbedded();
}

async function startEmbedded(): Promise<void> {
  // The same options createApp would use for its own storage.
  const storage = await createPouchStorage(config.dataDir, {
    idleMs: config.syncLimits.idleDatabaseSeconds * 1000,
    compactAfterWrites: config.syncLimits.compactAfterWrites,
    log: (message, error) => console.error(message, error ?? ''),
  });
  const running = await startServer(config, { storage });
  const gatedApp = running.server.listeners('request')[0] as http.RequestListener | undefined;
  if (!gatedApp) throw new Error('the production server has no request handler');

  /** Holds the database for the whole request, as the gate does, so the idle sweeper never closes it underneath. */
  const leaseForRequest: RequestHandler = (req, res, next) => {
    const name = decodeURIComponent(req.path.split('/')[1] ?? '');
    if (!name) {
      next();
      return;
    }
    storage.syncDatabases.exists(name).then(async (present) => {
      if (!present) {
        next();
        return;
      }
      const held = await storage.syncDatabases.lease(name);
      res.once('close', () => held.release());
      next();
    }).catch(next);
  };

  const ungated = express();
  ungated.use(corsMiddleware(config.corsOrigins));
  // Called, not mounted: mounting would re-parent the sub-app the production app already mounts.
  ungated.use('/db', leaseForRequest, (req, res, next) => storage.syncDatabases.handler(req, res, next));

  const gatedGzip = express();
  gatedGzip.use(compression());
  gatedGzip.use((req, res) => gatedApp(req, res));

  async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  const extra = [await listen(ungated), await listen(gatedGzip)];
  console.log(`BENCH_ENDPOINTS ${JSON.stringify({ gated: running.url, ungated: extra[0]!.url, gatedGzip: extra[1]!.url })}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const { server } of extra) server.closeAllConnections();
    void Promise.all(extra.map(({ server }) => new Promise((resolve) => server.close(resolve))))
      .then(() => running.stop())
      .then(() => process.exit(0), (error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
