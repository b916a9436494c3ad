import { useState } from 'react';
import { withStatus } from '../../shared/jobs/edit';
import { JOB_STATUSES, type Job, type JobStatus } from '../../shared/schema';
import { updateJob } from '../dashboard/data/job-writes';
import { formatDate, label } from '../ui/format';
import { useLiveJobs } from '../ui/use-live-jobs';
import './daily.css';

export const LATEST_COUNT = 5;

/** Moves a job through the same validating write as the dashboard: history recorded, field time stamped, synced. */
async function moveTo(id: string, status: JobStatus): Promise<void> {
  await updateJob(id, (existing, at) => withStatus(existing, status, at));
}

function LatestJob({ job }: { job: Job }) {
  const [error, setError] = useState<string>();
  const selectId = `status-${job.id}`;
  return (
    <li>
      <a href={job.url} target="_blank" rel="noopener noreferrer" className="job-title">
        {job.title}
      </a>
      <div className="latest-line">
        <span className="job-meta">
          {job.company || 'Unknown company'} · {formatDate(job.appliedAt ?? job.createdAt)}
        </span>
        <label htmlFor={selectId} className="visually-hidden">
          Status of {job.title}
          {job.company ? ` at ${job.company}` : ''}
        </label>
        <select
          id={selectId}
          className="status-select"
          value={job.status}
          onChange={(event) => {
            setError(undefined);
            moveTo(job.id, event.target.value as JobStatus).catch((caught: unknown) =>
              setError(`Could not change the status: ${caught instanceof Error ? caught.message : String(caught)}`),
            );
          }}
        >
          {JOB_STATUSES.map((status) => (
            <option key={status} value={status}>
              {label(status)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function LatestJobs() {
  const live = useLiveJobs(LATEST_COUNT);
  return (
    <section aria-labelledby="latest-heading" className="card">
      <h2 id="latest-heading">Latest applications</h2>
      {live.state === 'loading' && <p className="empty">Loading…</p>}
      {live.state === 'error' && <p className="error-text" role="alert">{live.message}</p>}
      {live.state === 'ready' && live.jobs.length === 0 && (
        <p className="empty">No applications yet. Apply to a job on LinkedIn and it appears here.</p>
      )}
      {live.state === 'ready' && live.jobs.length > 0 && (
        <ul className="latest" aria-label="Latest applications">
          {live.jobs.map((job) => (
            <LatestJob key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
