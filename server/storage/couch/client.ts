import http from 'node:http';
import https from 'node:https';
import type { CouchConfig } from './config';

/**
 * The few raw HTTP calls the server makes to CouchDB itself (database
 * creation, `_security`, the replication proxy). Answers come back as
 * streams, so a `_changes` or `_bulk_get` answer is never held whole.
 * Everything else goes through PouchDB's http adapter.
 */

export interface CouchRequest {
  method: string;
  /** Path and query, already encoded: `/trackruit_userdb-ab/_changes?since=0`. */
  path: string;
  /** JSON text, or the raw bytes of an attachment (give its content-type in `headers`). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A live `_changes` feed (longpoll), held open until something changes or its timeout: sent on
   * sockets of its own, so that a thousand extensions listening cannot take every socket a write needs.
   */
  live?: boolean;
}

export interface CouchClient {
  readonly config: CouchConfig;
  /** The response, body unread: the caller pipes or reads it. */
  request(request: CouchRequest): Promise<http.IncomingMessage>;
  /** A request whose (small) JSON answer is read whole. */
  json<T = unknown>(request: CouchRequest): Promise<{ status: number; body: T }>;
  close(): void;
}

/** A CouchDB answer the server did not expect; carries the status, never the URL's credentials. */
export class CouchHttpError extends Error {
  constructor(readonly status: number, what: string, reason: string) {
    super(`CouchDB answered ${status} to ${what}: ${reason}`);
    this.name = 'CouchHttpError';
  }
}

const MAX_JSON_ANSWER_BYTES = 16 * 1024 * 1024;

export function createCouchClient(config: CouchConfig): CouchClient {
  const base = new URL(config.url);
  const secure = base.protocol === 'https:';
  const transport = secure ? https : http;
  // Keep-alive: every replication request would otherwise open a connection to CouchDB. Writes and
  // reads share a bounded pool; live feeds get their own, bounded by the gate's longpoll cap per user
  // instead: with one pool of 256, 250 open longpolls left writes queued behind them for seconds.
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 256 });
  const liveAgent = new transport.Agent({ keepAlive: true, maxSockets: Infinity });
  const authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;

  /**
   * A kept-alive socket CouchDB closed just as it was reused fails with a
   * reset before any answer. Node's documented remedy: send it again, once,
   * on a new socket. Every request made here is idempotent (reads, database
   * creation, `_security`) or safe to repeat: a document write sent twice
   * is refused the second time with a 409, which its caller handles.
   */
  function request(req: CouchRequest, retried = false): Promise<http.IncomingMessage> {
    return send(req).catch((error: unknown) => {
      const reset = (error as { reusedSocket?: boolean; code?: string }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
      if (reset && !retried && !req.signal?.aborted) return request(req, true);
      throw error;
    });
  }

  function send(req: CouchRequest): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const outgoing = transport.request({
        agent: req.live ? liveAgent : agent,
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || (secure ? 443 : 80),
        method: req.method,
        path: req.path,
        headers: {
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(req.body)) }),
          ...req.headers,
          authorization,
        },
        ...(req.signal ? { signal: req.signal } : {}),
      }, resolve);
      outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(req.body);
    });
  }

  async function json<T>(req: CouchRequest): Promise<{ status: number; body: T }> {
    const response = await request(req);
    response.setEncoding('utf8');
    let text = '';
    for await (const chunk of response) {
      text += chunk as string;
      if (text.length > MAX_JSON_ANSWER_BYTES) {
        response.destroy();
        throw new CouchHttpError(response.statusCode ?? 0, `${req.method} ${req.path.split('?')[0]}`, 'answer too large');
      }
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new CouchHttpError(response.statusCode ?? 0, `${req.method} ${req.path.split('?')[0]}`, 'answer is not JSON');
    }
    return { status: response.statusCode ?? 0, body: body as T };
  }

  return {
    config,
    request,
    json,
    close: () => {
      agent.destroy();
      liveAgent.destroy();
    },
  };
}
