import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { readBearerToken } from '../auth/bearer';
import type { TokenService } from '../auth/tokens';
import { errorBody, sendError } from '../errors';
import { checkSyncBody, routeHasBody } from './bodies';
import { userDbName } from './db-name';
import { decideSyncRequest, type SyncAllowed } from './gate';

/**
 * Everything under /db passes here before express-pouchdb: bearer token,
 * route decision, body parse and validation. The body is parsed here with the
 * sync limit; body-parser marks the request (`req._body`), so express-pouchdb's
 * own parser, which would accept up to 4 GiB, skips it and uses `req.body`.
 */

interface GatedRequest extends Request {
  syncDecision?: SyncAllowed;
}

function unauthorized(res: Response, code: string, message: string): void {
  res.setHeader('WWW-Authenticate', 'Bearer realm="trackruit-sync"');
  sendError(res, 401, code, message);
}

export function createSyncGate(options: { tokens: TokenService; syncBodyLimitBytes: number }): RequestHandler[] {
  // Any content type: a multipart body would otherwise skip the JSON parser and
  // reach express-pouchdb's multipart attachment handling.
  const parseJson = express.json({ limit: options.syncBodyLimitBytes, type: () => true, strict: true });

  const authorizeAndRoute: RequestHandler = (req: GatedRequest, res, next) => {
    const token = readBearerToken(req);
    if (!token) {
      unauthorized(res, 'missing_token', 'An Authorization: Bearer <access token> header is required');
      return;
    }
    const userId = options.tokens.verifyAccessToken(token);
    if (!userId) {
      unauthorized(res, 'invalid_token', 'Access token is invalid or expired');
      return;
    }
    const decision = decideSyncRequest({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, unknown>,
      dbName: userDbName(userId),
    });
    if (!decision.allow) {
      sendError(res, decision.status, decision.code, decision.reason);
      return;
    }
    // express-pouchdb passes req.query straight into PouchDB calls: hand it only what was checked.
    req.query = decision.query;
    req.syncDecision = decision;
    next();
  };

  const parseBody: RequestHandler = (req: GatedRequest, res, next) => {
    const decision = req.syncDecision;
    if (!decision || !routeHasBody(decision.route, req.method)) {
      next();
      return;
    }
    parseJson(req, res, (error?: unknown) => {
      if (error) {
        next(error); // mapped to 413 / 400 JSON by the app's error handler
        return;
      }
      next();
    });
  };

  const validateBody: RequestHandler = (req: GatedRequest, res, next: NextFunction) => {
    const decision = req.syncDecision;
    if (!decision || !routeHasBody(decision.route, req.method)) {
      next();
      return;
    }
    const problem = checkSyncBody(decision.route, req.body, decision.localId);
    if (!problem) {
      next();
      return;
    }
    const body = errorBody(problem.code, problem.message);
    res.status(problem.status).json(problem.docs ? { ...body, docs: problem.docs } : body);
  };

  return [authorizeAndRoute, parseBody, validateBody];
}
