import { useState } from 'react';
import { JOB_STATUSES, JOB_LIMITS, type JobStatus } from '../../../shared/schema';
import { normaliseTags } from '../../../shared/jobs/edit';
import { label } from '../../ui/format';
import type { BulkProgress } from './bulk-actions';

interface BulkBarProps {
  count: number;
  matching: number;
  tags: readonly string[];
  progress: BulkProgress | undefined;
  error: string | undefined;
  onSelectAll: () => void;
  onClear: () => void;
  onStatus: (status: JobStatus) => void;
  onTag: (tag: string, action: 'add' | 'remove') => void;
  onDelete: () => void;
}

/** What can be done to the selected jobs at once. */
export function BulkBar({ count, matching, tags, progress, error, onSelectAll, onClear, onStatus, onTag, onDelete }: BulkBarProps) {
  const [status, setStatus] = useState<JobStatus>('interview');
  const [tag, setTag] = useState('');
  const busy = progress !== undefined;
  const cleanTag = normaliseTags([tag])[0];

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <p className="bulk-count">
        <strong>{count.toLocaleString()} selected</strong>
        {count < matching && (
          <button type="button" className="link" onClick={onSelectAll} disabled={busy}>
            Select all {matching.toLocaleString()} matching
          </button>
        )}
        <button type="button" className="link" onClick={onClear} disabled={busy}>
          Clear selection
        </button>
      </p>
      <div className="bulk-actions">
        <div className="bulk-field">
          <label htmlFor="bulk-status">Status</label>
          <select id="bulk-status" value={status} onChange={(event) => setStatus(event.target.value as JobStatus)} disabled={busy}>
            {JOB_STATUSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onStatus(status)} disabled={busy}>
            Set status
          </button>
        </div>
        <div className="bulk-field">
          <label htmlFor="bulk-tag">Tag</label>
          <input id="bulk-tag" list="bulk-tag-options" value={tag} maxLength={JOB_LIMITS.tagLength} onChange={(event) => setTag(event.target.value)} disabled={busy} />
          <datalist id="bulk-tag-options">
            {tags.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
          <button type="button" onClick={() => cleanTag && onTag(cleanTag, 'add')} disabled={busy || !cleanTag}>
            Add tag
          </button>
          <button type="button" onClick={() => cleanTag && onTag(cleanTag, 'remove')} disabled={busy || !cleanTag}>
            Remove tag
          </button>
        </div>
        <button type="button" className="danger" onClick={onDelete} disabled={busy}>
          Delete
        </button>
      </div>
      {progress && (
        <p role="status" className="muted">
          Working… {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
