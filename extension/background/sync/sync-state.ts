export type SyncStatus = 'signed_out' | 'idle' | 'syncing' | 'offline' | 'error';

/** Published to `browser.storage.local` under SYNC_STATE_KEY for the popup and dashboard. */
export interface SyncState {
  status: SyncStatus;
  lastSyncedAt?: string;
  error?: string;
}

/**
 * Folds the replication's signals (network reachability, activity, errors)
 * into one status. A cycle that ends with no error and a reachable server is
 * a successful sync; the offline flag wins over other errors because a
 * replication error while offline is only a symptom.
 */
export class SyncStatusTracker {
  private offline = false;
  private active = false;
  private error: string | undefined;
  private failedThisCycle = false;
  /** Until the first replication cycle ends, "idle" would claim a sync that has not happened. */
  private firstCycle = false;
  private lastSyncedAt: string | undefined;
  private signedOut = false;
  private signedOutError: string | undefined;
  private last: string | undefined;

  constructor(
    private readonly publish: (state: SyncState) => void,
    private readonly now: () => Date = () => new Date(),
    initial?: SyncState,
  ) {
    this.lastSyncedAt = initial?.lastSyncedAt;
  }

  restoreLastSynced(at: string): void {
    this.lastSyncedAt ??= at;
  }

  started(): void {
    this.signedOut = false;
    this.signedOutError = undefined;
    this.error = undefined;
    this.offline = false;
    this.firstCycle = true;
    this.emit();
  }

  stopped(reason?: string): void {
    this.signedOut = true;
    this.signedOutError = reason;
    this.active = false;
    this.emit();
  }

  network(reachable: boolean): void {
    if (!reachable) this.failedThisCycle = true;
    if (this.offline === !reachable) return;
    this.offline = !reachable;
    this.emit();
  }

  activity(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active) {
      this.failedThisCycle = false;
    } else {
      this.firstCycle = false;
      if (!this.failedThisCycle && !this.offline) {
        this.error = undefined;
        this.lastSyncedAt = this.now().toISOString();
      }
    }
    this.emit();
  }

  failed(message: string): void {
    this.failedThisCycle = true;
    this.error = message;
    this.emit();
  }

  state(): SyncState {
    if (this.signedOut) return { status: 'signed_out', ...this.extras(this.signedOutError) };
    if (this.offline) return { status: 'offline', ...this.extras() };
    if (this.error) return { status: 'error', ...this.extras(this.error) };
    return { status: this.active || this.firstCycle ? 'syncing' : 'idle', ...this.extras() };
  }

  private extras(error?: string): Omit<SyncState, 'status'> {
    return {
      ...(this.lastSyncedAt ? { lastSyncedAt: this.lastSyncedAt } : {}),
      ...(error ? { error } : {}),
    };
  }

  private emit(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    this.publish(state);
  }
}
