import { z } from 'zod';

/**
 * Roles and admin permissions of a TrackRuit server (issue 16), as pure
 * functions so the server, the CLI and a future console decide alike.
 *
 * - user: no admin rights. admin: exactly the permissions granted to it.
 *   owner: every permission, always (stored with an empty list).
 * - Only an owner grants: adding a permission or raising a role needs an owner.
 * - An admin holding `roles:manage` may only take rights away from admins
 *   (never touch an owner), and nobody may raise their own rights.
 * - The last owner cannot stop being one.
 */

export const ROLES = ['user', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** Stable ids: stored on account records and written into the audit log, so never renamed. */
export const ADMIN_PERMISSIONS = [
  'users:read',
  'users:manage',
  'users:delete',
  'roles:manage',
  'analytics:read',
  'audit:read',
  'rules:manage',
  'ml:manage',
] as const;
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];

// Marked pure so a bundle that reads only the rules below (the admin console) leaves zod out.
export const roleSchema = /* @__PURE__ */ z.enum(ROLES);
export const adminPermissionSchema = /* @__PURE__ */ z.enum(ADMIN_PERMISSIONS);

export interface RoleAssignment {
  role: Role;
  /** Meaningful for admins only; users and owners store none. */
  permissions: AdminPermission[];
}

/** A requested role and permission set: permissions only with role admin, no repeats. */
export const roleAssignmentSchema = /* @__PURE__ */ z
  .strictObject({
    role: roleSchema,
    permissions: z.array(adminPermissionSchema).max(ADMIN_PERMISSIONS.length).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.role !== 'admin' && value.permissions.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['permissions'], message: `must be empty for role ${value.role} (${value.role === 'owner' ? 'an owner holds every permission' : 'a user holds none'})` });
    }
    if (new Set(value.permissions).size !== value.permissions.length) {
      ctx.addIssue({ code: 'custom', path: ['permissions'], message: 'must not repeat a permission' });
    }
  });

/**
 * What a stored record says, read leniently: records written before roles
 * existed, or with a value this version does not know, are plain users, and
 * unknown permission ids are dropped rather than trusted.
 */
export function readStoredRole(role: unknown, permissions: unknown): RoleAssignment {
  const parsedRole = roleSchema.safeParse(role);
  const resolved: Role = parsedRole.success ? parsedRole.data : 'user';
  if (resolved !== 'admin' || !Array.isArray(permissions)) return { role: resolved, permissions: [] };
  const known = permissions.filter((entry): entry is AdminPermission => adminPermissionSchema.safeParse(entry).success);
  return { role: resolved, permissions: ADMIN_PERMISSIONS.filter((permission) => known.includes(permission)) };
}

export function effectivePermissions(holder: RoleAssignment): AdminPermission[] {
  if (holder.role === 'owner') return [...ADMIN_PERMISSIONS];
  if (holder.role === 'admin') return ADMIN_PERMISSIONS.filter((permission) => holder.permissions.includes(permission));
  return [];
}

export function hasPermission(holder: RoleAssignment, permission: AdminPermission): boolean {
  return effectivePermissions(holder).includes(permission);
}

const RANK: Record<Role, number> = { user: 0, admin: 1, owner: 2 };

/** True when `next` gives anything `current` did not have: a higher role or one more permission. */
export function isGrant(current: RoleAssignment, next: RoleAssignment): boolean {
  if (RANK[next.role] > RANK[current.role]) return true;
  const had = new Set(effectivePermissions(current));
  return effectivePermissions(next).some((permission) => !had.has(permission));
}

export type RoleChangeRefusal =
  | 'missing_permission'
  | 'only_owner_grants'
  | 'cannot_raise_own'
  | 'cannot_change_owner'
  | 'last_owner';

export type RoleChangeDecision = { allowed: true } | { allowed: false; reason: RoleChangeRefusal; message: string };

export interface RoleChangeRequest {
  actor: { id: string } & RoleAssignment;
  target: { id: string } & RoleAssignment;
  next: RoleAssignment;
  /** Owners on the server now, the target included when it is one. */
  ownerCount: number;
}

const refuse = (reason: RoleChangeRefusal, message: string): RoleChangeDecision => ({ allowed: false, reason, message });

/** Whether `actor` may give `target` the role and permissions `next`; checked in the order of the rules above. */
export function decideRoleChange({ actor, target, next, ownerCount }: RoleChangeRequest): RoleChangeDecision {
  if (!hasPermission(actor, 'roles:manage')) return refuse('missing_permission', 'Changing roles needs the roles:manage permission');
  const grant = isGrant(target, next);
  // Checked before "only an owner grants" so an owner demoting themselves and then
  // trying to climb back is named for what it is.
  if (grant && actor.id === target.id) return refuse('cannot_raise_own', 'Nobody can raise their own role or permissions');
  if (grant && actor.role !== 'owner') return refuse('only_owner_grants', 'Only an owner can grant a role or a permission');
  if (target.role === 'owner' && actor.role !== 'owner') return refuse('cannot_change_owner', "Only an owner can change an owner's role");
  if (target.role === 'owner' && next.role !== 'owner' && ownerCount <= 1) {
    return refuse('last_owner', 'This is the last owner: make another owner first');
  }
  return { allowed: true };
}

/** What an admin can do to an account besides its role (PUT/DELETE /api/users/:id and the actions). */
export const ACCOUNT_ACTIONS = ['rename', 'verify', 'disable', 'enable', 'sign_out_everywhere', 'send_password_reset', 'reset_second_factor', 'delete'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export type AccountActionRefusal = 'missing_permission' | 'not_on_yourself' | 'only_owner_manages_admins' | 'last_owner';
export type AccountActionDecision = { allowed: true } | { allowed: false; reason: AccountActionRefusal; message: string };

/** Locking oneself out is done from one's own account settings, never by accident from the console. */
const NOT_ON_SELF: readonly AccountAction[] = ['disable', 'delete', 'reset_second_factor'];

export function permissionFor(action: AccountAction): AdminPermission {
  return action === 'delete' ? 'users:delete' : 'users:manage';
}

/**
 * Whether `actor` may do `action` to `target`: the action's permission; never
 * lock out or delete oneself; only an owner acts on an admin or an owner (an
 * admin must not silence the people who can take their rights away); the last
 * owner is never disabled or deleted.
 */
export function decideAccountAction(request: { actor: { id: string } & RoleAssignment; target: { id: string } & RoleAssignment; action: AccountAction; ownerCount: number }): AccountActionDecision {
  const { actor, target, action, ownerCount } = request;
  const refuseAction = (reason: AccountActionRefusal, message: string): AccountActionDecision => ({ allowed: false, reason, message });
  const permission = permissionFor(action);
  if (!hasPermission(actor, permission)) return refuseAction('missing_permission', `This needs the ${permission} permission`);
  if (actor.id === target.id && NOT_ON_SELF.includes(action)) return refuseAction('not_on_yourself', 'Do this from your own account settings, not the console');
  if (target.role !== 'user' && actor.role !== 'owner' && actor.id !== target.id) {
    return refuseAction('only_owner_manages_admins', 'Only an owner can act on an admin or an owner');
  }
  if (target.role === 'owner' && (action === 'disable' || action === 'delete') && ownerCount <= 1) {
    return refuseAction('last_owner', 'This is the last owner: make another owner first');
  }
  return { allowed: true };
}
