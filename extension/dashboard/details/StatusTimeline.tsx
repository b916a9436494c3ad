import { statusTimeline } from '../../../shared/jobs/job-entries';
import type { Job } from '../../../shared/schema';
import { formatDateTime, label } from '../../ui/format';

/** Every status the application has had, oldest first, each with when it changed. */
export function StatusTimeline({ job }: { job: Job }) {
  const changes = statusTimeline(job);
  return (
    <section className="details-section" aria-labelledby="status-history-heading">
      <h3 id="status-history-heading">Status history</h3>
      {changes.length === 0 ? (
        <p className="muted">No status changes recorded.</p>
      ) : (
        <ol className="timeline">
          {changes.map((change, index) => (
            <li key={`${change.at}|${change.status}|${index}`}>
              <span className="status-pill">{label(change.status)}</span>{' '}
              <time dateTime={change.at}>{formatDateTime(change.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
