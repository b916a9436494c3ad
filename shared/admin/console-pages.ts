import { hasPermission, type AdminPermission, type RoleAssignment } from './permissions';

/**
 * The admin console's pages and the permission each needs, so the console
 * offers only what the signed-in admin may open. The server still checks
 * every request: this decides what is shown, never what is allowed.
 */

export const CONSOLE_PAGES = ['users', 'audit', 'analytics', 'rules', 'services'] as const;
export type ConsolePage = (typeof CONSOLE_PAGES)[number];

/** `null`: any admin with the second factor (GET /api/admin/services). */
export const PAGE_PERMISSION: Record<ConsolePage, AdminPermission | null> = {
  users: 'users:read',
  audit: 'audit:read',
  analytics: 'analytics:read',
  rules: 'rules:manage',
  services: null,
};

export const PAGE_TITLE: Record<ConsolePage, string> = {
  users: 'Users',
  audit: 'Audit log',
  analytics: 'Analytics',
  rules: 'Rules',
  services: 'Services',
};

export function pagesFor(holder: RoleAssignment): ConsolePage[] {
  if (holder.role === 'user') return [];
  return CONSOLE_PAGES.filter((page) => {
    const needed = PAGE_PERMISSION[page];
    return needed === null || hasPermission(holder, needed);
  });
}
