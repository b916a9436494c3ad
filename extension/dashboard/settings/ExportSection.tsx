import { useState } from 'react';
import type { Job } from '../../../shared/schema';
import { exportCsv, exportJson } from '../../../shared/transfer/export';
import { downloadText, exportFileName } from './download';

type Format = 'json' | 'csv';

export function ExportSection({ jobs }: { jobs: readonly Job[] }) {
  const [busy, setBusy] = useState<Format>();
  const [done, setDone] = useState<string>();

  async function save(format: Format) {
    setBusy(format);
    setDone(undefined);
    // Lets "Preparing…" paint before a large export is built.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = new Date();
    const name = exportFileName(format, now);
    if (format === 'json') downloadText(exportJson(jobs, now.toISOString()), name, 'application/json');
    else downloadText(exportCsv(jobs), name, 'text/csv;charset=utf-8');
    setBusy(undefined);
    setDone(`Saved ${jobs.length} ${jobs.length === 1 ? 'application' : 'applications'} to ${name}.`);
  }

  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">
        Everything on this device: notes, contacts, interviews, tags and status history. JSON keeps every detail and imports back exactly;
        CSV opens in a spreadsheet (lists are kept as JSON text in their columns).
      </p>
      <div className="row">
        <button type="button" onClick={() => void save('json')} disabled={busy !== undefined || jobs.length === 0}>
          {busy === 'json' ? 'Preparing…' : 'Export JSON'}
        </button>
        <button type="button" onClick={() => void save('csv')} disabled={busy !== undefined || jobs.length === 0}>
          {busy === 'csv' ? 'Preparing…' : 'Export CSV'}
        </button>
      </div>
      <p role="status" className="muted">
        {jobs.length === 0 ? 'There are no applications to export yet.' : done}
      </p>
    </section>
  );
}
