import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { RuleSet } from '../shared/rules';
import type { ServedRules } from './rules/served';

/** Clients ask at most every few hours and revalidate with the ETag; a short max-age keeps fixes quick. */
export const EXTENSION_CONFIG_CACHE_CONTROL = 'public, max-age=300';

interface Rendered {
  rules: RuleSet;
  body: string;
  etag: string;
}

function render(rules: RuleSet): Rendered {
  const body = JSON.stringify({ rules });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { rules, body, etag };
}

/**
 * If-None-Match evaluated as an origin server must (RFC 9110 13.1.2, weak
 * comparison). Express's `req.fresh` also honours a request's
 * `Cache-Control: no-cache`, which fetch adds whenever a caller sets the
 * header itself, and would then never answer 304.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * `GET /config`: the detection rules extensions should use, the highest
 * version of the built-in set, the operator's file and an admin's upload
 * (rules/served.ts). Mounted behind the device-signature gate (server/devices),
 * like every extension route.
 */
export function createExtensionConfigRouter(options: { served: ServedRules }): Router {
  let rendered: Rendered | undefined;
  const router = Router();

  router.get('/config', (req, res, next) => {
    options.served.current().then(({ rules }) => {
      // Rendered once per rule set, not per request: the sources hand back the same object until it changes.
      if (!rendered || rendered.rules !== rules) rendered = render(rules);
      const { etag, body } = rendered;
      res.setHeader('Cache-Control', EXTENSION_CONFIG_CACHE_CONTROL);
      res.setHeader('ETag', etag);
      if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
      res.type('application/json').send(body);
    }, next);
  });

  return router;
}
