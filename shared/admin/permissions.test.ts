import { describe, expect, it } from 'vitest';
import {
  ADMIN_PERMISSIONS,
  decideAccountAction,
  decideRoleChange,
  effectivePermissions,
  hasPermission,
  isGrant,
  readStoredRole,
  roleAssignmentSchema,
  type RoleAssignment,
} from './permissions';

const owner = (id = 'o1') => ({ id, role: 'owner' as const, permissions: [] });
const admin = (id: string, ...permissions: RoleAssignment['permissions']) => ({ id, role: 'admin' as const, permissions });
const user = (id = 'u1') => ({ id, role: 'user' as const, permissions: [] });

describe('permissions', () => {
  it('owners hold every permission, admins what they were given, users none', () => {
    expect(effectivePermissions(owner())).toEqual([...ADMIN_PERMISSIONS]);
    expect(effectivePermissions(admin('a', 'audit:read', 'users:read'))).toEqual(['users:read', 'audit:read']);
    expect(effectivePermissions(user())).toEqual([]);
    expect(hasPermission(admin('a', 'users:read'), 'users:delete')).toBe(false);
  });

  it('reads records without a role, or with an unknown one, as plain users', () => {
    expect(readStoredRole(undefined, undefined)).toEqual({ role: 'user', permissions: [] });
    expect(readStoredRole('superuser', ['users:read'])).toEqual({ role: 'user', permissions: [] });
    expect(readStoredRole('admin', ['users:read', 'rm -rf', 'audit:read'])).toEqual({ role: 'admin', permissions: ['users:read', 'audit:read'] });
    expect(readStoredRole('owner', ['users:read'])).toEqual({ role: 'owner', permissions: [] });
  });

  it('accepts permissions only with role admin, without repeats or unknown ids', () => {
    expect(roleAssignmentSchema.safeParse({ role: 'admin', permissions: ['users:read'] }).success).toBe(true);
    expect(roleAssignmentSchema.parse({ role: 'user' })).toEqual({ role: 'user', permissions: [] });
    expect(roleAssignmentSchema.safeParse({ role: 'user', permissions: ['users:read'] }).success).toBe(false);
    expect(roleAssignmentSchema.safeParse({ role: 'admin', permissions: ['users:read', 'users:read'] }).success).toBe(false);
    expect(roleAssignmentSchema.safeParse({ role: 'admin', permissions: ['everything'] }).success).toBe(false);
    expect(roleAssignmentSchema.safeParse({ role: 'admin', permissions: [], extra: 1 }).success).toBe(false);
  });

  it('calls a higher role or one more permission a grant, and a removal not', () => {
    expect(isGrant(user(), admin('x'))).toBe(true);
    expect(isGrant(admin('x', 'users:read'), admin('x', 'users:read', 'audit:read'))).toBe(true);
    expect(isGrant(admin('x', 'users:read', 'audit:read'), admin('x', 'users:read'))).toBe(false);
    expect(isGrant(owner(), admin('x', ...ADMIN_PERMISSIONS))).toBe(false);
  });
});

describe('decideRoleChange', () => {
  it('refuses an actor without roles:manage', () => {
    const decision = decideRoleChange({ actor: admin('a', 'users:manage'), target: admin('b', 'users:read'), next: user('b'), ownerCount: 1 });
    expect(decision).toMatchObject({ allowed: false, reason: 'missing_permission' });
  });

  it('lets only an owner grant', () => {
    const byAdmin = decideRoleChange({ actor: admin('a', 'roles:manage'), target: user('b'), next: admin('b', 'users:read'), ownerCount: 1 });
    expect(byAdmin).toMatchObject({ allowed: false, reason: 'only_owner_grants' });
    expect(decideRoleChange({ actor: owner(), target: user('b'), next: admin('b', 'users:read'), ownerCount: 1 })).toEqual({ allowed: true });
    expect(decideRoleChange({ actor: owner(), target: admin('b'), next: owner('b'), ownerCount: 1 })).toEqual({ allowed: true });
  });

  it('lets an admin with roles:manage take permissions away from another admin', () => {
    const decision = decideRoleChange({ actor: admin('a', 'roles:manage'), target: admin('b', 'users:read', 'audit:read'), next: admin('b', 'users:read'), ownerCount: 1 });
    expect(decision).toEqual({ allowed: true });
  });

  it('refuses an admin raising their own permissions', () => {
    const self = admin('a', 'roles:manage');
    expect(decideRoleChange({ actor: self, target: self, next: admin('a', 'roles:manage', 'users:delete'), ownerCount: 1 }))
      .toMatchObject({ allowed: false, reason: 'cannot_raise_own' });
    expect(decideRoleChange({ actor: self, target: self, next: owner('a'), ownerCount: 1 }))
      .toMatchObject({ allowed: false, reason: 'cannot_raise_own' });
  });

  it('refuses an admin changing an owner', () => {
    const decision = decideRoleChange({ actor: admin('a', 'roles:manage'), target: owner('o2'), next: user('o2'), ownerCount: 2 });
    expect(decision).toMatchObject({ allowed: false, reason: 'cannot_change_owner' });
  });

  it('never removes the last owner, even by themselves', () => {
    expect(decideRoleChange({ actor: owner(), target: owner(), next: user('o1'), ownerCount: 1 }))
      .toMatchObject({ allowed: false, reason: 'last_owner' });
    expect(decideRoleChange({ actor: owner('o1'), target: owner('o2'), next: admin('o2', 'users:read'), ownerCount: 2 })).toEqual({ allowed: true });
  });
});

describe('account actions', () => {
  it('needs users:manage, or users:delete to delete', () => {
    expect(decideAccountAction({ actor: admin('a', 'users:read'), target: user(), action: 'disable', ownerCount: 1 })).toMatchObject({ allowed: false, reason: 'missing_permission' });
    expect(decideAccountAction({ actor: admin('a', 'users:manage'), target: user(), action: 'disable', ownerCount: 1 })).toEqual({ allowed: true });
    expect(decideAccountAction({ actor: admin('a', 'users:manage'), target: user(), action: 'delete', ownerCount: 1 })).toMatchObject({ allowed: false, reason: 'missing_permission' });
    expect(decideAccountAction({ actor: admin('a', 'users:delete'), target: user(), action: 'delete', ownerCount: 1 })).toEqual({ allowed: true });
  });

  it('leaves admins and owners to owners, and nobody locks themselves out', () => {
    expect(decideAccountAction({ actor: admin('a', 'users:manage'), target: admin('b'), action: 'disable', ownerCount: 1 })).toMatchObject({ reason: 'only_owner_manages_admins' });
    expect(decideAccountAction({ actor: owner(), target: admin('b'), action: 'disable', ownerCount: 1 })).toEqual({ allowed: true });
    expect(decideAccountAction({ actor: admin('a', 'users:manage'), target: admin('a', 'users:manage'), action: 'disable', ownerCount: 1 })).toMatchObject({ reason: 'not_on_yourself' });
    expect(decideAccountAction({ actor: admin('a', 'users:manage'), target: admin('a', 'users:manage'), action: 'rename', ownerCount: 1 })).toEqual({ allowed: true });
  });

  it('never disables or deletes the last owner', () => {
    // Reachable only if the owner count is wrong elsewhere; the rule still holds on its own.
    expect(decideAccountAction({ actor: owner('o1'), target: owner('o2'), action: 'delete', ownerCount: 1 })).toMatchObject({ reason: 'last_owner' });
    expect(decideAccountAction({ actor: owner('o1'), target: owner('o2'), action: 'delete', ownerCount: 2 })).toEqual({ allowed: true });
  });
});
