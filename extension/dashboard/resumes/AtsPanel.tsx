import { useEffect, useRef, useState } from 'react';
import type { AtsReport } from '../../../shared/match/ats-check';
import type { Resume } from '../../../shared/resume/doc';
import { ResumeParseError } from '../../resume/parse-resume-file';
import { ATS_ITEM_LABELS, ATS_STATUS_LABELS } from './ats-labels';
import { checkFile, hasRead, readForAts, type AtsSource } from './ats-read';
import { PARSE_ERROR_MESSAGES } from './parse-messages';

type CheckState = { state: 'idle' } | { state: 'running' } | { state: 'done'; report: AtsReport; source: AtsSource } | { state: 'failed'; message: string };

const SOURCES: { value: AtsSource; label: string }[] = [
  { value: 'original', label: 'The file you uploaded' },
  { value: 'pdf', label: 'TrackRuit’s ATS PDF export' },
  { value: 'docx', label: 'TrackRuit’s ATS DOCX export' },
];

function messageOf(error: unknown): string {
  if (error instanceof ResumeParseError) return PARSE_ERROR_MESSAGES[error.code];
  return error instanceof Error ? error.message : 'The check could not be run.';
}

/**
 * The ATS check of one resume: what an applicant-tracking parser reads from
 * the uploaded file or from TrackRuit's own export, item by item, and the
 * job's keywords when a job is chosen. Runs when asked (the original may have
 * to come from the server); once a file is read, choosing another job checks
 * it again at once.
 */
export function AtsPanel({ resume, job }: { resume: Resume; job: { id: string; title: string; text: string } | undefined }) {
  const [source, setSource] = useState<AtsSource>('original');
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const running = useRef<AbortController | undefined>(undefined);

  async function run(from: AtsSource) {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setCheck({ state: 'running' });
    try {
      const file = await readForAts(resume, from, controller.signal);
      const report = await checkFile(file, job ? { title: job.title, text: job.text } : undefined);
      if (!controller.signal.aborted) setCheck({ state: 'done', report, source: from });
    } catch (error) {
      if (!controller.signal.aborted) setCheck({ state: 'failed', message: messageOf(error) });
    }
  }

  // Another job: check the same file again when it was read already (no reading, no request).
  const jobId = job?.id;
  useEffect(() => {
    if (check.state === 'done' && hasRead(resume, check.source)) void run(check.source);
    // Only a new job re-runs the check; the rest is read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  useEffect(() => () => running.current?.abort(), []);

  const report = check.state === 'done' ? check.report : undefined;
  const nothingToFix = report !== undefined && report.counts.warn === 0 && report.counts.fail === 0;
  return (
    <section className="resume-panel" aria-labelledby="ats-check-title">
      <h2 id="ats-check-title">ATS check</h2>
      <p className="muted">What an applicant-tracking system reads from the file: its text, layout, contact details, sections, bullets and, against a chosen job, its keywords.</p>
      <div className="row">
        <label htmlFor="ats-source">File to check</label>
        <select id="ats-source" value={source} onChange={(event) => setSource(event.target.value as AtsSource)}>
          {SOURCES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void run(source)} disabled={check.state === 'running'}>
          Run ATS check
        </button>
      </div>
      <p role="status" className="muted" data-testid="ats-summary">
        {check.state === 'running'
          ? 'Reading the file…'
          : report
            ? `${report.counts.pass} of ${report.items.length} passed, ${report.counts.warn} ${report.counts.warn === 1 ? 'warning' : 'warnings'}, ${report.counts.fail} failed${report.counts['not-checked'] ? `, ${report.counts['not-checked']} not checked` : ''}.${nothingToFix ? ' Nothing to fix.' : ''}`
            : ''}
      </p>
      {check.state === 'failed' && (
        <p className="error-text" role="alert">
          {check.message}
        </p>
      )}
      {report && (
        <ul className="ats-items" aria-label="ATS check items">
          {report.items.map((item) => (
            <li key={item.id} className={`ats-item is-${item.status}`} data-item={item.id} data-status={item.status}>
              <span className="ats-status">{ATS_STATUS_LABELS[item.status]}</span>
              <div>
                <strong>{ATS_ITEM_LABELS[item.id]}</strong>
                <p className="ats-detail">{item.detail}</p>
                {item.fix && <p className="ats-fix">How to fix: {item.fix}</p>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
