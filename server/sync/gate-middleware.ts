import express, { type Request, type RequestHandler, type Response } from 'express';
import { readBearerToken } from '../auth/bearer';
import type { TokenService } from '../auth/tokens';
import { errorBody } from '../errors';
import { checkSyncBody, routeHasBody } from './bodies';
import { resumesDbName } from '../../shared/resume/doc/sync-url';
import { userDbName } from './db-name';
import { decideSyncRequest, type SyncAllowed, type SyncRoute } from './gate';
import type { DatabaseLease, SyncDatabases } from '../storage/types';
import type { QuotaUsage } from './admit-writes';
import { DEFAULT_LONGPOLL_TIMEOUT_MS, serveAllDocs, serveBulkDocs, serveBulkGet, serveChanges, type HandlerContext } from './handlers';
import type { SyncLimits } from './limits';
import { putLocalDoc } from './local-docs';
import { LongpollCounter, TOO_MANY_LONGPOLLS } from './longpolls';

/**
 * Everything under /db passes here before express-pouchdb: bearer token,
 * route decision, body parse and validation. The body is parsed here with the
 * sync limit; body-parser marks the request (`req._body`), so express-pouchdb's
 * own parser, which would accept up to 4 GiB, skips it and uses `req.body`.
 */

interface GatedRequest extends Request {
  syncDecision?: SyncAllowed;
  syncUserId?: string;
}

const COUCH_ERROR_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  413: 'too_large',
  415: 'bad_content_type',
  429: 'too_many_requests',
};

/**
 * The server's error shape plus CouchDB's string `name`/`reason`. PouchDB
 * copies the body's `error` into `err.name` unless the body has a `name`; an
 * object there crashes its replicator (an unhandled TypeError instead of a
 * rejected replication). With `forbidden`/`unauthorized` PouchDB also stops
 * instead of retrying a request that can never succeed.
 */
export function sendSyncError(res: Response, status: number, code: string, message: string, extra: object = {}): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="trackruit-sync"');
  res.status(status).json({ ...errorBody(code, message), name: COUCH_ERROR_NAMES[status] ?? 'error', reason: message, ...extra });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Body-parser failures, in the sync error shape. */
function parseFailure(error: unknown): { status: number; code: string; message: string } {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: 'Request body is larger than the sync limit' };
  if (type === 'entity.parse.failed') return { status: 400, code: 'malformed_json', message: 'Request body is not valid JSON' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, code: 'unsupported_encoding', message: 'Unsupported body encoding or charset' };
  }
  return { status: 400, code: 'bad_request', message: 'The request body could not be read' };
}

/** Reads whose answers can be large: built row by row here, or streamed when the storage pages them itself. */
const STREAMED_ROUTES: ReadonlySet<SyncRoute> = new Set(['changes', 'all_docs', 'bulk_get']);

export interface SyncGateOptions {
  tokens: TokenService;
  syncBodyLimitBytes: number;
  /**
   * Creates a database the server owns but has not made yet: a user's resumes
   * database comes into being on its first request, so accounts made before
   * resumes existed need nothing done to them.
   */
  ensureDatabase?: (name: string) => Promise<void>;
  /** The user databases: leased per request, so an idle handle is never closed under one. */
  databases: SyncDatabases;
  limits: SyncLimits;
  /** Per-user request limit, run once the token is verified (`res.locals.accountKey` is set). */
  rateLimit?: RequestHandler;
}

/** Documents and bytes across the user's databases (jobs and resumes share one quota). */
export async function quotaUsage(databases: SyncDatabases, userId: string): Promise<QuotaUsage> {
  const candidates = [userDbName(userId), resumesDbName(userDbName(userId))];
  const present = await Promise.all(candidates.map((name) => databases.exists(name)));
  const names = candidates.filter((_name, i) => present[i]);
  let documents = 0;
  let storedBytes = 0;
  for (const name of names) {
    documents += await databases.documentCount(name);
    storedBytes += await databases.storedBytes(name);
  }
  return { documents, storedBytes };
}

export function createSyncGate(options: SyncGateOptions): RequestHandler[] {
  const ensured = new Set<string>();
  // Any content type: a multipart body would otherwise skip the JSON parser and
  // reach express-pouchdb's multipart attachment handling.
  const parseJson = express.json({ limit: options.syncBodyLimitBytes, type: () => true, strict: true });

  const authorizeAndRoute: RequestHandler = (req: GatedRequest, res, next) => {
    const token = readBearerToken(req);
    if (!token) {
      sendSyncError(res, 401, 'missing_token', 'An Authorization: Bearer <access token> header is required');
      return;
    }
    const userId = options.tokens.verifyAccessToken(token);
    if (!userId) {
      sendSyncError(res, 401, 'invalid_token', 'Access token is invalid or expired');
      return;
    }
    const decision = decideSyncRequest({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, unknown>,
      dbName: userDbName(userId),
    });
    if (!decision.allow) {
      sendSyncError(res, decision.status, decision.code, decision.reason);
      return;
    }
    // express-pouchdb passes req.query straight into PouchDB calls: hand it only what was checked.
    req.query = decision.query;
    req.syncDecision = decision;
    req.syncUserId = userId;
    res.locals.accountKey = `user:${userId}`;
    const name = resumesDbName(userDbName(userId));
    if (decision.database !== 'resumes' || !options.ensureDatabase || ensured.has(name)) {
      next();
      return;
    }
    options.ensureDatabase(name).then(
      () => {
        ensured.add(name);
        next();
      },
      (error: unknown) => next(error),
    );
  };

  const parseBody: RequestHandler = (req: GatedRequest, res, next) => {
    const decision = req.syncDecision;
    if (!decision) {
      next();
      return;
    }
    if (!routeHasBody(decision.route, req.method)) {
      // express-pouchdb would parse a GET _all_docs body itself, with its 4 GiB limit,
      // and merge it into the query options this gate has just checked.
      if (hasBody(req)) {
        sendSyncError(res, 400, 'unexpected_body', `${req.method} requests on this route take no body`);
        return;
      }
      next();
      return;
    }
    parseJson(req, res, (error?: unknown) => {
      if (error) {
        const failure = parseFailure(error);
        sendSyncError(res, failure.status, failure.code, failure.message);
        return;
      }
      next();
    });
  };

  const validateBody: RequestHandler = (req: GatedRequest, res, next) => {
    const decision = req.syncDecision;
    if (!decision || !routeHasBody(decision.route, req.method)) {
      next();
      return;
    }
    const problem = checkSyncBody(decision.route, req.body, decision.localId, decision.database);
    if (!problem) {
      next();
      return;
    }
    sendSyncError(res, problem.status, problem.code, problem.message, problem.docs ? { docs: problem.docs } : {});
  };

  const longpolls = new LongpollCounter(options.limits.maxLongpolls);
  const { databases, limits } = options;

  /**
   * A read the database server pages itself, checked like any other (the
   * decision capped its limits) and handed to the storage's handler, which
   * streams the answer. A longpoll still takes one of the user's places here,
   * and gets the gate's timeout when the client named none.
   */
  const passStreamed = (req: GatedRequest, res: Response, next: (error?: unknown) => void, decision: SyncAllowed, userId: string) => {
    if (decision.route === 'changes' && decision.query.feed === 'longpoll') {
      const release = longpolls.take(userId);
      if (!release) {
        sendSyncError(res, 429, 'too_many_longpolls', TOO_MANY_LONGPOLLS(limits.maxLongpolls));
        return;
      }
      res.once('close', release);
      decision.query.timeout ??= String(DEFAULT_LONGPOLL_TIMEOUT_MS);
      req.query = decision.query;
    }
    next();
  };

  /**
   * The database is leased for the whole request, express-pouchdb's routes
   * included. The routes that need bounds express-pouchdb cannot give are
   * answered here; the rest (info, _revs_diff, reading a checkpoint) go on.
   */
  const serve: RequestHandler = (req: GatedRequest, res, next) => {
    const decision = req.syncDecision;
    const userId = req.syncUserId;
    if (!decision || userId === undefined) {
      next();
      return;
    }
    const dbName = decision.database === 'jobs' ? userDbName(userId) : resumesDbName(userDbName(userId));
    let held: DatabaseLease | undefined;
    const release = () => held?.release();
    res.once('finish', release);
    res.once('close', release);
    const fail = (error: unknown) => {
      if (res.headersSent) res.end();
      else next(error);
    };
    databases.lease(dbName).then(async (lease) => {
      held = lease;
      if (res.writableEnded || res.destroyed) {
        lease.release();
        return;
      }
      if (databases.readsStreamed && STREAMED_ROUTES.has(decision.route)) {
        passStreamed(req, res, next, decision, userId);
        return;
      }
      const context: HandlerContext = { req, res, decision, held: lease, limits, sendError: sendSyncError };
      switch (decision.route) {
        case 'changes':
          return serveChanges(context, longpolls, userId);
        case 'all_docs':
          return serveAllDocs(context);
        case 'bulk_get':
          return serveBulkGet(context);
        case 'bulk_docs':
          return serveBulkDocs(context, () => quotaUsage(databases, userId), (count, addedBytes, addedDocuments) => databases.noteWrites(dbName, count, addedBytes, addedDocuments));
        case 'local_put':
          return putLocalDoc(res, sendSyncError, dbName, lease.db, decision.localId ?? '', req.body as Record<string, unknown>, limits.maxLocalDocuments);
        default:
          next();
      }
    }).catch(fail);
  };

  return [authorizeAndRoute, ...(options.rateLimit ? [options.rateLimit] : []), parseBody, validateBody, serve];
}
