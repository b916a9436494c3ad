import type { RequestHandler } from 'express';

/**
 * CORS for the extension's service worker and pages (cross-origin, bearer
 * token, no cookies), plus any web origins the operator lists. Mounted before
 * everything, including /db, so replication requests get the same headers and
 * no preflight ever reaches express-pouchdb.
 */

// Chrome ids are 32 letters a-p, Firefox uses a per-install UUID.
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/i;

export const CORS_ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD';
// X-Device-Id, X-Timestamp and X-Signature: the extension's signed requests (server/devices).
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-Device-Id, X-Timestamp, X-Signature';

export function isAllowedOrigin(origin: string, extraOrigins: readonly string[]): boolean {
  return EXTENSION_ORIGIN.test(origin) || extraOrigins.includes(origin);
}

export function corsMiddleware(extraOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && isAllowedOrigin(origin, extraOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
    }
    // Every OPTIONS ends here: allowed origins get the headers above, others
    // get none and the browser blocks the real request.
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
