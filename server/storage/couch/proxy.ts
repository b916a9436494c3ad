import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { CouchClient } from './client';

/**
 * The replication routes the sync gate has already checked, passed on to
 * CouchDB. The gate has parsed and validated any body (within its limit), so
 * what is sent is exactly what was checked; the answer is piped back as it
 * arrives, a `_changes` or `_bulk_get` answer never held whole. The client's
 * bearer token stays here; CouchDB sees only the server's own credential.
 */

/** Headers of CouchDB's answer the client may see; the rest (Server, cookies, CouchDB's request ids) stay here. */
const PASSED_HEADERS = ['content-type', 'cache-control', 'etag'];

export interface ProxyOptions {
  client: CouchClient;
  /** The database's name in CouchDB for the name the gate checked. */
  remoteName(name: string): string;
  log: (message: string, error?: unknown) => void;
}

function sendUnavailable(res: Parameters<RequestHandler>[1], reason: string): void {
  // CouchDB's error shape, with a string `name`: PouchDB retries a 502 later.
  res.status(502).json({ error: 'bad_gateway', name: 'bad_gateway', reason });
}

/** Most bytes of a database's info answer (a few hundred in practice). */
const MAX_INFO_BYTES = 64 * 1024;

/**
 * A database's info, under the name the client knows it by: CouchDB's
 * `db_name` carries the server's prefix, which is none of the client's business.
 */
function sendInfo(res: Parameters<RequestHandler>[1], upstream: IncomingMessage, name: string, log: ProxyOptions['log']): void {
  let text = '';
  upstream.setEncoding('utf8');
  upstream.on('data', (chunk: string) => {
    text += chunk;
    if (text.length > MAX_INFO_BYTES) upstream.destroy(new Error('database info answer too large'));
  });
  upstream.on('error', (error) => {
    log('A database info answer from CouchDB broke off', error);
    if (!res.headersSent) sendUnavailable(res, 'The database server answered badly; try again later');
  });
  upstream.on('end', () => {
    try {
      res.json({ ...(JSON.parse(text) as Record<string, unknown>), db_name: name });
    } catch (error) {
      log('CouchDB answered a database info that is not JSON', error);
      sendUnavailable(res, 'The database server answered badly; try again later');
    }
  });
}

export function couchReplicationProxy(options: ProxyOptions): RequestHandler {
  const { client, remoteName, log } = options;
  return (req, res) => {
    // The gate allowed this path: `/<db>[/<endpoint>[/<local id>]]`, still percent-encoded.
    const [, db = '', ...rest] = req.path.replace(/\/$/, '').split('/');
    const remotePath = [encodeURIComponent(remoteName(decodeURIComponent(db))), ...rest].join('/');
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    const body = req.method === 'POST' || req.method === 'PUT' ? JSON.stringify(req.body) : undefined;
    const controller = new AbortController();
    // A client that goes away (a longpoll closed by the extension) ends CouchDB's request too.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const live = rest[0] === '_changes' && req.query.feed === 'longpoll';
    client.request({ method: req.method, path: `/${remotePath}${query ? `?${query}` : ''}`, ...(body === undefined ? {} : { body }), signal: controller.signal, live }).then(
      (upstream) => {
        const status = upstream.statusCode ?? 502;
        if (status === 401 || status === 403) {
          // CouchDB refused the server's own credential: an operator's problem, not the user's.
          upstream.resume();
          log(`CouchDB refused the server's credential (${status}) on a replication request`);
          sendUnavailable(res, 'The database server refused this server; try again later');
          return;
        }
        res.status(status);
        if (rest.length === 0 && req.method === 'GET' && status === 200) {
          sendInfo(res, upstream, decodeURIComponent(db), log);
          return;
        }
        for (const name of PASSED_HEADERS) {
          const value = upstream.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        // pipe(), not pipeline(): the response already carries the gate's, logging's and metrics' listeners,
        // and a client that goes away aborts the request to CouchDB through the signal above.
        upstream.once('error', (error) => {
          if (!controller.signal.aborted) log('A replication answer from CouchDB broke off', error);
          res.destroy();
        });
        upstream.pipe(res);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        log('CouchDB could not be reached for a replication request', error);
        if (!res.headersSent) sendUnavailable(res, 'The database server could not be reached; try again later');
        else res.destroy();
      },
    );
  };
}
