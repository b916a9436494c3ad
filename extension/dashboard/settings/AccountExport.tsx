import { useState } from 'react';
import type { ExportFile } from '../../background/account/account-settings';
import { ask } from '../../ui/background-client';
import { downloadText } from './download';
import { AccountMessages } from './AccountMessages';

/** Everything the server holds for the account, saved as one JSON file. */
export function AccountExport() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  async function download() {
    setBusy(true);
    setStatus(undefined);
    setError(undefined);
    const reply = await ask<ExportFile>({ type: 'account:export' });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    downloadText(reply.json, reply.fileName, 'application/json');
    setStatus(`Saved to ${reply.fileName}.`);
  }

  return (
    <div className="account-action">
      <h3 id="account-export-heading">Your data on the server</h3>
      <p className="muted">Your profile, the server&apos;s copy of your applications and resumes, and the list of your files, as JSON.</p>
      <div className="row">
        <button type="button" onClick={() => void download()} disabled={busy}>
          {busy ? 'Preparing…' : 'Download all my data'}
        </button>
      </div>
      <AccountMessages status={status} error={error} />
    </div>
  );
}
