import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { readBearerToken } from '../auth/bearer';
import { sendError } from '../errors';
import type { ServerMetrics } from './metrics';

const digest = (value: string): Uint8Array => new Uint8Array(createHash('sha256').update(value).digest());

/**
 * GET /metrics in Prometheus' text format, for a scraper holding METRICS_TOKEN
 * as its bearer token. Without the variable the route does not exist: the
 * figures (routes, traffic, memory) are nobody else's business.
 */
export function metricsRoute(metrics: ServerMetrics, token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return (req, res, next) => {
    if (expected === null) {
      sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
      return;
    }
    const presented = readBearerToken(req);
    // Compared as digests: equal lengths, and the time taken tells nothing about the token.
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      res.set('www-authenticate', 'Bearer realm="metrics"');
      sendError(res, 401, 'unauthorized', 'A valid metrics bearer token is required');
      return;
    }
    metrics.registry.metrics().then((text) => {
      res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(text);
    }, next);
  };
}
