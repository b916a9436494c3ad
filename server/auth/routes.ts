import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import { passwordWeakness } from '../../shared/account/password-strength';
import { asyncRoute, HttpError, type AsyncRoute } from '../errors';
import { markCredentialFailure, setAccountKey, type AuthLimiters } from '../rate-limit/limiters';
import type { UserRecord } from '../storage/types';
import { syncUrlFor } from '../sync/db-name';
import { readBearerToken } from './bearer';
import { findDangerousKey } from './dangerous-keys';
import type { AuthenticatedSession, AuthService, ClientInfo } from './service';
import { toPublicUser } from './service';
import {
  changePasswordBodySchema,
  emailOnlyBodySchema,
  loginBodySchema,
  parseBody,
  preferencesPatchBodySchema,
  profileBodySchema,
  refreshBodySchema,
  registerBodySchema,
  resetPasswordBodySchema,
  verifyOtpBodySchema,
} from './validation';

export type SignInEvent =
  | { outcome: 'signed_in'; email: string; userId: string; client: ClientInfo }
  | { outcome: 'failed'; email: string; client: ClientInfo }
  /** The right password for an account an admin disabled. */
  | { outcome: 'refused'; reason: 'account_disabled'; email: string; client: ClientInfo };

/** The async route wrapper, marking a wrong password or code so the back-off limiters count it. */
export const handle = (fn: AsyncRoute): RequestHandler => asyncRoute(fn, (error, res) => {
  if (error instanceof HttpError && (error.code === 'invalid_credentials' || error.code === 'invalid_code')) markCredentialFailure(res);
});

/** A body that is there but not JSON would otherwise parse as {} and report every field missing. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined
    || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (hasBody && !req.is('application/json')) {
    next(new HttpError(415, 'unsupported_media_type', 'Send the body as application/json'));
    return;
  }
  next();
}

/** `__proto__`, `constructor` or `prototype` anywhere in a body: refused before any code sees it. */
function refuseDangerousKeys(req: Request, _res: Response, next: NextFunction): void {
  const key = findDangerousKey(req.body);
  if (key) {
    next(new HttpError(400, 'forbidden_key', `The body contains a forbidden key: ${key}`, { [key]: 'is not allowed' }));
    return;
  }
  next();
}

/** JSON parsing, size limit and key checks shared by the auth and account routers. */
export function jsonBody(bodyLimitBytes: number): RequestHandler[] {
  return [requireJsonBody, express.json({ limit: bodyLimitBytes }), refuseDangerousKeys];
}

export function clientInfo(req: Request): ClientInfo {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? '' };
}

/** Verifies the bearer token, keeps the user (and their sign-in time) in res.locals, and keys per-account limits by them. */
export function requireUser(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    auth.authenticateSession(readBearerToken(req)).then((session) => {
      res.locals.user = session.user;
      res.locals.authTimeMs = session.authTimeMs;
      res.locals.amr = session.amr;
      setAccountKey(res, session.user.id);
      next();
    }, next);
  };
}

export const currentUser = (res: Response): UserRecord => res.locals.user as UserRecord;
export const currentSession = (res: Response): AuthenticatedSession => ({ user: currentUser(res), authTimeMs: res.locals.authTimeMs as number, amr: res.locals.amr as string[] });

/** The one answer register, resend-otp and forgot-password give, whatever the email. */
const VERIFICATION_SENT = 'If this address can receive a code, one is on its way. It is valid for 10 minutes.';

export function createAuthRouter(options: {
  auth: AuthService;
  limiters: AuthLimiters;
  bodyLimitBytes: number;
  /** Read per request: tests learn the port only after listening. */
  publicUrl: () => string;
  /** Told of every password sign-in, successful or not (the audit log); never given the password. */
  onSignIn?: (event: SignInEvent) => Promise<void>;
}): Router {
  const { auth, limiters } = options;
  const router = Router();
  const signedIn = requireUser(auth);
  router.use(limiters.ip, ...jsonBody(options.bodyLimitBytes));

  router.post('/register', limiters.account, limiters.mail, handle(async (req, res) => {
    const input = parseBody(registerBodySchema, req.body);
    await auth.register(input);
    res.status(202).json({ verificationRequired: true, email: input.email, message: VERIFICATION_SENT });
  }));

  router.post('/verify-otp', limiters.account, ...limiters.failures, handle(async (req, res) => {
    const session = await auth.verifyOtp(parseBody(verifyOtpBodySchema, req.body), clientInfo(req));
    res.status(200).json({ ...session, syncUrl: syncUrlFor(options.publicUrl(), session.user.id) });
  }));

  router.post('/resend-otp', limiters.account, limiters.mail, handle(async (req, res) => {
    const input = parseBody(emailOnlyBodySchema, req.body);
    await auth.resendOtp(input);
    res.status(202).json({ verificationRequired: true, email: input.email, message: VERIFICATION_SENT });
  }));

  router.post('/login', limiters.account, ...limiters.failures, handle(async (req, res) => {
    const input = parseBody(loginBodySchema, req.body);
    const client = clientInfo(req);
    let session;
    try {
      session = await auth.login(input, client);
    } catch (error) {
      if (error instanceof HttpError && error.code === 'invalid_credentials') await options.onSignIn?.({ outcome: 'failed', email: input.email, client });
      if (error instanceof HttpError && error.code === 'account_disabled') await options.onSignIn?.({ outcome: 'refused', reason: 'account_disabled', email: input.email, client });
      throw error;
    }
    await options.onSignIn?.({ outcome: 'signed_in', email: session.user.email, userId: session.user.id, client });
    res.status(200).json({ ...session, syncUrl: syncUrlFor(options.publicUrl(), session.user.id) });
  }));

  router.post('/forgot-password', limiters.account, limiters.mail, handle(async (req, res) => {
    const input = parseBody(emailOnlyBodySchema, req.body);
    await auth.forgotPassword(input);
    res.status(202).json({ email: input.email, message: 'If this address has an account, a reset code is on its way. It is valid for 10 minutes.' });
  }));

  router.post('/reset-password', limiters.account, ...limiters.resetFailures, handle(async (req, res) => {
    await auth.resetPassword(parseBody(resetPasswordBodySchema, req.body), clientInfo(req));
    res.status(200).json({ passwordReset: true, message: 'Your password is changed and every device is signed out. Sign in with the new password.' });
  }));

  router.post('/refresh', handle(async (req, res) => {
    const { refreshToken } = parseBody(refreshBodySchema, req.body);
    res.status(200).json(await auth.refresh(refreshToken));
  }));

  router.post('/logout', handle(async (req, res) => {
    const { refreshToken } = parseBody(refreshBodySchema, req.body);
    await auth.logout(refreshToken);
    res.status(204).end();
  }));

  router.get('/me', signedIn, limiters.account, handle(async (_req, res) => {
    const user = currentUser(res);
    res.status(200).json({ user: toPublicUser(user), syncUrl: syncUrlFor(options.publicUrl(), user.id) });
  }));

  router.patch('/profile', signedIn, limiters.account, handle(async (req, res) => {
    const patch = parseBody(profileBodySchema, req.body);
    res.status(200).json({ user: await auth.updateProfile(currentUser(res), patch) });
  }));

  router.patch('/preferences', signedIn, limiters.account, handle(async (req, res) => {
    const { preferences } = parseBody(preferencesPatchBodySchema, req.body);
    res.status(200).json({ user: await auth.updatePreferences(currentUser(res), preferences) });
  }));

  router.post('/change-password', signedIn, limiters.account, ...limiters.failures, handle(async (req, res) => {
    const session = currentSession(res);
    const input = parseBody(changePasswordBodySchema, req.body);
    const weakness = passwordWeakness(input.newPassword, session.user.email);
    if (weakness) throw new HttpError(400, 'validation_failed', 'Invalid newPassword', { newPassword: weakness });
    res.status(200).json(await auth.changePassword(session, input, clientInfo(req)));
  }));

  router.post('/logout-all', signedIn, limiters.account, handle(async (_req, res) => {
    await auth.logoutAll(currentUser(res));
    res.status(204).end();
  }));

  return router;
}
