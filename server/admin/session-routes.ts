import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { effectivePermissions } from '../../shared/admin/permissions';
import type { AuditLog } from '../audit/log';
import { currentSession, currentUser, handle, jsonBody, requireUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import type { TokenService } from '../auth/tokens';
import { parseBody } from '../auth/validation';
import { HttpError } from '../errors';
import { markCredentialFailure, type AuthLimiters } from '../rate-limit/limiters';
import type { UserRecord } from '../storage/types';

/**
 * /api/admin: an admin's second factor and admin session. A password
 * sign-in gives every account the same user token; an admin or owner trades
 * it, with a TOTP code, for an access token carrying `amr: totp`, the only
 * kind admin routes accept. Until their factor is set up, these routes are
 * all an admin can reach.
 */

const totpCode = z.string().trim().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app');
const enrolBodySchema = z.strictObject({ password: z.string().min(1).max(1024).optional() });
const confirmBodySchema = z.strictObject({ code: totpCode });
const sessionBodySchema = z.union([
  z.strictObject({ code: totpCode }),
  z.strictObject({ recoveryCode: z.string().trim().min(10).max(20) }),
], { error: 'send either code (6 digits) or recoveryCode' });

const requireAdminRole: RequestHandler = (_req, res, next) => {
  if (currentUser(res).role === 'user') next(new HttpError(403, 'missing_permission', 'Only admins and owners have a second factor here'));
  else next();
};

export function createAdminSessionRouter(options: {
  auth: AuthService;
  tokens: TokenService;
  secondFactor: SecondFactorService;
  audit: AuditLog;
  limiters: AuthLimiters;
  bodyLimitBytes: number;
  accessTokenTtlSeconds: number;
}): Router {
  const { auth, tokens, secondFactor, audit, limiters } = options;
  const router = Router();
  router.use(limiters.ip, ...jsonBody(options.bodyLimitBytes), requireUser(auth), limiters.account, requireAdminRole);

  const actorOf = (user: UserRecord) => ({ type: 'user' as const, id: user.id, email: user.email });

  function adminToken(user: UserRecord, authTimeMs: number): { accessToken: string; expiresInSeconds: number } {
    return { accessToken: tokens.signAccessToken(user.id, authTimeMs || Date.now(), user.passwordHash ? ['pwd', 'totp'] : ['totp']), expiresInSeconds: options.accessTokenTtlSeconds };
  }

  /**
   * A wrong or replayed code is written to the audit log and counted by the failure limiter
   * (handle marks invalid_code; a replay counts too, so it cannot serve as a free oracle).
   */
  async function audited<T>(res: Response, user: UserRecord, step: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HttpError && (error.code === 'invalid_code' || error.code === 'code_reused')) {
        markCredentialFailure(res);
        await audit.append({ action: 'second_factor.failed', actor: actorOf(user), details: { step, reason: error.code } });
      }
      throw error;
    }
  }

  // Who the console is signed in as: its menu offers only the pages these permissions open.
  router.get('/me', handle(async (_req, res) => {
    const user = currentUser(res);
    res.status(200).json({ user: { id: user.id, email: user.email, name: user.name, role: user.role, permissions: effectivePermissions(user) } });
  }));

  router.get('/second-factor', handle(async (_req, res) => {
    res.status(200).json(await secondFactor.status(currentUser(res).id));
  }));

  // Whoever holds a stolen user token must not bind their own authenticator: the password first.
  router.post('/second-factor/enrol', ...limiters.failures, handle(async (req, res) => {
    const session = currentSession(res);
    const { password } = parseBody(enrolBodySchema, req.body);
    await auth.confirmIdentity(session, password);
    const started = await secondFactor.startEnrolment(session.user);
    await audit.append({ action: 'second_factor.enrolment_started', actor: actorOf(session.user) });
    res.status(200).json(started);
  }));

  router.post('/second-factor/confirm', ...limiters.failures, handle(async (req, res) => {
    const session = currentSession(res);
    const { code } = parseBody(confirmBodySchema, req.body);
    const recoveryCodes = await audited(res, session.user, 'confirm', () => secondFactor.confirmEnrolment(session.user, code));
    await audit.append({ action: 'second_factor.enrolled', actor: actorOf(session.user) });
    res.status(200).json({ recoveryCodes, ...adminToken(session.user, session.authTimeMs) });
  }));

  router.post('/session', ...limiters.failures, handle(async (req, res) => {
    const session = currentSession(res);
    const proof = parseBody(sessionBodySchema, req.body);
    const checked = await audited(res, session.user, 'session', () => secondFactor.verify(session.user, proof));
    await audit.append({ action: 'admin.session_started', actor: actorOf(session.user), details: { method: checked.method, recoveryLeft: checked.recoveryCodesLeft } });
    res.status(200).json({ ...adminToken(session.user, session.authTimeMs), recoveryCodesLeft: checked.recoveryCodesLeft });
  }));

  return router;
}
