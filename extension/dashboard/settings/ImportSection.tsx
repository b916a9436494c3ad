import { useId, useRef, useState, type FormEvent } from 'react';
import { ImportError } from '../../../shared/transfer/import';
import { formatBytes, IMPORT_LIMITS } from '../../../shared/transfer/limits';
import { getDatabase } from '../../db/instance';
import { ImportReport } from './ImportReport';
import { runImport, type ImportOutcome, type RunProgress } from './run-import';

const PHASES: Record<RunProgress['phase'], string> = {
  reading: 'Reading the file',
  checking: 'Checking rows',
  writing: 'Saving applications',
};

function progressText(progress: RunProgress): string {
  if (progress.phase === 'reading') return `${PHASES.reading}… ${Math.round((progress.done / Math.max(progress.total, 1)) * 100)}%`;
  return `${PHASES[progress.phase]}… ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`;
}

export function ImportSection() {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<RunProgress>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    setError(undefined);
    setProgress({ phase: 'reading', done: 0, total: file.size });
    try {
      const { jobs } = await getDatabase();
      setOutcome(await runImport(jobs, file, { now: new Date(), onProgress: setProgress }));
      setFile(undefined);
      if (input.current) input.current.value = '';
    } catch (caught) {
      setError(
        caught instanceof ImportError
          ? caught.message
          : `The import stopped: ${caught instanceof Error ? caught.message : String(caught)}. Jobs saved before this stay; importing the file again skips them.`,
      );
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <form onSubmit={(event) => void submit(event)} className="import-form">
        <div className="field">
          <label htmlFor={inputId}>File to import (JSON or CSV)</label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby={hintId}
            disabled={busy}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
          <p id={hintId} className="muted">
            A TrackRuit export (applications, and resumes from a JSON export), or a CSV from another tracker (Huntr, Teal, Simplify) or a spreadsheet with columns such as Job Title, Company,
            URL, Status and Date Applied. Up to {formatBytes(IMPORT_LIMITS.maxBytes)} and {IMPORT_LIMITS.maxRows.toLocaleString()} rows. Jobs and
            resumes already here are skipped, so importing a file twice is safe.
          </p>
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={!file || busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      <div role="status" className="import-progress">
        {progress && (
          <>
            <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={PHASES[progress.phase]} />
            <span>{progressText(progress)}</span>
          </>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {outcome && <ImportReport outcome={outcome} />}
    </section>
  );
}
