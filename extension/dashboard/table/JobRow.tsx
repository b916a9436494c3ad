import { memo, type MouseEvent } from 'react';
import type { Job } from '../../../shared/schema';
import { formatDate, label } from '../../ui/format';
import { routeHash } from '../route';

interface JobRowProps {
  job: Job;
  index: number;
  /** Position among all rows, for assistive technology (the header row is 1). */
  rowIndex: number;
  selected: boolean;
  /** The row that takes Tab focus (roving tabindex). */
  active: boolean;
  onToggle: (index: number, range: boolean) => void;
  onOpen: (id: string) => void;
  /** Focus anywhere in the row makes it the row the arrow keys move from. */
  onFocusRow: (index: number) => void;
}

/** Clicks on the row's own controls do what those controls do; anywhere else opens the job. */
function isControl(target: EventTarget): boolean {
  return target instanceof Element && target.closest('a, button, input, label, select, textarea') !== null;
}

export const JobRow = memo(function JobRow({ job, index, rowIndex, selected, active, onToggle, onOpen, onFocusRow }: JobRowProps) {
  const titleId = `job-title-${index}`;
  const company = job.company || 'unknown company';
  const tags = job.tags?.join(', ') ?? '';
  return (
    <tr
      data-job-id={job.id}
      aria-rowindex={rowIndex}
      tabIndex={active ? 0 : -1}
      className={selected ? 'is-selected' : undefined}
      onFocus={() => onFocusRow(index)}
      onClick={(event: MouseEvent) => {
        if (!isControl(event.target)) onOpen(job.id);
      }}
    >
      <td className="col-select">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`Select ${job.title} at ${company}`}
          onChange={(event) => onToggle(index, (event.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
        />
      </td>
      <th scope="row" id={titleId} className="col-title">
        <a href={job.url} target="_blank" rel="noopener noreferrer" className="job-title" title={job.title}>
          {job.title}
        </a>
      </th>
      <td title={job.company || undefined}>{job.company || '—'}</td>
      <td title={job.location || undefined}>{job.location || '—'}</td>
      <td>{label(job.platform)}</td>
      <td>
        <span className={`status-pill status-${job.status}`}>{label(job.status)}</span>
      </td>
      <td className="col-match">{job.mlAnalysis?.matchScore ?? <span className="muted">—</span>}</td>
      <td title={tags || undefined}>{tags || <span className="muted">—</span>}</td>
      <td>
        <time dateTime={job.appliedAt}>{formatDate(job.appliedAt)}</time>
      </td>
      <td>
        <time dateTime={job.updatedAt}>{formatDate(job.updatedAt)}</time>
      </td>
      <td className="col-open">
        <a href={routeHash({ page: 'job', id: job.id })} aria-describedby={titleId}>
          Details
        </a>
      </td>
    </tr>
  );
});
