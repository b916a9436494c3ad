import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { STORAGE_KEYS, type Account } from '../../background/storage';
import { FIRED_KEY } from '../../background/scheduled/reminders';
import { ask } from '../../ui/background-client';
import { useStored } from '../../ui/use-stored';

export function DeleteLocalData({ count }: { count: number }) {
  const account = useStored<Account>(STORAGE_KEYS.account);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const signedIn = account != null && !account.needsLogin;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function erase() {
    setBusy(true);
    setError(undefined);
    try {
      // The background's wipe: sync stops first, deleted jobs are purged rather than left as
      // deletions a later sign-in would push, and the next sign-in pulls everything afresh.
      const reply = await ask({ type: 'auth:logout', localData: 'wipe' });
      if (!reply.ok) throw new Error(reply.error.message);
      await browser.storage.local.remove(FIRED_KEY);
      setResult(`Deleted ${count} ${count === 1 ? 'application' : 'applications'} from this device.`);
      setConfirming(false);
    } catch (caught) {
      setError(`Could not delete everything: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete local data</h2>
      <p className="muted">Removes every application from this browser. Export first if you may want them back.</p>
      {!confirming ? (
        <div className="row">
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={count === 0}>
            Delete local data…
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby="delete-confirm-text" className="confirm">
          <p id="delete-confirm-text">
            <strong>
              Delete all {count} {count === 1 ? 'application' : 'applications'} from this device?
            </strong>{' '}
            {signedIn
              ? 'You will be signed out, so the deletion stays on this device: your server keeps its copy, but changes not yet synced are lost.'
              : 'This cannot be undone.'}
          </p>
          <div className="row">
            <button ref={confirmButton} type="button" className="danger" onClick={() => void erase()} disabled={busy}>
              {busy ? 'Deleting…' : `Delete ${count} ${count === 1 ? 'application' : 'applications'}`}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p role="status" className="muted">
        {result}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
