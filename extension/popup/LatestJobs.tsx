import { formatDate, label } from '../ui/format';
import { useLiveJobs } from '../ui/use-live-jobs';

export const LATEST_COUNT = 5;

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
            <li key={job.id}>
              <a href={job.url} target="_blank" rel="noopener noreferrer" className="job-title">
                {job.title}
              </a>
              <span className="job-meta">
                {job.company || 'Unknown company'} · <span className="status-pill">{label(job.status)}</span> ·{' '}
                {formatDate(job.appliedAt ?? job.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
