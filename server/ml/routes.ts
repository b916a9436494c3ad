import { Router } from 'express';
import { requireUser } from '../auth/routes';
import type { AuthService } from '../auth/service';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { MlEngine } from './engine';
import { addMlRoutes } from './handlers';

/**
 * /api/ml for signed-in clients: match, ATS check, interview odds,
 * recommendations and resume feedback (handlers.ts), rate-limited per user.
 */

export function createMlRouter(options: { auth: AuthService; engine: MlEngine; limiters: AuthLimiters; bodyLimitBytes: number }): Router {
  const { auth, engine, limiters } = options;
  const router = Router();
  // The token and the per-user limit come before the body is read, so neither an
  // anonymous client nor one over its limit makes the server parse a large body.
  // No per-IP limit, as for /db, /api/files and the REST API: the auth routes' IP
  // budget would run out while a person scores their jobs (everyone behind one
  // campus address shares it), and would then refuse their sign-in.
  router.use(requireUser(auth), limiters.ml);
  addMlRoutes(router, engine, options.bodyLimitBytes);
  return router;
}
