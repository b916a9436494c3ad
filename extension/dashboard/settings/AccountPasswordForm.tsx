import { useState, type FormEvent } from 'react';
import { ask } from '../../ui/background-client';
import { AccountField } from './AccountField';
import { AccountMessages } from './AccountMessages';

/** Current, new and repeated password; this device stays signed in, every other one is signed out. */
export function AccountPasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    const local: Record<string, string> = {};
    if (current === '') local.currentPassword = 'Enter your current password.';
    if (next === '') local.newPassword = 'Enter a new password.';
    if (confirm !== next) local.confirm = 'The two new passwords differ.';
    setFields(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    const reply = await ask({ type: 'account:changePassword', currentPassword: current, newPassword: next });
    setBusy(false);
    if (!reply.ok) {
      setFields(reply.error.fields ?? {});
      if (!reply.error.fields) setError(reply.error.message);
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setStatus('Password changed. Your other devices are signed out; this one keeps syncing.');
  }

  return (
    <form aria-labelledby="account-password-heading" onSubmit={(event) => void submit(event)} noValidate>
      <h3 id="account-password-heading">Change password</h3>
      <AccountField label="Current password" type="password" value={current} onChange={setCurrent} error={fields.currentPassword} autoComplete="current-password" />
      <AccountField
        label="New password"
        type="password"
        value={next}
        onChange={setNext}
        error={fields.newPassword}
        hint="At least 10 characters, not a common password."
        autoComplete="new-password"
      />
      <AccountField label="Confirm new password" type="password" value={confirm} onChange={setConfirm} error={fields.confirm} autoComplete="new-password" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
      <AccountMessages status={status} error={error} />
    </form>
  );
}
