import { useState, type FormEvent } from 'react';
import { ADMIN_PERMISSIONS, decideRoleChange, ROLES, type AdminPermission, type Role } from '../../shared/admin/permissions';
import type { UserSummary } from '../../shared/admin/user-directory';
import { useSession, type ConsoleAdmin } from '../session';
import { ErrorMessage } from '../ui';

/**
 * Role and permissions of one account. The choices that the rules of
 * shared/admin/permissions.ts refuse this admin (granting, when not an owner;
 * raising oneself) are shown but disabled, with the reason.
 */

const PERMISSION_LABEL: Record<AdminPermission, string> = {
  'users:read': 'See users',
  'users:manage': 'Manage users (verify, disable, sign out, reset)',
  'users:delete': 'Delete users',
  'roles:manage': 'Change roles',
  'analytics:read': 'See analytics',
  'audit:read': 'Read the audit log',
  'rules:manage': 'Manage detection rules',
  'ml:manage': 'Manage the ML engine',
};

export function RoleForm({ admin, user, onChanged }: { admin: ConsoleAdmin; user: UserSummary; onChanged: (message: string) => void }) {
  const { call } = useSession();
  const [role, setRole] = useState<Role>(user.role);
  const [permissions, setPermissions] = useState<AdminPermission[]>(user.role === 'admin' ? user.permissions : []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const next = { role, permissions: role === 'admin' ? ADMIN_PERMISSIONS.filter((permission) => permissions.includes(permission)) : [] };
  // Infinity: the last-owner rule needs the server's count, so it is the server's to refuse.
  const decision = decideRoleChange({ actor: admin, target: user, next, ownerCount: Number.POSITIVE_INFINITY });
  const unchanged = next.role === user.role && next.permissions.join() === (user.role === 'admin' ? user.permissions : []).join();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    call('PUT', `/api/users/${encodeURIComponent(user.id)}/role`, next).then(
      () => onChanged(next.role === 'admin' ? `Role is now admin with ${next.permissions.length ? next.permissions.join(', ') : 'no permissions'}.` : `Role is now ${next.role}.`),
      (caught: unknown) => setError(caught),
    ).finally(() => setBusy(false));
  }

  return (
    <section aria-labelledby="role-title" className="console-card">
      <h2 id="role-title">Role and permissions</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="role-select">Role</label>
          <select id="role-select" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        {role === 'admin' && (
          <fieldset className="console-permissions">
            <legend>Permissions</legend>
            {ADMIN_PERMISSIONS.map((permission) => {
              const held = user.role === 'owner' || (user.role === 'admin' && user.permissions.includes(permission));
              // Only an owner grants: an admin may only take away what the account holds.
              const locked = admin.role !== 'owner' && !held;
              return (
                <div key={permission} className="console-check">
                  <input
                    id={`permission-${permission}`}
                    type="checkbox"
                    checked={permissions.includes(permission)}
                    disabled={locked}
                    onChange={(event) => setPermissions((list) => (event.target.checked ? [...list, permission] : list.filter((entry) => entry !== permission)))}
                  />
                  <label htmlFor={`permission-${permission}`}>
                    {PERMISSION_LABEL[permission]} <span className="muted">({permission})</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        )}
        {!unchanged && !decision.allowed && decision.reason !== 'last_owner' && <p className="muted">{decision.message}.</p>}
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy || unchanged || (!decision.allowed && decision.reason !== 'last_owner')}>
          Save role
        </button>
      </form>
    </section>
  );
}
