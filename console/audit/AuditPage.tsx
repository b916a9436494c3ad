import { useState, type FormEvent } from 'react';
import type { AuditEntry } from '../../server/audit/chain';
import { queryString } from '../api';
import { useSession } from '../session';
import { ErrorMessage, formatDateTime, PageHeading, useLoad } from '../ui';

/** The audit log, newest first (GET /api/admin/audit), filtered, paged, and exported as CSV. */

interface AuditFilters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const ACTION_PREFIXES = ['user.', 'role.', 'auth.', 'second_factor.', 'admin.', 'audit.', 'owner.', 'rules.', 'ml.'];
const PAGE_SIZE = 50;

/** A `datetime-local` value (the admin's own clock) as the ISO time the server reads. */
function isoFrom(local: string): string | undefined {
  if (!local) return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function filterParams(filters: AuditFilters) {
  return { actor: filters.actor.trim() || undefined, action: filters.action.trim() || undefined, from: isoFrom(filters.from), to: isoFrom(filters.to) };
}

function actorText(actor: AuditEntry['actor']): string {
  return actor.type === 'user' ? (actor.email ?? actor.id) : actor.type;
}

function detailsText(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

export function AuditPage() {
  const { call, download } = useSession();
  const [filters, setFilters] = useState<AuditFilters>({ actor: '', action: '', from: '', to: '' });
  const [befores, setBefores] = useState<(number | null)[]>([null]);
  const [exportError, setExportError] = useState<unknown>(null);
  const before = befores[befores.length - 1] ?? null;
  const query = queryString({ ...filterParams(filters), limit: PAGE_SIZE, before: before ?? undefined });
  const [loaded] = useLoad(() => call<{ entries: AuditEntry[]; nextBeforeSeq: number | null }>('GET', `/api/admin/audit${query}`), query);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    setFilters({ actor: text('actor'), action: text('action'), from: text('from'), to: text('to') });
    setBefores([null]);
  }

  function exportCsv() {
    setExportError(null);
    download(`/api/admin/audit/export.csv${queryString(filterParams(filters))}`, 'audit-log.csv').catch((error: unknown) => setExportError(error));
  }

  const page = loaded.state === 'ready' ? loaded.value : null;
  return (
    <section className="console-page">
      <PageHeading>Audit log</PageHeading>
      <form className="console-filters" onSubmit={apply} role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-actor">Who (email, account id, cli, env)</label>
          <input id="audit-actor" name="actor" defaultValue={filters.actor} maxLength={254} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action (e.g. user.disabled, or user. for all)</label>
          <input id="audit-action" name="action" list="audit-action-prefixes" defaultValue={filters.action} maxLength={64} />
          <datalist id="audit-action-prefixes">
            {ACTION_PREFIXES.map((prefix) => (
              <option key={prefix} value={prefix} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="datetime-local" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">Until</label>
          <input id="audit-to" name="to" type="datetime-local" defaultValue={filters.to} />
        </div>
        <button type="submit" className="primary">
          Filter
        </button>
        <button type="button" onClick={exportCsv}>
          Download CSV
        </button>
      </form>
      <ErrorMessage error={exportError} />
      {loaded.state === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.state === 'loading' && <p role="status">Loading the audit log…</p>}
      {page && page.entries.length === 0 && <p role="status">No entry matches.</p>}
      {page && page.entries.length > 0 && (
        <table className="jobs console-table">
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">On</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td>{formatDateTime(entry.at)}</td>
                <th scope="row">{entry.action}</th>
                <td>{actorText(entry.actor)}</td>
                <td>{entry.target ? (entry.target.email ?? entry.target.id) : ''}</td>
                <td className="console-details">{detailsText(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && (
        <nav className="row console-pager" aria-label="Pages of the audit log">
          <button type="button" disabled={befores.length === 1} onClick={() => setBefores((list) => list.slice(0, -1))}>
            Newer entries
          </button>
          <button type="button" disabled={page.nextBeforeSeq === null} onClick={() => page.nextBeforeSeq !== null && setBefores((list) => [...list, page.nextBeforeSeq])}>
            Older entries
          </button>
        </nav>
      )}
    </section>
  );
}
