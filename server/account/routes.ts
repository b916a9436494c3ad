import { Router } from 'express';
import { clientInfo, currentSession, currentUser, handle, jsonBody, requireUser } from '../auth/routes';
import type { AuthService } from '../auth/service';
import { parseBody, passwordBodySchema } from '../auth/validation';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { AccountService } from './service';

/** GET /api/account/export and DELETE /api/account, for the signed-in user only. */
export function createAccountRouter(options: {
  auth: AuthService;
  account: AccountService;
  limiters: AuthLimiters;
  bodyLimitBytes: number;
  log: (message: string) => void;
}): Router {
  const { auth, account, limiters } = options;
  const router = Router();
  router.use(limiters.ip, ...jsonBody(options.bodyLimitBytes), requireUser(auth), limiters.account);

  router.get('/export', handle(async (_req, res) => {
    const data = await account.export(currentUser(res));
    res.setHeader('Content-Disposition', `attachment; filename="trackruit-export-${data.exportedAt.slice(0, 10)}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json(data);
  }));

  // Re-entering the password (or, without one, a sign-in of the last minutes):
  // a stolen access token alone cannot erase the account.
  router.delete('/', ...limiters.failures, handle(async (req, res) => {
    const session = currentSession(res);
    const { user } = session;
    const { password } = parseBody(passwordBodySchema, req.body);
    await auth.confirmIdentity(session, password);
    await account.delete(user);
    options.log(`Account ${user.id} deleted at its owner's request (${clientInfo(req).ip})`);
    res.status(204).end();
  }));

  return router;
}
