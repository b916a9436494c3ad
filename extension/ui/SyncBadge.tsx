import { PENDING_SUMMARY_KEY, type PendingSummary } from '../background/sync/pending-changes';
import type { SyncState } from '../background/sync/sync-state';
import { formatDateTime } from './format';
import { pendingText } from './sync-text';
import { useStored } from './use-stored';

const TEXT: Record<SyncState['status'], string> = {
  signed_out: 'Not syncing',
  idle: 'Synced',
  syncing: 'Syncing…',
  offline: 'Offline',
  error: 'Sync error',
};

/** The published sync state; `null` (never published yet) reads as not syncing. */
export function SyncBadge({ state }: { state: SyncState | null | undefined }) {
  const status = state?.status ?? 'signed_out';
  return (
    <span className={`badge badge-${status}`} data-testid="sync-status" data-status={status} role="status">
      {TEXT[status]}
    </span>
  );
}

const NOTHING_WAITING: PendingSummary = { changes: 0, files: 0 };

/** Local changes (jobs, resumes) and originals to upload not yet on the server, as the background counts them. */
export function usePendingChanges(): PendingSummary | undefined {
  const summary = useStored<PendingSummary>(PENDING_SUMMARY_KEY);
  // undefined: still loading; null: never written, so nothing waits.
  return summary === undefined ? undefined : (summary ?? NOTHING_WAITING);
}

export function SyncDetails({ state }: { state: SyncState | null | undefined }) {
  const pending = usePendingChanges();
  return (
    <div className="sync-details">
      {pending !== undefined && (
        <span className="muted" data-testid="pending-changes" data-count={pending.changes + pending.files}>
          {pendingText(pending)}
        </span>
      )}
      <span className="muted">Last synced: {formatDateTime(state?.lastSyncedAt)}</span>
      {state?.error && <p className="error-text">{state.error}</p>}
    </div>
  );
}
