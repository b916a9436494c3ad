import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';

/**
 * `npm run couch-standin`: a CouchDB-compatible server (express-pouchdb in its
 * full CouchDB mode, over LevelDB) in its own process, with a server admin and
 * its own data directory, for running TrackRuit with COUCHDB_URL where Apache
 * CouchDB cannot be installed. What it cannot show is listed in the README.
 *
 *   COUCH_STANDIN_PORT (default 5984, 0 for any free port)
 *   COUCH_STANDIN_DATA_DIR (default ./couch-standin-data)
 *   COUCH_STANDIN_ADMIN  user:password of the server admin (required)
 *
 * Prints `couch-standin listening on http://127.0.0.1:<port>` once it answers.
 */

function fail(message: string): never {
  console.error(`couch-standin: ${message}`);
  process.exit(1);
}

const port = Number(process.env.COUCH_STANDIN_PORT ?? '5984');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('COUCH_STANDIN_PORT must be a port number');
const dataDir = path.resolve(process.env.COUCH_STANDIN_DATA_DIR ?? './couch-standin-data');
const admin = process.env.COUCH_STANDIN_ADMIN ?? '';
const colon = admin.indexOf(':');
if (colon < 1 || colon === admin.length - 1) fail('COUCH_STANDIN_ADMIN must be user:password');
const adminName = admin.slice(0, colon);
const adminPassword = admin.slice(colon + 1);

fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const StandinPouch = PouchDB.defaults({ prefix: `${dataDir}/` });
const app = expressPouchDB({
  mode: 'fullCouchDB',
  // Fauxton is a web UI loaded from another package; nothing here needs it.
  overrideMode: { exclude: ['routes/fauxton'] },
  configPath: path.join(dataDir, 'config.json'),
  logPath: path.join(dataDir, 'log.txt'),
});

await app.setPouchDB(StandinPouch as unknown as PouchDB.Static);

// A server admin ends the "admin party": from here on only this credential may create, secure or read databases.
await new Promise<void>((resolve, reject) => {
  app.couchConfig.set('admins', adminName, adminPassword, (error: unknown) => (error ? reject(error as Error) : resolve()));
});

/**
 * Like CouchDB with `require_valid_user`: every request but the welcome page
 * needs the admin's credential. express-pouchdb would otherwise let anyone
 * create databases, and crashes on an anonymous database creation (its
 * security plugin answers that check with a promise the route does not await).
 */
const digest = (text: string): Uint8Array => new Uint8Array(createHash('sha256').update(text).digest());
const expected = digest(`Basic ${Buffer.from(`${adminName}:${adminPassword}`).toString('base64')}`);
const admitted = (req: http.IncomingMessage): boolean => timingSafeEqual(digest(req.headers.authorization ?? ''), expected);

/**
 * express-pouchdb ignores a longpoll's `timeout` (it waits for the next change
 * however long that takes); CouchDB answers an empty page when it runs out.
 * This ends the page express-pouchdb has begun (`{"results":[`) the same way.
 */
function honourLongpollTimeout(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://standin');
  if (req.method !== 'GET' || !url.pathname.endsWith('/_changes') || url.searchParams.get('feed') !== 'longpoll') return;
  const timeoutMs = Number(url.searchParams.get('timeout') ?? '60000');
  const since = url.searchParams.get('since') ?? '0';
  const lastSeq = /^\d+$/.test(since) ? since : JSON.stringify(since.replace(/^"|"$/g, ''));
  // express-pouchdb's listener may still write when the next change comes: that write is dropped.
  res.on('error', () => undefined);
  const timer = setTimeout(() => {
    if (res.writableEnded) return;
    if (res.headersSent) res.end(`],\n"last_seq":${lastSeq}}\n`);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(`{"results":[],"last_seq":${lastSeq}}\n`);
  }, Number.isFinite(timeoutMs) ? timeoutMs : 60_000);
  res.once('close', () => clearTimeout(timer));
  res.once('finish', () => clearTimeout(timer));
}

const server = http.createServer((req, res) => {
  if ((req.method === 'GET' && (req.url === '/' || req.url === '')) || admitted(req)) {
    honourLongpollTimeout(req, res);
    app(req, res);
    return;
  }
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'unauthorized', reason: 'Authentication required.' }));
});
server.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message));
server.listen(port, '127.0.0.1', () => {
  console.log(`couch-standin listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
