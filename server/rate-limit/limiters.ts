import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { RedisReply } from 'rate-limit-redis';
import { HttpError, sendError } from '../errors';
import { closeRedis, connectRedis, readyWithin, withTimeout } from '../redis/connect';
import { RecoveringRedisStore } from './recovering-redis-store';
import { sendSyncError } from '../sync/gate-middleware';
import type { RateLimitSettings } from './settings';

/**
 * The limiters in front of the auth and account routes. Accounts are keyed
 * by normalised email (or by user id once a bearer token was checked), so a
 * guesser cannot spread attempts over spellings of one address. With a Redis
 * URL every instance counts in the same place.
 *
 * While that Redis is unreachable the server keeps serving: limits on how
 * much a client asks for let requests through (an outage must not stop
 * sync), and the limits that guard credentials and mail refuse with 503
 * (an outage must not open a window for guessing passwords or sending mail
 * in bulk). Either way the answer comes at once, not after a timeout.
 */

export interface AuthLimiters {
  /** Every request, per IP. */
  ip: RequestHandler;
  /** Every request naming an account, per account. */
  account: RequestHandler;
  /** Requests that send mail, per account. */
  mail: RequestHandler;
  /** Failed password/code checks: per IP, then the per-account back-off ladder. */
  failures: RequestHandler[];
  /** The same for password resets, counted apart from sign-in failures. */
  resetFailures: RequestHandler[];
  /**
   * /api/files, per signed-in user: every request, then writes (PUT, DELETE,
   * POST parse). Mount after the bearer token was checked and `res.locals.userId` set.
   */
  files: RequestHandler[];
  /** /db, per signed-in user; mount after the sync gate verified the token and set `res.locals.accountKey`. Answers in the sync error shape. */
  sync: RequestHandler;
  /**
   * /api/extension: `ip` before the device signature gate, `account` once the gate
   * checked the token and set the account key (before the body is read).
   */
  extension: { ip: RequestHandler; account: RequestHandler };
  /** /api/ml, per signed-in user; mount after requireUser set the account key. */
  ml: RequestHandler;
  /** /api/jobs, /api/resumes and /api/analytics, per signed-in user; mount after requireUser set the account key. */
  api: RequestHandler;
  close(): Promise<void>;
}

/** Set by a route when a password or code check failed; only these count towards lock-outs. */
export function markCredentialFailure(res: Response): void {
  res.locals.credentialFailure = true;
}

/** Set once a bearer token was verified, so per-account limits follow the user, not a claim in the body. */
export function setAccountKey(res: Response, userId: string): void {
  res.locals.accountKey = `user:${userId}`;
}

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

function accountKey(req: Request, res: Response): string {
  if (typeof res.locals.accountKey === 'string') return res.locals.accountKey;
  const email = (req.body as { email?: unknown } | undefined)?.email;
  if (typeof email === 'string' && email.trim()) return `email:${email.trim().toLowerCase()}`;
  // Nothing names an account (a malformed body): the request still counts, against its address.
  return `ip:${clientIp(req)}`;
}

/** The files router keeps the token's user in res.locals.userId; without it (never after authentication) the IP counts. */
function fileUserKey(req: Request, res: Response): string {
  const userId: unknown = res.locals.userId;
  return typeof userId === 'string' && userId ? `user:${userId}` : `ip:${clientIp(req)}`;
}

const isFileWrite = (req: Request) => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';

function tooMany(req: Request, res: Response): void {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : undefined;
  if (seconds !== undefined) res.setHeader('Retry-After', String(seconds));
  sendError(res, 429, 'rate_limited', seconds
    ? `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
    : 'Too many attempts. Try again later.');
}

function tooManySyncRequests(req: Request, res: Response): void {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : undefined;
  if (seconds !== undefined) res.setHeader('Retry-After', String(seconds));
  sendSyncError(res, 429, 'rate_limited', seconds
    ? `Too many sync requests from this account. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
    : 'Too many sync requests from this account. Try again later.');
}

/** How long a limiter waits for Redis before treating the count as unavailable. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for Redis before serving without it (and reconnecting meanwhile). */
const REDIS_START_WAIT_MS = 3000;

/**
 * What a Redis-backed limiter does when its count cannot be read: let the
 * request through (`open`) or refuse it with 503. Decided here rather than
 * with express-rate-limit's passOnStoreError, which writes to the console on
 * every request of an outage; the outage is logged once by connectRedis.
 */
function whenCountUnavailable(limiter: RequestHandler, open: boolean): RequestHandler {
  return (req, res, next) => {
    void limiter(req, res, (error?: unknown) => {
      if (error === undefined || error === null || error === 'route' || error === 'router') next(error as undefined);
      else if (open) next();
      else next(new HttpError(503, 'limits_unavailable', 'This is briefly unavailable on the server; try again in a minute.'));
    });
  };
}

export async function createAuthLimiters(settings: RateLimitSettings, redisUrl: string | null, log?: (message: string) => void): Promise<AuthLimiters> {
  const redis = redisUrl ? connectRedis({ url: redisUrl, purpose: 'Rate limits (volume limits let requests through, sign-in and mail limits refuse)', ...(log ? { log } : {}) }) : undefined;
  if (redis) await readyWithin(redis, REDIS_START_WAIT_MS);
  const store = (name: string): Store | undefined => redis
    ? new RecoveringRedisStore({
      prefix: `trackruit:rl:${name}:`,
      sendCommand: (...args: string[]) => withTimeout(redis.sendCommand(args) as Promise<RedisReply>, REDIS_COMMAND_TIMEOUT_MS),
    })
    : undefined;

  const limiter = (name: string, limit: number, windowSeconds: number, key: (req: Request, res: Response) => string, onlyFailures = false, skip?: (req: Request) => boolean, handler = tooMany) => {
    const s = store(name);
    // Credential and mail limits must hold: they refuse when their count is unavailable.
    const guardsCredentialsOrMail = onlyFailures || name === 'mail';
    const middleware = rateLimit({
      ...(skip ? { skip } : {}),
      windowMs: windowSeconds * 1000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: key,
      handler,
      ...(s ? { store: s } : {}),
      ...(onlyFailures ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => res.locals.credentialFailure !== true && res.statusCode !== 429 } : {}),
      // The keys above already use ipKeyGenerator; the proxy check is TRUST_PROXY's job.
      validate: { trustProxy: false, xForwardedForHeader: false },
    });
    return s ? whenCountUnavailable(middleware, !guardsCredentialsOrMail) : middleware;
  };

  const w = settings.windowSeconds;
  return {
    ip: limiter('ip', settings.ipPerWindow, w, clientIp),
    account: limiter('account', settings.accountPerWindow, w, accountKey),
    mail: limiter('mail', settings.mailPerWindow, w, accountKey),
    failures: [
      limiter('ip-failures', settings.ipFailuresPerWindow, w, clientIp, true),
      ...settings.failureSteps.map((step, index) => limiter(`backoff-${index}`, step.failures, step.windowSeconds, accountKey, true)),
    ],
    // Its own ladder: someone guessing passwords at /login must not also lock the owner out of
    // recovering the account (a reset needs the code mailed to them, which guessing cannot reach).
    resetFailures: [
      limiter('ip-reset-failures', settings.ipFailuresPerWindow, w, clientIp, true),
      ...settings.failureSteps.map((step, index) => limiter(`reset-backoff-${index}`, step.failures, step.windowSeconds, accountKey, true)),
    ],
    files: [
      limiter('files', settings.filesPerWindow, w, fileUserKey),
      limiter('file-writes', settings.fileWritesPerWindow, w, fileUserKey, false, (req) => !isFileWrite(req)),
    ],
    sync: limiter('sync', settings.syncPerWindow, w, accountKey, false, undefined, tooManySyncRequests),
    ml: limiter('ml', settings.mlPerWindow, w, accountKey),
    api: limiter('api', settings.apiPerWindow, w, accountKey),
    extension: {
      ip: limiter('extension-ip', settings.extensionIpPerWindow, w, clientIp),
      account: limiter('extension', settings.extensionPerWindow, w, accountKey),
    },
    async close() {
      if (redis) await closeRedis(redis);
    },
  };
}
