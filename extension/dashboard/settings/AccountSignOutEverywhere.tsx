import { useState } from 'react';
import type { LocalDataChoice } from '../../background/messages/page-messages';
import { ask } from '../../ui/background-client';
import { AccountDialog } from './AccountDialog';

/** Ends every session of the account, this device's too, asking what to do with the jobs here. */
export function AccountSignOutEverywhere({ onDone }: { onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function signOut(localData: LocalDataChoice) {
    setBusy(true);
    setError(undefined);
    const reply = await ask({ type: 'account:logoutEverywhere', localData });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    setOpen(false);
    onDone(localData === 'wipe' ? 'Signed out everywhere, and your applications were removed from this device.' : 'Signed out everywhere. Your applications stay on this device.');
  }

  return (
    <div className="account-action">
      <h3 id="logout-all-heading">Sign out everywhere</h3>
      <p className="muted">Ends every session of your account: other browsers and devices, and this one.</p>
      <div className="row">
        <button type="button" onClick={() => setOpen(true)}>
          Sign out everywhere…
        </button>
      </div>
      {open && (
        <AccountDialog labelledBy="logout-all-title" describedBy="logout-all-question" onClose={() => !busy && setOpen(false)}>
          <h2 id="logout-all-title">Sign out everywhere?</h2>
          <p id="logout-all-question">Every device will have to sign in again, this one included. Keep your applications on this device?</p>
          <p className="muted">Changes not yet synced are lost if you remove them.</p>
          <div className="row">
            <button type="button" className="primary" data-autofocus onClick={() => void signOut('keep')} disabled={busy}>
              Keep and sign out everywhere
            </button>
            <button type="button" className="danger" onClick={() => void signOut('wipe')} disabled={busy}>
              Remove from this device and sign out everywhere
            </button>
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
        </AccountDialog>
      )}
    </div>
  );
}
