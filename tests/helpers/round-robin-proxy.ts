/**
 * A round-robin HTTP load balancer in front of several server instances, for
 * the two-instance tests. Each request goes to the next instance in turn;
 * requests and responses are streamed (a longpoll `_changes` passes through
 * and stays open as long as the instance holds it).
 *
 * When an instance is down it behaves as nginx does with its defaults
 * (`proxy_next_upstream error`, non-idempotent requests never passed on once
 * sent):
 * - the connection to the instance cannot be made (refused: the process is
 *   gone): the request goes to the next instance, whatever its method. The
 *   dead instance never saw a byte of it, so nothing can be applied twice,
 *   and the request body is only read once a connection stands.
 * - the instance fails after the request was sent (killed mid-request): 502
 *   when no response header was sent yet, else the client's connection is
 *   cut, as a balancer can do nothing else mid-body. Not retried, even for a
 *   GET: the instance may have applied a write before dying, and a client
 *   must survive a 502 anyway (replication retries on its own).
 * - no instance accepts the connection: 502.
 * Every answer carries `x-served-by` with the instance's name, so tests can
 * see where requests landed.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream';

export const SERVED_BY_HEADER = 'x-served-by';

export type ProxyRoute = 'bulk_docs' | 'longpoll' | 'changes' | 'db' | 'api' | 'other';

export interface Backend {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:5000. */
  url: string;
}

export interface BackendStats {
  /** Requests this instance answered (any status), by route. */
  answered: Record<ProxyRoute, number>;
  /** Connections to it refused or failed before the request was sent (then passed to the next instance). */
  connectFailures: number;
  /** Requests sent to it that failed before (502) or during (cut) the response. */
  failedAfterSend: number;
}

export interface RoundRobinStats {
  requests: number;
  /** Requests passed to another instance after a failed connection. */
  retried: number;
  /** 502s the proxy answered itself (failure after sending, or no instance reachable). */
  badGateway: number;
  /** Client connections cut mid-response because the instance went away. */
  cutMidResponse: number;
  byBackend: Record<string, BackendStats>;
}

export interface RoundRobinProxy {
  url: string;
  /** Requests of this route forwarded to `backend` and not yet answered in full. */
  inFlight(backend: string, route?: ProxyRoute): number;
  /** Resolves when a request of this route has been sent in full to `backend` (it is being processed there). */
  nextSent(backend: string, route: ProxyRoute): Promise<void>;
  stats(): RoundRobinStats;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

export function routeOf(url: string): ProxyRoute {
  const parsed = new URL(url, 'http://proxy');
  if (parsed.pathname.startsWith('/db/')) {
    if (parsed.pathname.endsWith('/_bulk_docs')) return 'bulk_docs';
    if (parsed.pathname.endsWith('/_changes')) return parsed.searchParams.get('feed') === 'longpoll' ? 'longpoll' : 'changes';
    return 'db';
  }
  return parsed.pathname.startsWith('/api/') ? 'api' : 'other';
}

const ROUTES: readonly ProxyRoute[] = ['bulk_docs', 'longpoll', 'changes', 'db', 'api', 'other'];
const emptyBackendStats = (): BackendStats => ({
  answered: Object.fromEntries(ROUTES.map((route) => [route, 0])) as Record<ProxyRoute, number>,
  connectFailures: 0,
  failedAfterSend: 0,
});

interface InFlight {
  backend: string;
  route: ProxyRoute;
}

export async function startRoundRobinProxy(backends: readonly Backend[]): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a round-robin proxy needs at least one backend');
  let next = 0;
  const sockets = new Set<Socket>();
  const open = new Set<InFlight>();
  const sentWaiters: { backend: string; route: ProxyRoute; resolve: () => void }[] = [];
  const stats: RoundRobinStats = {
    requests: 0,
    retried: 0,
    badGateway: 0,
    cutMidResponse: 0,
    byBackend: Object.fromEntries(backends.map((backend) => [backend.name, emptyBackendStats()])),
  };

  function badGateway(res: http.ServerResponse, reason: string): void {
    stats.badGateway += 1;
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'bad_gateway', reason }));
  }

  /** Tries backends from `start`, each once, moving on only while no connection could be made. */
  function forward(req: http.IncomingMessage, res: http.ServerResponse, route: ProxyRoute, start: number, attempt: number): void {
    if (attempt >= backends.length) {
      req.resume();
      badGateway(res, 'no instance accepted the connection');
      return;
    }
    const backend = backends[(start + attempt) % backends.length]!;
    const target = new URL(backend.url);
    const entry: InFlight = { backend: backend.name, route };
    const upstream = http.request({
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...forwardHeaders(req.headers), host: target.host },
      agent: false,
    });
    let connected = false;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      open.delete(entry);
    };
    upstream.on('socket', (socket) => {
      socket.once('connect', () => {
        connected = true;
        open.add(entry);
        // The body is read only now: a refused connection leaves it unread for the next instance.
        // pipe, not pipeline: an instance failing must not destroy the client's request, which still gets its 502.
        req.pipe(upstream);
      });
    });
    upstream.on('finish', () => {
      for (const waiter of sentWaiters.splice(0)) {
        if (waiter.backend === backend.name && waiter.route === route) waiter.resolve();
        else sentWaiters.push(waiter);
      }
    });
    /** The instance failed after the request reached it: counted once, whichever of the streams reports it. */
    let failed = false;
    /** The client left before its answer ended (a cancelled replication): not the instance's failure. */
    let clientGone = false;
    const failAfterSend = () => {
      settle();
      if (failed || clientGone) return;
      failed = true;
      stats.byBackend[backend.name]!.failedAfterSend += 1;
      if (!res.headersSent) badGateway(res, `${backend.name} failed before answering`);
      else {
        stats.cutMidResponse += 1;
        res.destroy();
      }
    };
    upstream.on('error', () => {
      if (connected) {
        failAfterSend();
        return;
      }
      settle();
      stats.byBackend[backend.name]!.connectFailures += 1;
      if (res.destroyed) return;
      if (attempt + 1 < backends.length) stats.retried += 1;
      forward(req, res, route, start, attempt + 1);
    });
    // The client went away (a cancelled replication): end the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) clientGone = true;
      settle();
      if (!upstream.destroyed) upstream.destroy();
    });
    upstream.on('response', (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, { ...forwardHeaders(upstreamRes.headers), [SERVED_BY_HEADER]: backend.name });
      res.flushHeaders();
      pipeline(upstreamRes, res, (error) => {
        if (error) failAfterSend();
        else {
          settle();
          stats.byBackend[backend.name]!.answered[route] += 1;
        }
      });
    });
  }

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const start = next;
    next = (next + 1) % backends.length;
    forward(req, res, routeOf(req.url ?? '/'), start, 0);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inFlight(backend, route) {
      let n = 0;
      for (const entry of open) if (entry.backend === backend && (route === undefined || entry.route === route)) n += 1;
      return n;
    },
    nextSent(backend, route) {
      return new Promise<void>((resolve) => sentWaiters.push({ backend, route, resolve }));
    },
    stats: () => structuredClone(stats),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
