import { useState } from 'react';
import { decideAccountAction, hasPermission, type AccountAction } from '../../shared/admin/permissions';
import { formatBytes } from '../../shared/transfer/limits';
import type { UserDetail } from '../../server/admin/users-service';
import { routeHash } from '../route';
import { useSession, type ConsoleAdmin } from '../session';
import { ErrorMessage, formatDateTime, PageHeading, Status, useLoad } from '../ui';
import { RoleForm } from './RoleForm';

/**
 * One account: profile, counts and sizes (never the contents of its
 * applications or resumes), devices, and the actions this admin may take.
 * What is offered follows shared/admin/permissions.ts; the server decides again.
 */

interface ActionButton {
  action: AccountAction;
  label: string;
  done: string;
  run: (call: ReturnType<typeof useSession>['call'], id: string) => Promise<unknown>;
}

const ACTIONS: ActionButton[] = [
  { action: 'verify', label: 'Mark email verified', done: 'Email marked verified.', run: (call, id) => call('PUT', `/api/users/${encodeURIComponent(id)}`, { emailVerified: true }) },
  { action: 'disable', label: 'Disable account', done: 'Account disabled: it is signed out everywhere and cannot sign in.', run: (call, id) => call('PUT', `/api/users/${encodeURIComponent(id)}`, { disabled: true }) },
  { action: 'enable', label: 'Enable account', done: 'Account enabled.', run: (call, id) => call('PUT', `/api/users/${encodeURIComponent(id)}`, { disabled: false }) },
  { action: 'sign_out_everywhere', label: 'Sign out everywhere', done: 'Signed out on every device.', run: (call, id) => call('POST', `/api/users/${encodeURIComponent(id)}/sign-out-everywhere`) },
  { action: 'send_password_reset', label: 'Send password reset', done: 'A password reset code is on its way to the account\u2019s address.', run: (call, id) => call('POST', `/api/users/${encodeURIComponent(id)}/password-reset`) },
  { action: 'reset_second_factor', label: 'Reset second factor', done: 'Second factor removed: the admin sets up a new one at the next sign-in.', run: (call, id) => call('POST', `/api/users/${encodeURIComponent(id)}/second-factor/reset`) },
];

/** Whether this admin is offered `action` on `target`; the owner count is unknown here, so the last-owner rule is left to the server. */
function offered(admin: ConsoleAdmin, target: UserDetail['user'], action: AccountAction): boolean {
  return decideAccountAction({ actor: admin, target, action, ownerCount: Number.POSITIVE_INFINITY }).allowed;
}

function applies(user: UserDetail['user'], action: AccountAction): boolean {
  switch (action) {
    case 'verify':
      return !user.emailVerified;
    case 'disable':
      return !user.disabled;
    case 'enable':
      return user.disabled;
    case 'send_password_reset':
      return user.hasPassword;
    case 'reset_second_factor':
      return user.secondFactorEnrolled;
    default:
      return true;
  }
}

export function UserPage({ id }: { id: string }) {
  const { call, session } = useSession();
  const [loaded, reload] = useLoad(() => call<UserDetail>('GET', `/api/users/${encodeURIComponent(id)}`), id);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleted, setDeleted] = useState(false);

  async function act(label: string, run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await run();
      setStatus(label);
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (deleted) {
    return (
      <section className="console-page">
        <PageHeading>Account deleted</PageHeading>
        <p role="status">The account and its data are gone.</p>
        <a href={routeHash({ page: 'users' })}>Back to users</a>
      </section>
    );
  }
  if (loaded.state === 'loading') return <p role="status">Loading the account…</p>;
  if (loaded.state === 'failed') {
    return (
      <section className="console-page">
        <PageHeading>Account</PageHeading>
        <ErrorMessage error={loaded.error} />
        <a href={routeHash({ page: 'users' })}>Back to users</a>
      </section>
    );
  }
  const { user, counts, storage, devices } = loaded.value;
  const admin = session.admin;
  const actions = ACTIONS.filter((entry) => applies(user, entry.action) && offered(admin, user, entry.action));
  const mayDelete = offered(admin, user, 'delete');
  const mayChangeRole = hasPermission(admin, 'roles:manage') && (admin.role === 'owner' || user.role !== 'owner');

  return (
    <section className="console-page">
      <p>
        <a href={routeHash({ page: 'users' })}>← Users</a>
      </p>
      <PageHeading>{user.email}</PageHeading>
      <div className="console-columns">
        <section aria-labelledby="profile-title" className="console-card">
          <h2 id="profile-title">Profile</h2>
          <dl className="console-facts">
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Role</dt>
            <dd>{user.role === 'admin' ? `admin (${user.permissions.join(', ') || 'no permissions'})` : user.role}</dd>
            <dt>Email</dt>
            <dd>{user.emailVerified ? 'verified' : 'not verified'}</dd>
            <dt>State</dt>
            <dd>{user.disabled ? `disabled since ${formatDateTime(user.disabledAt)}` : 'enabled'}</dd>
            <dt>Signs in with</dt>
            <dd>{[user.hasPassword ? 'password' : null, user.signsInWithOidc ? 'Google' : null, user.secondFactorEnrolled ? 'second factor' : null].filter(Boolean).join(', ') || 'nothing yet'}</dd>
            <dt>Joined</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
            <dt>Last active</dt>
            <dd>{formatDateTime(user.lastActiveAt)}</dd>
            <dt>Last sync</dt>
            <dd>{formatDateTime(user.lastSyncAt)}</dd>
          </dl>
        </section>
        <section aria-labelledby="counts-title" className="console-card">
          <h2 id="counts-title">Data</h2>
          <dl className="console-facts">
            <dt>Applications</dt>
            <dd>{counts.applications}</dd>
            <dt>Resumes</dt>
            <dd>{counts.resumes}</dd>
            <dt>Resume files</dt>
            <dd>{counts.resumeFiles}</dd>
            <dt>Devices</dt>
            <dd>{counts.devices}</dd>
            <dt>Storage</dt>
            <dd>
              {formatBytes(storage.totalBytes)} <span className="muted">(databases {formatBytes(storage.databaseBytes)}, files {formatBytes(storage.fileBytes)})</span>
            </dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="devices-title" className="console-card">
        <h2 id="devices-title">Devices</h2>
        {devices.length === 0 ? (
          <p className="muted">No device has registered.</p>
        ) : (
          <ul>
            {devices.map((device) => (
              <li key={device.id}>
                {device.name} <span className="muted">since {formatDateTime(device.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actions-title" className="console-card">
        <h2 id="actions-title">Actions</h2>
        {status && <Status>{status}</Status>}
        <ErrorMessage error={error} />
        {actions.length === 0 && !mayDelete ? (
          <p className="muted">Your permissions allow no action on this account.</p>
        ) : (
          <div className="row">
            {actions.map((entry) => (
              <button key={entry.action} type="button" disabled={busy} onClick={() => void act(entry.done, () => entry.run(call, user.id))}>
                {entry.label}
              </button>
            ))}
            {mayDelete && !confirmingDelete && (
              <button type="button" className="console-danger" disabled={busy} onClick={() => setConfirmingDelete(true)}>
                Delete account…
              </button>
            )}
          </div>
        )}
        {confirmingDelete && (
          <div className="notice" role="group" aria-labelledby="delete-title">
            <p id="delete-title">
              <strong>Delete {user.email}?</strong> Its applications, resumes, files and devices are removed for good. This cannot be undone.
            </p>
            <div className="row">
              <button
                type="button"
                className="console-danger"
                disabled={busy}
                onClick={() =>
                  void act('Account deleted.', async () => {
                    await call('DELETE', `/api/users/${encodeURIComponent(user.id)}`);
                    setDeleted(true);
                  })
                }
              >
                Delete permanently
              </button>
              <button type="button" onClick={() => setConfirmingDelete(false)} autoFocus>
                Cancel
              </button>
            </div>
          </div>
        )}
      </section>

      {mayChangeRole && <RoleForm admin={admin} user={user} onChanged={(message) => { setStatus(message); reload(); }} />}
    </section>
  );
}
