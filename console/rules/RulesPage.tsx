import { useState, type ChangeEvent } from 'react';
import type { RuleSetAdminView } from '../../shared/admin/console-api';
import { ApiError } from '../api';
import { useSession } from '../session';
import { ErrorMessage, formatDateTime, PageHeading, Status, useLoad } from '../ui';

/**
 * The detection rule set served to extensions (GET /api/admin/rules): upload
 * a new one as a JSON file (the server validates it before serving it and
 * answers 400 with what is wrong), or serve an earlier upload again.
 */

/** Bigger than any real rule set, small enough to read in the page at once; the server has its own limit. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;

async function readRuleFile(file: File): Promise<unknown> {
  if (file.size > MAX_RULE_FILE_BYTES) throw new Error(`The file is ${Math.ceil(file.size / 1024)} KB: a rule set must be under ${MAX_RULE_FILE_BYTES / 1024} KB.`);
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    throw new Error('The file is not valid JSON.');
  }
}

export function RulesPage() {
  const { call } = useSession();
  const [loaded, reload] = useLoad(() => call<RuleSetAdminView>('GET', '/api/admin/rules'), 'rules');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<string>) {
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      setStatus(await run());
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void act(async () => {
      try {
        const view = await call<RuleSetAdminView>('PUT', '/api/admin/rules', await readRuleFile(file));
        return `Version ${view.active.version} is now served to extensions.`;
      } finally {
        input.value = '';
      }
    });
  }

  const validation = error instanceof ApiError && Object.keys(error.fields).length > 0 ? error.fields : null;
  return (
    <section className="console-page">
      <PageHeading>Detection rules</PageHeading>
      {loaded.state === 'loading' && <p role="status">Loading the rule set…</p>}
      {loaded.state === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.state === 'ready' && (
        <>
          <section aria-labelledby="active-title" className="console-card">
            <h2 id="active-title">Served now</h2>
            <dl className="console-facts">
              <dt>Version</dt>
              <dd>{loaded.value.active.version}</dd>
              <dt>Source</dt>
              <dd>{loaded.value.active.source}</dd>
              {loaded.value.active.uploadedAt && (
                <>
                  <dt>Uploaded</dt>
                  <dd>
                    {formatDateTime(loaded.value.active.uploadedAt)} {loaded.value.active.uploadedBy ? `by ${loaded.value.active.uploadedBy}` : ''}
                  </dd>
                </>
              )}
            </dl>
            <details>
              <summary>The rule set as JSON</summary>
              <pre className="console-json" tabIndex={0} aria-label="Rule set JSON">{JSON.stringify(loaded.value.active.ruleSet, null, 2)}</pre>
            </details>
          </section>
          <section aria-labelledby="upload-title" className="console-card">
            <h2 id="upload-title">Upload a new rule set</h2>
            <div className="field">
              <label htmlFor="rules-file">Rule set file (JSON)</label>
              <input id="rules-file" type="file" accept="application/json,.json" onChange={upload} disabled={busy} />
            </div>
            {status && <Status>{status}</Status>}
            {validation ? (
              <div role="alert">
                <p className="error-text">{errorTitle(error)}</p>
                <ul className="console-validation">
                  {Object.entries(validation).map(([field, message]) => (
                    <li key={field}>
                      <code>{field}</code>: {message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <ErrorMessage error={error} />
            )}
          </section>
          <section aria-labelledby="history-title" className="console-card">
            <h2 id="history-title">Earlier uploads</h2>
            {loaded.value.history.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ul className="console-history">
                {loaded.value.history.map((entry) => (
                  <li key={entry.version} className="row">
                    <span>
                      Version <strong>{entry.version}</strong>, {formatDateTime(entry.uploadedAt)} by {entry.uploadedBy}
                    </span>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Serve version ${entry.version} again`}
                      onClick={() =>
                        void act(async () => {
                          await call('POST', '/api/admin/rules/rollback', { version: entry.version });
                          return `Version ${entry.version} is served again.`;
                        })
                      }
                    >
                      Serve again
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function errorTitle(error: unknown): string {
  return error instanceof Error ? error.message : 'The rule set was refused.';
}
