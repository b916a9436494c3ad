import type { SyncState } from '../background/sync-state';
import { formatDateTime } from './format';

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

export function SyncDetails({ state }: { state: SyncState | null | undefined }) {
  return (
    <div className="sync-details">
      <span className="muted">Last synced: {formatDateTime(state?.lastSyncedAt)}</span>
      {state?.error && <p className="error-text">{state.error}</p>}
    </div>
  );
}
