import crypto from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { createErrorHandler, HttpError, notFoundHandler } from '../../errors';
import type { MlEngine } from '../engine';
import { addMlRoutes } from '../handlers';
import { ML_SERVICE_PREFIX } from '../paths';

/**
 * The built-in engine as an ML service (`npm run ml-service`): the same five
 * routes as /api/ml, under /ml, behind an X-API-Key instead of a user's
 * token, so operators can run matching on machines apart from sync. The
 * server calls it through ML_SERVICE_URL. GET /health answers without a key
 * (for load balancers) and says nothing but that it is up.
 */

const digest = (s: string): Uint8Array => new Uint8Array(crypto.createHash('sha256').update(s).digest());

/** Compared as digests in constant time: neither the key's length nor its prefix shows in the timing. */
export function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  return (req, _res, next) => {
    const given = req.get('x-api-key');
    if (!given) next(new HttpError(401, 'missing_api_key', 'Send the service key in the X-API-Key header'));
    else if (!crypto.timingSafeEqual(digest(given), expected)) next(new HttpError(401, 'invalid_api_key', 'The X-API-Key is not this service\'s key'));
    else next();
  };
}

export function createMlServiceApp(options: { apiKey: string; engine: MlEngine; bodyLimitBytes: number; log: (message: string, error?: unknown) => void }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const router = Router();
  // The key comes before the body is read: an unknown caller makes the service parse nothing.
  router.use(requireApiKey(options.apiKey));
  addMlRoutes(router, options.engine, options.bodyLimitBytes);
  app.use(ML_SERVICE_PREFIX, router);
  app.use(notFoundHandler);
  app.use(createErrorHandler(options.log));
  return app;
}
