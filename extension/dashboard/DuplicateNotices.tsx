import { useState } from 'react';
import type { Job } from '../../shared/schema';
import { formatDate } from '../ui/format';
import { resolveDuplicate } from './resolve-duplicate';

function DuplicateNotice({ job, original }: { job: Job; original: Job | undefined }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function resolve(action: 'merge' | 'keep') {
    setBusy(true);
    setError(undefined);
    const reply = await resolveDuplicate(job.id, action);
    // On success the live query removes this notice; on failure it stays with the reason.
    setBusy(false);
    if (!reply.ok) setError(reply.error.message);
  }

  return (
    <li className="notice" data-job-id={job.id} aria-label={`Possible duplicate: ${job.title}`}>
      <p>
        <strong>{job.title}</strong> at {job.company || 'an unknown company'} ({formatDate(job.appliedAt ?? job.createdAt)}):{' '}
        {original ? (
          <>
            Possible duplicate of {original.title} at {original.company || 'an unknown company'} (applied{' '}
            {formatDate(original.appliedAt ?? original.createdAt)})
          </>
        ) : (
          'Possible duplicate of an application that is no longer here'
        )}
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void resolve('merge')}>
          Merge
        </button>
        <button type="button" disabled={busy} onClick={() => void resolve('keep')}>
          Keep both
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * Jobs the background flagged as possible reposts of another. Merge folds the
 * newer record into the older one; Keep both clears the flag. Nothing is
 * merged without the user's say: two applications can share a title.
 */
export function DuplicateNotices({ jobs }: { jobs: Job[] }) {
  const flagged = jobs.filter((job) => job.possibleDuplicateOf);
  if (flagged.length === 0) return null;
  const byId = new Map(jobs.map((job) => [job.id, job]));
  return (
    <section className="notices" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Possible duplicates</h2>
      <ul>
        {flagged.map((job) => (
          <DuplicateNotice key={job.id} job={job} original={byId.get(job.possibleDuplicateOf ?? '')} />
        ))}
      </ul>
    </section>
  );
}
