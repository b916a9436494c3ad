import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RouteLabels } from './route-label';
import { syncOperation } from './sync-operation';

export { syncOperation };

/**
 * The server's Prometheus metrics, in a registry of its own (tests run several
 * servers in one process). Labels only ever take a few values: routes are
 * patterns, sync operations a fixed list, never user ids or paths.
 */
export interface ServerMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  inFlight: Gauge;
  syncRequests: Counter<'operation' | 'status'>;
  syncBytes: Counter<'direction'>;
  liveLongpolls: Gauge;
  mail: Counter<'outcome'>;
  ml: Histogram<'kind' | 'engine' | 'outcome'>;
  analytics: Histogram<'report' | 'outcome'>;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'trackruit_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'trackruit_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({ name: 'trackruit_http_request_duration_seconds', help: 'Time from request to the end of the answer', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers }),
    inFlight: new Gauge({ name: 'trackruit_http_requests_in_flight', help: 'Requests being answered now, open longpolls included', registers }),
    syncRequests: new Counter({ name: 'trackruit_sync_requests_total', help: 'Replication requests under /db, by operation and status', labelNames: ['operation', 'status'], registers }),
    syncBytes: new Counter({ name: 'trackruit_sync_bytes_total', help: 'Replication bytes: request bodies received (by their Content-Length), answers sent (headers included)', labelNames: ['direction'], registers }),
    liveLongpolls: new Gauge({ name: 'trackruit_sync_live_changes_feeds', help: 'Open longpoll or continuous _changes feeds: the extensions listening live', registers }),
    mail: new Counter({ name: 'trackruit_mail_messages_total', help: 'Mail handed to SMTP or written to the outbox, and failures', labelNames: ['outcome'], registers }),
    ml: new Histogram({ name: 'trackruit_ml_task_duration_seconds', help: 'ML answers (match, ATS, interview, recommend, feedback) by engine; engine "cache" for cached answers', labelNames: ['kind', 'engine', 'outcome'], buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10], registers }),
    analytics: new Histogram({ name: 'trackruit_analytics_duration_seconds', help: "A user's analytics reports (insights, stats, skill gaps, CSV export)", labelNames: ['report', 'outcome'], buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10], registers }),
  };
}

const LIVE_FEEDS = new Set(['longpoll', 'continuous', 'eventsource']);

/** Counts and times every request; under /db also the operation, the bytes and the live feeds. */
export function metricsMiddleware(metrics: ServerMetrics) {
  const routes = new RouteLabels();
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const sync = req.path === '/db' || req.path.startsWith('/db/');
    // HTTP/1.1 answers one request at a time per connection, so the socket's count of bytes
    // written moved by this answer alone. What is received is read from the socket before
    // this runs (with the headers): the declared length counts it (chunked bodies are not counted).
    const socket = req.socket;
    const writtenBefore = socket.bytesWritten;
    const declaredLength = Number(req.headers['content-length']);
    const live = sync && req.path.endsWith('/_changes') && LIVE_FEEDS.has(String(req.query.feed));
    metrics.inFlight.inc();
    if (live) metrics.liveLongpolls.inc();
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      metrics.inFlight.dec();
      if (live) metrics.liveLongpolls.dec();
      // An answer the client left before its end is 'aborted' even once its headers went out:
      // a proxied longpoll has sent CouchDB's 200 and `{"results":[` long before it is closed.
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      const labels = { method: req.method, route: routes.label(req, res.statusCode), status };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (sync) {
        metrics.syncRequests.inc({ operation: syncOperation(req.path.slice('/db'.length)), status });
        if (Number.isSafeInteger(declaredLength) && declaredLength > 0) metrics.syncBytes.inc({ direction: 'received' }, declaredLength);
        metrics.syncBytes.inc({ direction: 'sent' }, Math.max(0, socket.bytesWritten - writtenBefore));
      }
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}
