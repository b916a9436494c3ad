import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { buildOpenApiDocument } from './document';
import { SERVED_PAGE_CSP } from '../served-page-csp';

/**
 * GET /api/openapi.json (the document) and GET /api/docs (Swagger UI reading
 * it). The page's script and styles come from the swagger-ui-dist package,
 * served from here: no CDN. Its CSP replaces the API's `default-src 'none'`
 * for these answers only: scripts, styles and fetches from this server, and
 * images from here or data: URLs (Swagger UI's icons are data: SVGs).
 */

const ASSETS_PATH = '/api/docs/assets';
/** Only what the page loads: the package also holds an index.html with inline script and a demo URL. */
const ASSET_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TrackRuit API</title>
<link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-32x32.png">
<link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;

// No "try it out" against a validator on the internet; requests go to this server only.
const START_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', validatorUrl: null, deepLinking: true });
`;

function swaggerUiDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const withDocsHeaders = (res: Response, cacheControl: string) => res.setHeader('Content-Security-Policy', SERVED_PAGE_CSP).setHeader('Cache-Control', cacheControl);

export function createOpenApiRouter(): Router {
  const router = Router();
  // Built once: the routes do not change while the server runs.
  const document = JSON.stringify(buildOpenApiDocument());
  const assetsDir = swaggerUiDir();

  router.get('/api/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache').type('application/json').send(document);
  });
  router.get('/api/docs', (_req, res) => {
    withDocsHeaders(res, 'no-cache').type('html').send(PAGE);
  });
  router.get('/api/docs/start.js', (_req, res) => {
    withDocsHeaders(res, 'no-cache').type('text/javascript').send(START_SCRIPT);
  });
  router.use(ASSETS_PATH, (req, _res, next) => {
    // Anything else under the package (its demo index.html) is not ours to serve: the 404 handler answers.
    if (ASSET_FILES.has(req.path.slice(1))) next();
    else next('router');
  }, express.static(assetsDir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (res) => withDocsHeaders(res, 'public, max-age=3600'),
  }));
  return router;
}
