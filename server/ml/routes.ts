import { Router } from 'express';
import { jsonBody, requireUser } from '../auth/routes';
import type { AuthService } from '../auth/service';
import { parseBody } from '../auth/validation';
import { asyncRoute } from '../errors';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { MlEngine } from './engine';
import { atsBodySchema, interviewBodySchema, matchBodySchema } from './schemas';

/**
 * /api/ml for signed-in clients: match, ATS check and interview odds from the
 * shared engine. Handlers only validate and answer; the work is in engine.ts.
 * Nothing here logs a body: resumes are personal data.
 */

/** Largest /api/ml body: a resume and a job at the engine's cap with room for JSON; BODY_LIMIT_BYTES still applies when lower. */
export const ML_BODY_LIMIT_BYTES = 256 * 1024;

export function createMlRouter(options: { auth: AuthService; engine: MlEngine; limiters: AuthLimiters; bodyLimitBytes: number }): Router {
  const { auth, engine, limiters } = options;
  const router = Router();
  // The token and the per-user limit come before the body is read, so neither an
  // anonymous client nor one over its limit makes the server parse 256 KB.
  router.use(limiters.ip, requireUser(auth), limiters.ml, ...jsonBody(Math.min(options.bodyLimitBytes, ML_BODY_LIMIT_BYTES)));

  router.post('/match', asyncRoute(async (req, res) => {
    const body = parseBody(matchBodySchema(req.body), req.body);
    res.status(200).json(await engine.match(body.resume, body.job));
  }));

  router.post('/ats', asyncRoute(async (req, res) => {
    const body = parseBody(atsBodySchema, req.body);
    res.status(200).json(await engine.ats(body));
  }));

  router.post('/interview', asyncRoute(async (req, res) => {
    const body = parseBody(interviewBodySchema, req.body);
    res.status(200).json(await engine.interview(body.history, body.candidate));
  }));

  return router;
}
