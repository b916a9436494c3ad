import { describe, expect, it } from 'vitest';
import { SyncStatusTracker, type SyncState } from './sync-state';

function tracker() {
  const published: SyncState[] = [];
  let clock = 0;
  const instance = new SyncStatusTracker(
    (state) => published.push(state),
    () => new Date(Date.UTC(2025, 2, 1, 10, 0, clock++)),
  );
  return { instance, published };
}

describe('SyncStatusTracker', () => {
  it('goes syncing then idle with a last-synced time after a clean cycle', () => {
    const { instance, published } = tracker();
    instance.started();
    instance.activity(true);
    instance.network(true);
    instance.activity(false);

    expect(published).toEqual([{ status: 'syncing' }, { status: 'idle', lastSyncedAt: '2025-03-01T10:00:00.000Z' }]);
  });

  it('shows offline while the server is unreachable, without recording a sync', () => {
    const { instance, published } = tracker();
    instance.started();
    instance.activity(true);
    instance.network(false);
    instance.failed('Could not fetch changes from the server.');
    instance.activity(false);

    expect(published.at(-1)).toEqual({ status: 'offline' });
    instance.network(true);
    expect(published.at(-1)).toEqual({ status: 'error', error: 'Could not fetch changes from the server.' });
    instance.activity(true);
    instance.activity(false);
    expect(published.at(-1)).toEqual({ status: 'idle', lastSyncedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('reports signed out with the reason, and keeps the last sync time', () => {
    const { instance, published } = tracker();
    instance.started();
    instance.activity(true);
    instance.activity(false);
    instance.stopped('Your session has expired.');

    expect(published.at(-1)).toEqual({
      status: 'signed_out',
      lastSyncedAt: '2025-03-01T10:00:00.000Z',
      error: 'Your session has expired.',
    });
  });

  it('does not claim a sync before the first cycle ends, nor publish the same state twice', () => {
    const { instance, published } = tracker();
    instance.started();
    // RxDB's active$ starts with false before any work.
    instance.activity(false);
    instance.network(true);
    instance.network(true);
    expect(published).toEqual([{ status: 'syncing' }]);
  });
});
