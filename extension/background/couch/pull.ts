import type { ReplicationPullHandlerResult, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { Subject } from 'rxjs';
import { fromCouchDoc } from './couch-doc';
import { changes, type ChangesPage, type CouchDatabase } from './couch-requests';
import type { PulledStates } from '../pull-echoes';
import type { KnownRevisions } from './known-revisions';

export interface CouchCheckpoint {
  /** CouchDB's `last_seq`: the shape RxDB's CouchDB plugin stored, so existing checkpoints still apply. */
  sequence: string | number;
}

export interface LivePullOptions {
  db: CouchDatabase;
  batchSize: number;
  known: KnownRevisions;
  /** Every state pulled is remembered there, so the push never sends one back (see ../pull-echoes.ts). */
  pulled: PulledStates;
  /** Reported instead of thrown: the loop keeps going. */
  onError: (error: unknown) => void;
  retryTimeMs: number;
  /** How long the live pull waits for the first pull to say where to start. */
  firstPullWaitMs: number;
  heartbeatMs?: number;
}

type ChangeRow = ChangesPage['results'][number];

function documentsOf<T>(rows: ChangeRow[]): WithDeleted<T>[] {
  return rows.flatMap((row) => (row.doc ? [fromCouchDoc<T>(row.doc)] : []));
}

/**
 * The pull side of the replication: one-off pages for RxDB's checkpoint
 * iteration, and a longpoll loop for live changes. The loop starts where the
 * newest one-off page ended, never at "now": a change written between the
 * two would otherwise be skipped for good (RxDB's plugin starts at "now").
 */
export class CouchPull<T> {
  readonly stream$ = new Subject<RxReplicationPullStreamItem<T, CouchCheckpoint>>();
  private pulledTo: string | number | undefined;
  private markPulled: () => void = () => {};
  private readonly firstPull = new Promise<void>((resolve) => {
    this.markPulled = resolve;
  });
  private stopped = false;
  private running: AbortController | undefined;

  constructor(private readonly options: LivePullOptions) {}

  /**
   * One page for RxDB's checkpoint iteration. RxDB takes a page shorter than
   * the batch for the end of the feed, so pages thinned by `worthPulling` are
   * topped up from the next ones.
   */
  readonly handler = async (checkpoint: CouchCheckpoint | undefined, batchSize: number): Promise<ReplicationPullHandlerResult<T, CouchCheckpoint>> => {
    let since = checkpoint?.sequence ?? 0;
    const kept: ChangeRow[] = [];
    for (;;) {
      const page = await this.page(since, batchSize);
      since = page.last_seq;
      kept.push(...this.worthPulling(page.results));
      if (page.results.length < batchSize) break;
      // More to come: the server reads the next page while RxDB stores this one.
      this.prefetch(since, batchSize);
      if (kept.length >= batchSize) break;
    }
    this.pulledTo = since;
    this.markPulled();
    return { documents: documentsOf<T>(kept), checkpoint: { sequence: since } };
  };

  private prefetched: { since: string | number; limit: number; page: Promise<ChangesPage> } | undefined;

  private prefetch(since: string | number, limit: number): void {
    const page = this.fetchPage(since, limit);
    // A failed read-ahead is only dropped; the page is read again when it is asked for.
    page.catch(() => {});
    this.prefetched = { since, limit, page };
  }

  /**
   * The page read ahead when it starts where this one must: the feed only
   * grows, so anything changed since is on a later page. Filtering waits for
   * its use, so it sees what was pushed or pulled meanwhile.
   */
  private async page(since: string | number, limit: number): Promise<ChangesPage> {
    const ahead = this.prefetched;
    this.prefetched = undefined;
    if (ahead && ahead.since === since && ahead.limit === limit) {
      try {
        return await ahead.page;
      } catch {
        // Read again below.
      }
    }
    return this.fetchPage(since, limit);
  }

  private fetchPage(since: string | number, limit: number): Promise<ChangesPage> {
    return changes(this.options.db, { style: 'all_docs', feed: 'normal', include_docs: 'true', since, limit, seq_interval: limit });
  }

  start(): void {
    if (this.running) return;
    this.running = new AbortController();
    void this.loop(this.running.signal);
  }

  stop(): void {
    this.stopped = true;
    this.running?.abort();
    this.stream$.complete();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let since: string | number | undefined;
    while (!this.stopped) {
      const startedAt = Date.now();
      try {
        since ??= await this.startingPoint();
        const page = await changes({ ...this.options.db, fetch: (input, init) => this.options.db.fetch(input, { ...init, signal }) }, {
          style: 'all_docs',
          feed: 'longpoll',
          include_docs: 'true',
          since,
          limit: this.options.batchSize,
          seq_interval: this.options.batchSize,
          heartbeat: this.options.heartbeatMs ?? 60_000,
        });
        if (this.stopped) return;
        since = page.last_seq;
        const rows = this.worthPulling(page.results);
        if (rows.length > 0) this.stream$.next({ documents: documentsOf<T>(rows), checkpoint: { sequence: page.last_seq } });
      } catch (error) {
        if (this.stopped) return;
        this.options.onError(error);
        // A longpoll that ran long and then failed (a timeout) is retried at once; a quick failure waits.
        if (Date.now() - startedAt < this.options.retryTimeMs) await new Promise((resolve) => setTimeout(resolve, this.options.retryTimeMs));
      }
    }
  }

  private async startingPoint(): Promise<string | number> {
    if (this.pulledTo === undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.firstPull, new Promise((resolve) => (timer = setTimeout(resolve, this.options.firstPullWaitMs)))]);
      clearTimeout(timer);
    }
    if (this.pulledTo === undefined) throw new Error('No pull has reached the sync server yet');
    return this.pulledTo;
  }

  /** Leaves out versions older than one already seen (see ./known-revisions.ts). */
  private worthPulling(results: ChangeRow[]): ChangeRow[] {
    const { known, pulled } = this.options;
    return results.filter((row) => {
      const rev = row.doc?._rev;
      if (!row.doc || typeof rev !== 'string' || !known.see(row.id, rev)) return false;
      // This device's own write coming back is not a state it "only pulled".
      if (!known.isOwn(row.id, rev)) pulled.remember(row.doc);
      return true;
    });
  }
}
