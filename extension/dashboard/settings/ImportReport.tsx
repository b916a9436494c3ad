import type { ImportOutcome } from './run-import';

/** Long lists are cut: nobody reads 5,000 lines, and the page must stay light. */
const SHOWN = 100;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function Cut<T>({ items, render }: { items: readonly T[]; render: (item: T) => string }) {
  return (
    <ul className="import-list">
      {items.slice(0, SHOWN).map((item, index) => (
        <li key={index}>{render(item)}</li>
      ))}
      {items.length > SHOWN && <li className="muted">…and {(items.length - SHOWN).toLocaleString()} more</li>}
    </ul>
  );
}

export function ImportReport({ outcome }: { outcome: ImportOutcome }) {
  const { plan, inserted, existing, writeFailures } = outcome;
  const label = plan.rowLabel;
  const failures = [...plan.failures, ...writeFailures].sort((a, b) => a.row - b.row);
  return (
    <div className="import-report" data-testid="import-report">
      <p>
        <strong>Imported {plural(inserted, 'application', 'applications')}</strong> from {plural(plan.rows, label.toLowerCase(), `${label.toLowerCase()}s`)}.
      </p>
      {existing.length > 0 && (
        <details>
          <summary>{plural(existing.length, 'was', 'were')} already on this device and left as they are</summary>
          <p className="muted">An import never overwrites a job you have: your copy may hold newer edits than the file.</p>
          <Cut items={existing} render={(entry) => `${label} ${entry.row}: ${entry.id}`} />
        </details>
      )}
      {plan.repeated.length > 0 && (
        <details>
          <summary>{plural(plan.repeated.length, 'row repeats', 'rows repeat')} an earlier row of the file (same posting)</summary>
          <Cut items={plan.repeated} render={(entry) => `${label} ${entry.row}: same job as ${label.toLowerCase()} ${entry.firstRow}`} />
        </details>
      )}
      {failures.length > 0 && (
        <div role="alert">
          <p className="error-text">{plural(failures.length, `${label.toLowerCase()} could not be read`, `${label.toLowerCase()}s could not be read`)}:</p>
          <Cut items={failures} render={(failure) => `${label} ${failure.row}: ${failure.reason}`} />
        </div>
      )}
      {plan.ignoredColumns.length > 0 && <p className="muted">Columns TrackRuit has no place for, ignored: {plan.ignoredColumns.join(', ')}.</p>}
      {plan.resumes.rows > 0 && <ResumesReport outcome={outcome} />}
    </div>
  );
}

/** Resumes of a JSON export, reported apart: their numbers ("Resume 2") count in the file's resume list. */
function ResumesReport({ outcome }: { outcome: ImportOutcome }) {
  const { plan, resumes } = outcome;
  const failures = [...plan.resumes.failures, ...resumes.writeFailures].sort((a, b) => a.row - b.row);
  return (
    <div data-testid="import-resumes-report">
      <p>
        <strong>Imported {plural(resumes.inserted, 'resume', 'resumes')}</strong> of {plural(plan.resumes.rows, 'resume', 'resumes')} in the file. Their
        original files are not in an export: download them on the Resumes page when your server has them.
      </p>
      {resumes.existing.length > 0 && (
        <details>
          <summary>{plural(resumes.existing.length, 'resume was', 'resumes were')} already on this device and left as they are</summary>
          <Cut items={resumes.existing} render={(entry) => `Resume ${entry.row}: “${entry.name}”`} />
        </details>
      )}
      {plan.resumes.repeated.length > 0 && (
        <details>
          <summary>{plural(plan.resumes.repeated.length, 'resume repeats', 'resumes repeat')} an earlier one of the file</summary>
          <Cut items={plan.resumes.repeated} render={(entry) => `Resume ${entry.row}: same resume as resume ${entry.firstRow}`} />
        </details>
      )}
      {failures.length > 0 && (
        <div role="alert">
          <p className="error-text">{plural(failures.length, 'resume could not be read', 'resumes could not be read')}:</p>
          <Cut items={failures} render={(failure) => `Resume ${failure.row}: ${failure.reason}`} />
        </div>
      )}
    </div>
  );
}
