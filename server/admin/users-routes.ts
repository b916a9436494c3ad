import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { hasPermission, roleAssignmentSchema, type AdminPermission } from '../../shared/admin/permissions';
import { currentUser, handle, jsonBody, requireUser } from '../auth/routes';
import type { AuthService } from '../auth/service';
import { parseBody } from '../auth/validation';
import { HttpError } from '../errors';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { RoleService } from './roles';

/**
 * /api/users, the seed's admin routes. Each route names the permission it
 * needs and is refused without it, whatever the client shows. Only
 * PUT /:id/role exists so far (issue 16).
 */

/** 403 unless the signed-in account holds `permission` (an owner holds every one). */
export function requirePermission(permission: AdminPermission): RequestHandler {
  return (_req, res, next) => {
    if (hasPermission(currentUser(res), permission)) next();
    else next(new HttpError(403, 'missing_permission', `This needs the ${permission} permission`));
  };
}

const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a user id');

export function createUsersRouter(options: { auth: AuthService; roles: RoleService; limiters: AuthLimiters; bodyLimitBytes: number }): Router {
  const { auth, roles, limiters } = options;
  const router = Router();
  router.use(limiters.ip, ...jsonBody(options.bodyLimitBytes), requireUser(auth), limiters.account);

  router.put('/:id/role', requirePermission('roles:manage'), handle(async (req, res) => {
    const id = userIdSchema.safeParse(req.params.id);
    if (!id.success) throw new HttpError(400, 'validation_failed', 'Invalid user id', { id: 'must be a user id' });
    const next = parseBody(roleAssignmentSchema, req.body);
    const updated = await roles.change(currentUser(res), id.data, next);
    res.status(200).json({ user: { id: updated.id, email: updated.email, role: updated.role, permissions: updated.permissions } });
  }));

  return router;
}
