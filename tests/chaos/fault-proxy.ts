/**
 * A fault-injecting HTTP proxy for the chaos test. It streams requests and
 * responses through (longpoll `_changes` included) to the real server and,
 * per request and driven by a seeded PRNG, may instead:
 * - add latency before forwarding,
 * - answer 500/502/503 itself without forwarding,
 * - destroy the connection before forwarding (the server never sees it),
 * - destroy the connection after the server answered (the server applied the
 *   write, the client never heard: retries must be idempotent),
 * - send the response headers and half the body, then destroy (truncated).
 * It also has a "down" mode (every connection is destroyed at once, as while
 * the server restarts) and per-client "offline" (that client's connections
 * are destroyed), clients being told apart by the `x-chaos-client` header.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream';
import { createRng } from '../helpers/prng';

export const CLIENT_HEADER = 'x-chaos-client';

export interface FaultRates {
  /** Probability of added latency (combined with any other outcome). */
  latency: number;
  maxLatencyMs: number;
  /** Probability of a 500/502/503 answer without forwarding. */
  error5xx: number;
  /** Probability of destroying the connection before forwarding. */
  resetBefore: number;
  /** Probability of destroying the connection after the server answered. */
  resetAfter: number;
  /** Probability of sending headers and part of the body, then destroying. */
  truncate: number;
}

export const DEFAULT_RATES: FaultRates = {
  latency: 0.3,
  maxLatencyMs: 500,
  error5xx: 0.06,
  resetBefore: 0.05,
  resetAfter: 0.06,
  truncate: 0.03,
};

export type FaultKind =
  | 'pass'
  | 'latency'
  | 'error500'
  | 'error502'
  | 'error503'
  | 'resetBefore'
  | 'resetAfter'
  | 'truncated'
  | 'down'
  | 'offline'
  | 'upstreamError';

export type RouteKind = 'bulk_docs' | 'all_docs' | 'changes' | 'longpoll' | 'other';

export interface FaultProxyStats {
  requests: number;
  byKind: Record<FaultKind, number>;
  /** Faults (everything but pass and latency) per route. */
  faultsByRoute: Record<RouteKind, number>;
  /** Connections destroyed by setDown/setOffline while a request was open. */
  connectionsCut: number;
}

export interface FaultProxyOptions {
  /** Base URL of the real server, e.g. http://127.0.0.1:5000. */
  target: string;
  seed: number;
  rates?: Partial<FaultRates>;
}

export interface FaultProxy {
  url: string;
  setRates(rates: Partial<FaultRates>): void;
  /** Off: every request passes untouched (down/offline still apply). */
  setFaults(enabled: boolean): void;
  /** Down: every open connection is destroyed and new ones are destroyed on arrival. */
  setDown(down: boolean): void;
  setOffline(clientId: string, offline: boolean): void;
  /** Requests of this route currently forwarded to the server and not yet answered. */
  inFlight(route?: RouteKind): number;
  /** Resolves when the next request of this route has been sent to the server in full (it is being processed). */
  nextSent(route: RouteKind): Promise<void>;
  /** Requests the proxy has not finished, for diagnosing a stall. */
  openRequests(): { clientId: string | undefined; route: RouteKind; method: string; url: string; ageMs: number; forwarded: boolean }[];
  stats(): FaultProxyStats;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function routeOf(url: string): RouteKind {
  const parsed = new URL(url, 'http://proxy');
  if (parsed.pathname.endsWith('/_bulk_docs')) return 'bulk_docs';
  if (parsed.pathname.endsWith('/_all_docs')) return 'all_docs';
  if (parsed.pathname.endsWith('/_changes')) return parsed.searchParams.get('feed') === 'longpoll' ? 'longpoll' : 'changes';
  return 'other';
}

function forwardHeaders(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === CLIENT_HEADER) continue;
    out[name] = value;
  }
  return out;
}

const emptyCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const FAULT_KINDS: readonly FaultKind[] = ['pass', 'latency', 'error500', 'error502', 'error503', 'resetBefore', 'resetAfter', 'truncated', 'down', 'offline', 'upstreamError'];
const ROUTES: readonly RouteKind[] = ['bulk_docs', 'all_docs', 'changes', 'longpoll', 'other'];

interface OpenRequest {
  clientId: string | undefined;
  route: RouteKind;
  method: string;
  url: string;
  startedAt: number;
  socket: Socket;
  forwarded: boolean;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rng = createRng(options.seed);
  let rates: FaultRates = { ...DEFAULT_RATES, ...options.rates };
  let faults = true;
  let down = false;
  const offline = new Set<string>();
  const open = new Set<OpenRequest>();
  const sockets = new Set<Socket>();
  const sentWaiters: { route: RouteKind; resolve: () => void }[] = [];
  const stats: FaultProxyStats = { requests: 0, byKind: emptyCounts(FAULT_KINDS), faultsByRoute: emptyCounts(ROUTES), connectionsCut: 0 };

  const count = (kind: FaultKind, route: RouteKind) => {
    stats.byKind[kind] += 1;
    if (kind !== 'pass' && kind !== 'latency') stats.faultsByRoute[route] += 1;
  };

  /** Decides a request's fate up front, so the PRNG is consumed in arrival order. */
  function decide(): { latencyMs: number; outcome: FaultKind } {
    if (!faults) return { latencyMs: 0, outcome: 'pass' };
    const latencyMs = rng() < rates.latency ? Math.floor(rng() * (rates.maxLatencyMs + 1)) : 0;
    let roll = rng();
    const table: [number, FaultKind][] = [
      [rates.error5xx, 'error500'],
      [rates.resetBefore, 'resetBefore'],
      [rates.resetAfter, 'resetAfter'],
      [rates.truncate, 'truncated'],
    ];
    for (const [rate, kind] of table) {
      if (roll < rate) {
        if (kind === 'error500') return { latencyMs, outcome: (['error500', 'error502', 'error503'] as const)[Math.floor(rng() * 3)]! };
        return { latencyMs, outcome: kind };
      }
      roll -= rate;
    }
    return { latencyMs, outcome: latencyMs > 0 ? 'latency' : 'pass' };
  }

  const refused = (clientId: string | undefined) => down || (clientId !== undefined && offline.has(clientId));

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const clientHeader = req.headers[CLIENT_HEADER];
    const clientId = typeof clientHeader === 'string' ? clientHeader : undefined;
    const route = routeOf(req.url ?? '/');
    const entry: OpenRequest = {
      clientId,
      route,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      startedAt: Date.now(),
      socket: req.socket,
      forwarded: false,
    };

    if (refused(clientId)) {
      count(down ? 'down' : 'offline', route);
      req.socket.destroy();
      return;
    }
    open.add(entry);
    res.on('close', () => open.delete(entry));

    const { latencyMs, outcome } = decide();
    const proceed = () => {
      if (req.socket.destroyed) return;
      if (refused(clientId)) {
        count(down ? 'down' : 'offline', route);
        req.socket.destroy();
        return;
      }
      count(outcome, route);
      if (outcome === 'resetBefore') {
        req.socket.destroy();
        return;
      }
      if (outcome === 'error500' || outcome === 'error502' || outcome === 'error503') {
        req.resume();
        const status = Number(outcome.slice(5));
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'chaos', reason: `injected ${status}` }));
        return;
      }
      forward(req, res, entry, outcome);
    };
    if (latencyMs > 0) setTimeout(proceed, latencyMs);
    else proceed();
  });

  function forward(req: http.IncomingMessage, res: http.ServerResponse, entry: OpenRequest, outcome: FaultKind): void {
    const upstream = http.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...forwardHeaders(req.headers), host: target.host },
      agent: false,
    });
    entry.forwarded = true;
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      if (!res.headersSent) count('upstreamError', entry.route);
      req.socket.destroy();
    };
    upstream.on('error', fail);
    upstream.on('finish', () => {
      for (const waiter of sentWaiters.splice(0)) {
        if (waiter.route === entry.route) waiter.resolve();
        else sentWaiters.push(waiter);
      }
    });
    // The client went away (a cancelled replication, a cut connection): stop the upstream request too.
    res.on('close', () => {
      entry.forwarded = false;
      if (!upstream.destroyed) upstream.destroy();
    });
    upstream.on('response', (upstreamRes) => {
      if (outcome === 'resetAfter') {
        // The server has answered, so it applied the request; the client never hears of it.
        upstreamRes.resume();
        upstreamRes.on('end', () => req.socket.destroy());
        upstreamRes.on('error', () => req.socket.destroy());
        return;
      }
      if (outcome === 'truncated') {
        const chunks: Uint8Array[] = [];
        upstreamRes.on('data', (chunk: Uint8Array) => chunks.push(chunk));
        upstreamRes.on('error', () => req.socket.destroy());
        upstreamRes.on('end', () => {
          const body = Buffer.concat(chunks);
          res.writeHead(upstreamRes.statusCode ?? 502, forwardHeaders(upstreamRes.headers));
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
        });
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, forwardHeaders(upstreamRes.headers));
      res.flushHeaders();
      pipeline(upstreamRes, res, (error) => {
        if (error) req.socket.destroy();
      });
    });
    pipeline(req, upstream, (error) => {
      if (error) fail();
    });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (down) {
      stats.byKind.down += 1;
      socket.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const cut = (which: (request: OpenRequest) => boolean) => {
    for (const request of open) {
      if (!which(request)) continue;
      stats.connectionsCut += 1;
      request.socket.destroy();
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    setRates(next) {
      rates = { ...rates, ...next };
    },
    setFaults(enabled) {
      faults = enabled;
    },
    setDown(next) {
      down = next;
      if (down) {
        cut(() => true);
        // Idle keep-alive connections too: the server behind them is gone.
        for (const socket of sockets) socket.destroy();
      }
    },
    setOffline(clientId, next) {
      if (next) {
        offline.add(clientId);
        cut((request) => request.clientId === clientId);
      } else {
        offline.delete(clientId);
      }
    },
    inFlight(route) {
      let n = 0;
      for (const request of open) if (request.forwarded && (route === undefined || request.route === route)) n += 1;
      return n;
    },
    nextSent(route) {
      return new Promise<void>((resolve) => sentWaiters.push({ route, resolve }));
    },
    openRequests() {
      return [...open].map(({ clientId, route, method, url, startedAt, forwarded }) => ({
        clientId,
        route,
        method,
        url,
        ageMs: Date.now() - startedAt,
        forwarded,
      }));
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
