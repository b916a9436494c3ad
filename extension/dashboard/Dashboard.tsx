import type { SyncState } from '../background/sync-state';
import { STORAGE_KEYS } from '../background/storage';
import { SyncBadge } from '../ui/SyncBadge';
import { SyncIssues } from '../ui/SyncIssues';
import { useLiveJobs } from '../ui/use-live-jobs';
import { useStored } from '../ui/use-stored';
import { DuplicateNotices } from './DuplicateNotices';
import { JobTable } from './JobTable';

export function Dashboard() {
  const live = useLiveJobs();
  const syncState = useStored<SyncState>(STORAGE_KEYS.syncState);

  return (
    <main className="dashboard">
      <header className="dashboard-header">
        <div>
          <h1>Your applications</h1>
          {live.state === 'ready' && (
            <p className="muted">
              {live.jobs.length} {live.jobs.length === 1 ? 'application' : 'applications'}
            </p>
          )}
        </div>
        <SyncBadge state={syncState} />
      </header>
      <SyncIssues />
      {live.state === 'loading' && <p className="empty">Loading…</p>}
      {live.state === 'error' && (
        <p className="error-text" role="alert">
          {live.message}
        </p>
      )}
      {live.state === 'ready' && live.jobs.length === 0 && (
        <div className="empty-state">
          <h2>No applications yet</h2>
          <p>When you apply to a job on LinkedIn, TrackRuit records it here automatically.</p>
        </div>
      )}
      {live.state === 'ready' && live.jobs.length > 0 && (
        <>
          <DuplicateNotices jobs={live.jobs} />
          <JobTable jobs={live.jobs} />
        </>
      )}
    </main>
  );
}
