import type { JobCollection } from '../../db/database';
import type { FetchLike } from '../api';
import { createAuthFetch } from '../account/auth-fetch';
import { Backoff } from './backoff';
import { countLocalJobs, wipeLocalJobs } from './local-data';
import { PendingChanges } from './pending-changes';
import { replicateJobs, type JobReplication } from './replication';
import { countLocalResumes, followLocalResumeWrites, startResumeSync, wipeLocalResumes, type ResumeSync } from './resume-replication';
import type { ExtensionStore } from '../storage';
import { trackSyncIssues } from './sync-issues';
import { SyncStatusTracker } from './sync-state';
import { forgetSyncState } from './engine';
import { SyncHttpError } from './couch/http-errors';
import { DATA_CONSENT_REVOKED } from '../../../shared/consent/firefox-data-collection';
import { DataConsentError } from '../account/data-consent';

export interface SyncControllerDeps {
  store: ExtensionStore;
  jobs: () => Promise<JobCollection>;
  fetch?: FetchLike;
  retryTime?: number;
  /** The user's sync switch in Settings; absent means always on. */
  syncEnabled?: () => Promise<boolean>;
  /** Firefox's data-collection consent (./account/data-consent.ts); absent means granted. */
  consented?: () => Promise<boolean>;
}

export const SYNC_PAUSED = 'Sync is paused in Settings.';

const SESSION_EXPIRED = 'Your session has expired. Sign in again to resume sync.';

function describe(error: unknown): string {
  if (error instanceof SyncHttpError) {
    if (error.status === 429) return 'The sync server asked to slow down. Changes are kept here and sent shortly.';
    if (error.status >= 500) return `The sync server is having trouble (${error.status}). Changes are kept here and retried.`;
    return error.reason ? `The sync server refused a request: ${error.reason}` : error.message;
  }
  if (error instanceof DataConsentError) return error.message;
  if (error instanceof TypeError) return 'Could not reach the sync server. Changes are kept here and sent when it is back.';
  return error instanceof Error ? error.message : 'Sync failed.';
}

/**
 * Owns the one live replication of the background. A service worker is
 * stopped when idle, so `ensureRunning` is called on every wake (startup,
 * alarm, sign-in) and builds the replication again from stored tokens.
 */
export class SyncController {
  private replication: JobReplication | undefined;
  private resumes: ResumeSync | undefined;
  private starting: Promise<void> | undefined;
  private readonly tracker: SyncStatusTracker;
  private readonly issues: ReturnType<typeof trackSyncIssues>;
  private readonly pending: PendingChanges;
  private readonly backoff = new Backoff();
  private following: Promise<void> | undefined;
  private ready: Promise<void>;

  constructor(private readonly deps: SyncControllerDeps) {
    this.issues = trackSyncIssues(deps.store);
    this.pending = new PendingChanges(deps.store);
    this.tracker = new SyncStatusTracker((state) => {
      void deps.store.setSyncState(state);
    });
    // Keep the last successful sync time across service-worker restarts.
    this.ready = deps.store.syncState().then((previous) => {
      if (previous?.lastSyncedAt) this.tracker.restoreLastSynced(previous.lastSyncedAt);
    });
  }

  ensureRunning(): Promise<void> {
    void this.followLocalWrites();
    if (this.replication && !this.replication.isStopped()) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Called by the alarm and `online`: restart if needed, retry now, and ask the server for anything missed. */
  async reSync(): Promise<void> {
    this.backoff.reset();
    await this.ensureRunning();
    this.replication?.reSync();
    this.resumes?.reSync();
  }

  /**
   * A page wrote jobs. The background usually sees the write itself, but a
   * page may write while this service worker is stopped: the message wakes
   * it, and the write is counted and pushed now instead of at the next alarm.
   */
  async localWrites(ids: readonly string[]): Promise<void> {
    await this.pending.add(ids);
    await this.ensureRunning();
  }

  pendingCount(): Promise<number> {
    return this.pending.count();
  }

  /** Resumes count too: signing in as another account must not carry this one's resumes over either. */
  localJobCount(): Promise<number> {
    return this.localDataCounts().then(({ jobs, resumes }) => jobs + resumes);
  }

  /** What a wipe would remove, by kind, so the question names both. */
  async localDataCounts(): Promise<{ jobs: number; resumes: number }> {
    const db = await this.deps.jobs();
    return { jobs: await countLocalJobs(db), resumes: await countLocalResumes(db) };
  }

  /** Stops syncing and removes every local job, so the next account starts from nothing. */
  async wipeLocalData(): Promise<void> {
    await this.stop();
    await wipeLocalJobs(await this.deps.jobs());
    await wipeLocalResumes(await this.deps.jobs());
    await forgetSyncState(await this.deps.jobs());
    await this.pending.clear();
    await this.deps.store.resetLocalData(crypto.randomUUID());
  }

  /** Installs from before accounts owned local data: what is here belongs to whoever is signed in. */
  private async adoptLocalData(): Promise<void> {
    const account = await this.deps.store.account();
    if (!account || (await this.deps.store.localOwner())) return;
    await this.deps.store.setLocalOwner({ serverUrl: account.serverUrl, userId: account.user.id, email: account.user.email });
  }

  private followLocalWrites(): Promise<void> {
    this.following ??= this.deps.jobs().then((jobs) => {
      this.pending.follow(jobs.eventBulks$);
      followLocalResumeWrites(jobs, this.pending);
    });
    return this.following;
  }

  async stop(reason?: string): Promise<void> {
    await this.starting;
    const replication = this.replication;
    this.replication = undefined;
    await replication?.cancel();
    await this.resumes?.stop();
    this.resumes = undefined;
    await this.ready;
    this.tracker.stopped(reason);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.ensureRunning();
  }

  private async start(): Promise<void> {
    await this.ready;
    if (this.deps.syncEnabled && !(await this.deps.syncEnabled())) {
      this.tracker.stopped(SYNC_PAUSED);
      return;
    }
    const tokens = await this.deps.store.get();
    // Signed in, then the person turned the permission off: nothing goes out until it is back.
    if (tokens && this.deps.consented && !(await this.deps.consented())) {
      this.tracker.stopped(DATA_CONSENT_REVOKED);
      return;
    }
    if (!tokens) {
      const account = await this.deps.store.account();
      this.tracker.stopped(account?.needsLogin ? SESSION_EXPIRED : undefined);
      return;
    }
    await this.adoptLocalData();
    const authFetch = createAuthFetch({
      store: this.deps.store,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      onNetwork: (reachable) => this.tracker.network(reachable),
      onSessionExpired: async () => {
        await this.deps.store.expire();
        // Not awaited: this runs inside one of the replication's own requests.
        void this.stop(SESSION_EXPIRED);
      },
    });
    this.tracker.started();
    const replication = replicateJobs({
      jobs: await this.deps.jobs(),
      syncUrl: tokens.syncUrl,
      epoch: await this.deps.store.localEpoch(),
      fetch: authFetch,
      backoff: this.backoff,
      setAside: {
        onSetAside: (docs) => {
          this.issues.onSetAside(docs);
          // Refused documents wait for an edit, shown as sync issues rather than as pending.
          void this.pending.remove(docs.map((doc) => doc.id));
        },
        onPushed: (ids) => {
          this.issues.onPushed(ids);
          void this.pending.remove(ids);
        },
      },
      ...(this.deps.retryTime ? { retryTime: this.deps.retryTime } : {}),
    });
    replication.active$.subscribe((active) => this.tracker.activity(active));
    replication.error$.subscribe((error) => {
      if (this.replication === replication) this.tracker.failed(describe(error));
    });
    this.replication = replication;
    this.resumes = startResumeSync({
      jobs: await this.deps.jobs(),
      syncUrl: tokens.syncUrl,
      serverUrl: tokens.serverUrl,
      epoch: await this.deps.store.localEpoch(),
      fetch: authFetch,
      backoff: this.backoff,
      setAside: this.issues.resumes,
      refusedFiles: this.issues.resumeFiles,
      pending: this.pending,
      ...(this.deps.retryTime ? { retryTime: this.deps.retryTime } : {}),
    });
  }
}
