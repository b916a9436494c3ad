import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { sendError } from '../errors';
import { SERVED_PAGE_CSP } from '../served-page-csp';

/**
 * /admin: the built admin console (console/, built by `npm run build:console`)
 * as static files. Its own Content-Security-Policy replaces the API's
 * `default-src 'none'`: scripts, styles and fetches from this server only (no
 * inline script, no CDN), and images from here or data: URLs (the second
 * factor's QR code arrives as one).
 */

const setConsoleHeaders = (res: Response, filePath: string) => {
  res.setHeader('Content-Security-Policy', SERVED_PAGE_CSP);
  // Vite names every asset by its content's hash: it never changes under the same name. The page that names them must be fresh.
  res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
};

export function createConsoleRouter(consoleDir: string): Router {
  const router = Router();
  // Checked per request: a server started before the build serves it once it is there.
  router.use((req, res, next) => {
    if (existsSync(path.join(consoleDir, 'index.html'))) {
      next();
      return;
    }
    sendError(res, 503, 'console_not_built', 'The admin console is not built: run `npm run build:console` (npm start does it).');
  });
  // /admin must end in a slash so the page's relative asset paths resolve under it.
  router.get('/', (req, res, next) => {
    if (req.originalUrl.split('?')[0] === '/admin') res.redirect(301, '/admin/');
    else next();
  });
  router.use(express.static(consoleDir, { index: 'index.html', redirect: false, dotfiles: 'ignore', setHeaders: setConsoleHeaders }));
  return router;
}
