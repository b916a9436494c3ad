import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { HttpError } from '../errors';
import { syncUrlFor } from '../sync/db-name';
import { readBearerToken } from './bearer';
import type { AuthService } from './service';
import { loginBodySchema, parseBody, refreshBodySchema, registerBodySchema } from './validation';

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

// Express 4 does not forward rejected promises to the error handler by itself.
const handle = (fn: AsyncHandler) => (req: Request, res: Response, next: NextFunction) => {
  fn(req, res).catch(next);
};

/** A body that is there but not JSON would otherwise parse as {} and report every field missing. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined
    || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (req.method === 'POST' && hasBody && !req.is('application/json')) {
    next(new HttpError(415, 'unsupported_media_type', 'Send the body as application/json'));
    return;
  }
  next();
}

export function createAuthRouter(options: {
  auth: AuthService;
  bodyLimitBytes: number;
  /** Read per request: tests learn the port only after listening. */
  publicUrl: () => string;
}): Router {
  const { auth } = options;
  const router = Router();
  router.use(requireJsonBody, express.json({ limit: options.bodyLimitBytes }));

  router.post('/register', handle(async (req, res) => {
    const result = await auth.register(parseBody(registerBodySchema, req.body));
    res.status(201).json({ ...result, syncUrl: syncUrlFor(options.publicUrl(), result.user.id) });
  }));

  router.post('/login', handle(async (req, res) => {
    const result = await auth.login(parseBody(loginBodySchema, req.body));
    res.status(200).json({ ...result, syncUrl: syncUrlFor(options.publicUrl(), result.user.id) });
  }));

  router.post('/refresh', handle(async (req, res) => {
    const { refreshToken } = parseBody(refreshBodySchema, req.body);
    res.status(200).json(await auth.refresh(refreshToken));
  }));

  router.get('/me', handle(async (req, res) => {
    const user = await auth.authenticate(readBearerToken(req));
    res.status(200).json({ user, syncUrl: syncUrlFor(options.publicUrl(), user.id) });
  }));

  return router;
}
