import { useState } from 'react';
import type { LocalDataChoice } from '../background/messages/page-messages';
import type { SyncState } from '../background/sync/sync-state';
import { STORAGE_KEYS, DEFAULT_SERVER_URL, type Account } from '../background/storage';
import { ask } from '../ui/background-client';
import { SyncBadge, SyncDetails } from '../ui/SyncBadge';
import { SyncIssues } from '../ui/SyncIssues';
import { useStored } from '../ui/use-stored';
import { AuthForm } from './AuthForm';
import { ServerUrlForm } from './ServerUrlForm';
import { useDataConsent } from '../ui/use-data-consent';

/** Sync status, account and server address, all read from storage so they follow the background. */
export function AccountPanel() {
  const account = useStored<Account>(STORAGE_KEYS.account);
  const serverUrl = useStored<string>(STORAGE_KEYS.serverUrl);
  const syncState = useStored<SyncState>(STORAGE_KEYS.syncState);
  const [signingOut, setSigningOut] = useState(false);
  const [askingSignOut, setAskingSignOut] = useState(false);
  const [error, setError] = useState<string>();
  const consent = useDataConsent();

  if (account === undefined || serverUrl === undefined) {
    return (
      <section className="card" aria-labelledby="sync-heading">
        <h2 id="sync-heading">Sync</h2>
        <p className="empty">Loading…</p>
      </section>
    );
  }

  const signedIn = account !== null && !account.needsLogin;

  async function signOut(localData: LocalDataChoice) {
    setSigningOut(true);
    const reply = await ask({ type: 'auth:logout', localData });
    setSigningOut(false);
    setAskingSignOut(false);
    setError(reply.ok ? undefined : reply.error.message);
  }

  return (
    <section className="card" aria-labelledby="sync-heading">
      <div className="row spread">
        <h2 id="sync-heading">Sync</h2>
        <SyncBadge state={syncState} />
      </div>
      {signedIn ? (
        <>
          <p className="signed-in">
            Signed in as <strong>{account.user.name || account.user.email}</strong>{' '}
            <span className="muted">({account.user.email})</span>
          </p>
          <SyncDetails state={syncState} />
          {consent.granted === false && (
            <div className="row">
              {/* Turned off in about:addons: asked again from this click; the background resumes sync on the grant. */}
              <button type="button" className="primary" onClick={() => void consent.ask()}>
                Allow sending to your server
              </button>
            </div>
          )}
          <SyncIssues />
          <ServerUrlForm serverUrl={serverUrl ?? DEFAULT_SERVER_URL} locked />
          {askingSignOut ? (
            <div className="confirm" role="group" aria-labelledby="sign-out-question">
              <p id="sign-out-question">Keep your applications on this device after signing out?</p>
              <div className="row">
                <button type="button" className="primary" onClick={() => void signOut('keep')} disabled={signingOut}>
                  Keep and sign out
                </button>
                <button type="button" className="danger" onClick={() => void signOut('wipe')} disabled={signingOut}>
                  Remove from this device and sign out
                </button>
                <button type="button" onClick={() => setAskingSignOut(false)} disabled={signingOut}>
                  Cancel
                </button>
              </div>
              <p className="muted">Changes not yet synced are lost if you remove them.</p>
            </div>
          ) : (
            <div className="row">
              <button type="button" onClick={() => setAskingSignOut(true)}>
                Sign out
              </button>
              <button type="button" onClick={() => void ask({ type: 'sync:now' })}>
                Sync now
              </button>
            </div>
          )}
          {error && <p className="error-text" role="alert">{error}</p>}
        </>
      ) : (
        <>
          {account?.needsLogin ? (
            <p className="error-text">Your session has expired. Sign in again to resume sync.</p>
          ) : (
            <p className="muted">Your applications are kept on this device. Sign in to sync them to your server.</p>
          )}
          {consent.granted === false && (
            <p className="muted" data-testid="data-consent-note">
              Signing in sends your account, applications and resumes to this server: Firefox asks you to allow that first.
            </p>
          )}
          <ServerUrlForm serverUrl={serverUrl ?? DEFAULT_SERVER_URL} locked={false} />
          <AuthForm defaultEmail={account?.user.email} />
        </>
      )}
    </section>
  );
}
