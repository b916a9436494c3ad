import { useState } from 'react';
import type { Job } from '../../../shared/schema';
import { exportCsv, exportJson } from '../../../shared/transfer/export';
import { useResumes } from '../resumes/use-resumes';
import { downloadText, exportFileName } from './download';

type Format = 'json' | 'csv';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function ExportSection({ jobs }: { jobs: readonly Job[] }) {
  const [busy, setBusy] = useState<Format>();
  const [done, setDone] = useState<string>();
  const live = useResumes();
  const resumes = live.state === 'ready' ? live.resumes : [];
  const nothing = jobs.length === 0 && resumes.length === 0;

  async function save(format: Format) {
    setBusy(format);
    setDone(undefined);
    // Lets "Preparing…" paint before a large export is built.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = new Date();
    const name = exportFileName(format, now);
    const applications = count(jobs.length, 'application', 'applications');
    if (format === 'json') {
      downloadText(exportJson(jobs, now.toISOString(), resumes), name, 'application/json');
      setDone(`Saved ${applications}${resumes.length > 0 ? ` and ${count(resumes.length, 'resume', 'resumes')}` : ''} to ${name}.`);
    } else {
      downloadText(exportCsv(jobs), name, 'text/csv;charset=utf-8');
      setDone(`Saved ${applications} to ${name}.`);
    }
    setBusy(undefined);
  }

  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">
        Everything on this device: notes, contacts, interviews, tags and status history. JSON keeps every detail and imports back exactly,
        with your parsed resumes (their original files are named, not included: they stay on this device and your server); CSV opens
        in a spreadsheet (applications only; lists are kept as JSON text in their columns).
      </p>
      <div className="row">
        <button type="button" onClick={() => void save('json')} disabled={busy !== undefined || nothing}>
          {busy === 'json' ? 'Preparing…' : 'Export JSON'}
        </button>
        <button type="button" onClick={() => void save('csv')} disabled={busy !== undefined || jobs.length === 0}>
          {busy === 'csv' ? 'Preparing…' : 'Export CSV'}
        </button>
      </div>
      <p role="status" className="muted">
        {nothing ? 'There are no applications to export yet.' : done}
      </p>
    </section>
  );
}
