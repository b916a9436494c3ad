import { useEffect, useState, type FormEvent } from 'react';
import { ask } from '../ui/background-client';
import { Field } from './Field';

/** The sync server's address; locked while signed in, since the tokens belong to that server. */
export function ServerUrlForm({ serverUrl, locked }: { serverUrl: string; locked: boolean }) {
  const [value, setValue] = useState(serverUrl);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => setValue(serverUrl), [serverUrl]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    const reply = await ask({ type: 'settings:setServerUrl', serverUrl: value });
    setBusy(false);
    if (reply.ok) {
      setError(undefined);
      setValue(reply.serverUrl);
      setSaved(true);
    } else {
      setError(reply.error.fields?.serverUrl ?? reply.error.message);
    }
  }

  return (
    <form onSubmit={submit} className="server-form" noValidate>
      <Field
        label="Server address"
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        value={value}
        disabled={locked}
        error={error}
        onChange={(event) => {
          setValue(event.target.value);
          setSaved(false);
        }}
      />
      {!locked && (
        <div className="row">
          <button type="submit" disabled={busy || value.trim() === serverUrl}>
            Save address
          </button>
          {saved && <span className="muted" role="status">Saved</span>}
        </div>
      )}
    </form>
  );
}
