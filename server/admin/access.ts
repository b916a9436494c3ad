import type { RequestHandler } from 'express';
import { hasPermission, type AdminPermission } from '../../shared/admin/permissions';
import { currentSession, currentUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import { HttpError } from '../errors';

/**
 * Who may reach an admin route: the signed-in account must hold the
 * permission (an owner holds every one) and present an access token issued
 * right after a second-factor check (`amr` has `totp`, see session-routes.ts).
 * The permission is checked first, so a plain user hears "missing permission"
 * whatever their token.
 */

export function requirePermission(permission: AdminPermission): RequestHandler {
  return (_req, res, next) => {
    if (hasPermission(currentUser(res), permission)) next();
    else next(new HttpError(403, 'missing_permission', `This needs the ${permission} permission`));
  };
}

export const enrolmentRequired = () => new HttpError(403, 'second_factor_enrolment_required',
  'Admin accounts need a second factor: set up an authenticator app (POST /api/admin/second-factor/enrol), then try again.');

export function requireSecondFactor(secondFactor: Pick<SecondFactorService, 'isEnrolled'>): RequestHandler {
  return (_req, res, next) => {
    const session = currentSession(res);
    secondFactor.isEnrolled(session.user.id).then((enrolled) => {
      // Checked even with a `totp` token: an owner may have reset the factor since it was issued.
      if (!enrolled) next(enrolmentRequired());
      else if (!session.amr.includes('totp')) next(new HttpError(403, 'second_factor_required', 'Enter the code from your authenticator app (POST /api/admin/session) to use admin routes.'));
      else next();
    }, next);
  };
}

/** The permission, then the second factor. */
export function adminAccess(permission: AdminPermission, secondFactor: Pick<SecondFactorService, 'isEnrolled'>): RequestHandler[] {
  return [requirePermission(permission), requireSecondFactor(secondFactor)];
}

/** Any admin or owner, whatever their permissions, then the second factor: routes that only show the server's state. */
export function anyAdminAccess(secondFactor: Pick<SecondFactorService, 'isEnrolled'>): RequestHandler[] {
  const requireAdminRole: RequestHandler = (_req, res, next) => {
    if (currentUser(res).role === 'user') next(new HttpError(403, 'missing_permission', 'This needs an admin or owner account'));
    else next();
  };
  return [requireAdminRole, requireSecondFactor(secondFactor)];
}
