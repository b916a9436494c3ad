import { Router, type Request } from 'express';
import { z } from 'zod';
import { roleAssignmentSchema } from '../../shared/admin/permissions';
import { InvalidCursorError, userQuerySchema } from '../../shared/admin/user-directory';
import { currentUser, handle, jsonBody, requireUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import { NAME_MAX, parseBody } from '../auth/validation';
import type { AuditLog } from '../audit/log';
import { HttpError } from '../errors';
import type { AuthLimiters } from '../rate-limit/limiters';
import { adminAccess } from './access';
import type { RoleService } from './roles';
import type { UsersService } from './users-service';

export { requirePermission } from './access';

/**
 * /api/users, the seed's admin routes. Each route names the permission it
 * needs and is refused without it, whatever the client shows, and every one
 * needs an admin session (a token from a second-factor check, access.ts).
 */

const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a user id');

export const patchBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(NAME_MAX, `must be at most ${NAME_MAX} characters`).optional(),
  emailVerified: z.literal(true, { error: 'can only be set to true (an address cannot be un-verified)' }).optional(),
  disabled: z.boolean().optional(),
});

function parseId(req: Request): string {
  const id = userIdSchema.safeParse(req.params.id);
  if (!id.success) throw new HttpError(400, 'validation_failed', 'Invalid user id', { id: 'must be a user id' });
  return id.data;
}

function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'query', issue.message]));
  throw new HttpError(400, 'validation_failed', `Invalid query: ${Object.keys(fields).join(', ')}`, fields);
}

export function createUsersRouter(options: {
  auth: AuthService;
  roles: RoleService;
  users: UsersService;
  audit: AuditLog;
  secondFactor: Pick<SecondFactorService, 'isEnrolled'>;
  limiters: AuthLimiters;
  bodyLimitBytes: number;
}): Router {
  const { auth, roles, users, audit, limiters, secondFactor } = options;
  const router = Router();
  // The per-IP limit only: the per-account one (60 requests in 15 minutes) suits sign-in forms, not a
  // console paging through users; every request here already carries a second-factor token.
  router.use(limiters.ip, ...jsonBody(options.bodyLimitBytes), requireUser(auth));

  router.get('/', ...adminAccess('users:read', secondFactor), handle(async (req, res) => {
    const query = parseQuery(userQuerySchema, req.query);
    try {
      res.status(200).json(users.list(query));
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'validation_failed', error.message, { cursor: 'is not a cursor of this listing' });
      throw error;
    }
  }));

  router.get('/stats', ...adminAccess('users:read', secondFactor), handle(async (_req, res) => {
    res.status(200).json(users.stats());
  }));

  router.get('/dashboard', ...adminAccess('users:read', secondFactor), handle(async (_req, res) => {
    const actor = currentUser(res);
    const canReadAudit = actor.role === 'owner' || actor.permissions.includes('audit:read');
    res.status(200).json({
      stats: users.stats(),
      newestUsers: users.list(userQuerySchema.parse({ sort: 'created', limit: '10' })).users,
      // Only for those who may read the audit log anyway.
      recentActivity: canReadAudit ? (await audit.query({}, { limit: 10 })).entries : null,
    });
  }));

  router.get('/:id', ...adminAccess('users:read', secondFactor), handle(async (req, res) => {
    res.status(200).json(await users.detail(parseId(req)));
  }));

  // users:manage is the least any change needs; each field's own rule is checked by the service.
  router.put('/:id', ...adminAccess('users:manage', secondFactor), handle(async (req, res) => {
    const id = parseId(req);
    const patch = parseBody(patchBodySchema, req.body);
    res.status(200).json({ user: await users.update(currentUser(res), id, patch) });
  }));

  router.delete('/:id', ...adminAccess('users:delete', secondFactor), handle(async (req, res) => {
    await users.remove(currentUser(res), parseId(req));
    res.status(204).end();
  }));

  router.post('/:id/sign-out-everywhere', ...adminAccess('users:manage', secondFactor), handle(async (req, res) => {
    await users.signOutEverywhere(currentUser(res), parseId(req));
    res.status(204).end();
  }));

  router.post('/:id/password-reset', ...adminAccess('users:manage', secondFactor), handle(async (req, res) => {
    await users.sendPasswordReset(currentUser(res), parseId(req));
    res.status(202).json({ sent: true, message: 'A password reset code is on its way to the account\'s address.' });
  }));

  router.post('/:id/second-factor/reset', ...adminAccess('users:manage', secondFactor), handle(async (req, res) => {
    await users.resetSecondFactor(currentUser(res), parseId(req));
    res.status(204).end();
  }));

  router.put('/:id/role', ...adminAccess('roles:manage', secondFactor), handle(async (req, res) => {
    const id = parseId(req);
    const next = parseBody(roleAssignmentSchema, req.body);
    const updated = await roles.change(currentUser(res), id, next);
    res.status(200).json({ user: { id: updated.id, email: updated.email, role: updated.role, permissions: updated.permissions } });
  }));

  return router;
}
