import { useState, type FormEvent } from 'react';
import type { LocalDataChoice } from '../../background/messages/page-messages';
import { ask } from '../../ui/background-client';
import { AccountDialog } from './AccountDialog';
import { AccountField } from './AccountField';

/** Deletes the account on the server after the password is entered again; this device is then signed out. */
export function AccountDelete({ onDone }: { onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [localData, setLocalData] = useState<LocalDataChoice>('keep');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function close() {
    if (busy) return;
    setOpen(false);
    setPassword('');
    setFields({});
    setError(undefined);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (password === '') {
      setFields({ password: 'Enter your password to confirm.' });
      return;
    }
    setFields({});
    setBusy(true);
    const reply = await ask({ type: 'account:delete', password, localData });
    setBusy(false);
    if (!reply.ok) {
      setFields(reply.error.fields ?? {});
      if (!reply.error.fields) setError(reply.error.message);
      return;
    }
    setOpen(false);
    onDone(
      localData === 'wipe'
        ? 'Your account is deleted, and your applications were removed from this device.'
        : 'Your account is deleted. Your applications stay on this device.',
    );
  }

  return (
    <div className="account-action">
      <h3 id="delete-account-heading">Delete account</h3>
      <p className="muted">Removes your account and everything the server holds for it. This cannot be undone.</p>
      <div className="row">
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          Delete account…
        </button>
      </div>
      {open && (
        <AccountDialog labelledBy="delete-account-title" describedBy="delete-account-what" onClose={close}>
          <form className="confirm" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="delete-account-title">
            <h2 id="delete-account-title">Delete your account?</h2>
            <div id="delete-account-what">
              <p>This removes from the server, for good:</p>
              <ul>
                <li>your account and profile,</li>
                <li>the server&apos;s copy of your applications and resumes,</li>
                <li>your uploaded files,</li>
                <li>every session: all your devices are signed out.</li>
              </ul>
            </div>
            <fieldset className="choices">
              <legend>Applications on this device</legend>
              <label className="check">
                <input type="radio" name="delete-local-data" checked={localData === 'keep'} onChange={() => setLocalData('keep')} />
                Keep them on this device
              </label>
              <label className="check">
                <input type="radio" name="delete-local-data" checked={localData === 'wipe'} onChange={() => setLocalData('wipe')} />
                Remove them from this device too
              </label>
            </fieldset>
            <div data-autofocus>
              <AccountField label="Password" type="password" value={password} onChange={setPassword} error={fields.password} autoComplete="current-password" />
            </div>
            <div className="row">
              <button type="submit" className="danger" disabled={busy}>
                {busy ? 'Deleting…' : 'Delete my account'}
              </button>
              <button type="button" onClick={close} disabled={busy}>
                Cancel
              </button>
            </div>
            {error && (
              <p role="alert" className="error-text">
                {error}
              </p>
            )}
          </form>
        </AccountDialog>
      )}
    </div>
  );
}
