import type { RxCollection, WithDeleted } from 'rxdb';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import { reconcile } from '../../../shared/sync/reconcile';
import type { FetchLike } from '../api';
import { fromCouchDoc, isRevision, toCouchDoc, type CouchDoc } from './couch/couch-doc';
import { bulkDocs, bulkGet, changes, currentMasters, type ChangesPage, type CouchDatabase } from './couch/couch-requests';
import { failOnHttpError } from './couch/http-errors';
import { bookkeepingName, SyncBookkeeping, type SyncedState } from './bookkeeping';
import type { SetAsideDoc } from './set-aside';
import { LocalDocs, stateOf, SYNC_WRITE_CONTEXT, type LocalPosition, type LocalWrite } from './local-docs';

/**
 * TrackRuit's replication of one collection with one CouchDB database,
 * written over RxDB's storage instance (RxDB stays the local database for
 * queries). It replaces RxDB's replication protocol, whose upstream pushed the
 * document state captured in a change event against the assumed server state
 * read later: when the pull had meanwhile stored a newer server version, the
 * stale state went out with the newer revision and overwrote another
 * device's write (the chaos test's lost status changes). Here every push
 * reads the document as it is now, and every step that reads or writes a
 * document's local state and its bookkeeping runs in one queue.
 *
 * - Push: documents whose local state differs from the last synced server
 *   version, sent with the revision already known (no read first), two
 *   requests in flight. A conflict answer fetches the server's version and
 *   merges it in like a pull.
 * - Pull: the feed from a stored checkpoint (documents included while catching
 *   up, the next page read while one is stored), then a live longpoll without
 *   documents; revisions this device already has (its own pushes) are
 *   skipped and the rest fetched with `_bulk_get`.
 * - Bookkeeping (./bookkeeping.ts) is written after the documents are durable.
 */

export interface SyncEngineOptions<T> {
  collection: RxCollection<T>;
  /** Names the bookkeeping: another server database, or the same after a wipe, starts from scratch. */
  identifier: string;
  /** The server database, ending in `/`. */
  url: string;
  /** The fetch chain to the server (auth, set-aside, backoff); error statuses are thrown on top of it. */
  fetch: FetchLike;
  batchSize: { pull: number; push: number };
  /** Wait after a failed request before the next attempt (the backoff in the fetch chain adds to it). */
  retryTime: number;
  /** Brings a server version to the current schema before it is compared, merged or stored. */
  upgrade?: (doc: WithDeleted<T>) => WithDeleted<T>;
  /** Returns null to keep a document on the device instead of pushing it (it is then set aside until edited). */
  pushModifier?: (doc: WithDeleted<T>) => WithDeleted<T> | null;
  /** Documents the server stored. */
  onPushed?: (ids: string[]) => void;
  /** Documents the server refused for good in their current state (a quota, a size): kept here, not retried until edited. */
  onRefused?: (docs: SetAsideDoc[]) => void;
  /** Checks a server version before it is upgraded and stored (synced documents are untrusted): issues, or null when it is fine. */
  checkIncoming?: (doc: CouchDoc) => DocIssue[] | null;
  /** Server versions not stored because this version cannot read them; the rest of the feed goes on. */
  onUnreadable?: (docs: SetAsideDoc[]) => void;
  /** The IndexedDB the bookkeeping lives in; the collection's own by default. */
  indexedDB?: IDBFactory;
  heartbeatMs?: number;
}

/** What is wrong with one document, field by field (the shared schema's validation issues). */
export type DocIssue = SetAsideDoc['issues'][number];

export interface SyncConflict<T> {
  base: WithDeleted<T> | undefined;
  local: WithDeleted<T>;
  remote: WithDeleted<T>;
  merged: WithDeleted<T>;
}

const PUSHES_IN_FLIGHT = 2;
/** How long the server holds a longpoll open with nothing to say; the client gives it longer before it gives up. */
const LONGPOLL_TIMEOUT_MS = 50_000;
const LONGPOLL_DEADLINE_MS = 80_000;
/** Any other request, its answer read to the end. */
const REQUEST_DEADLINE_MS = 60_000;
/** Row errors that name a document the server will not take as it is (quota_documents, quota_bytes; too_large after splitting). */
const REFUSALS = new Set(['forbidden', 'too_large']);
/** How many ms of local writes a restart looks at again: writes from other pages can arrive a little out of order. */
const LOCAL_REPLAY_MS = 5_000;
const MAX_OWN_WRITES = 50_000;
/** Unreadable documents remembered to fetch again; beyond that the oldest are forgotten (an edit elsewhere brings one back). */
const MAX_UNREADABLE = 1_000;

function generation(rev: string): number {
  return Number.parseInt(rev, 10);
}

/**
 * Where the next look at local writes starts, after one that read up to `position` at `readAt`:
 * a write from another page can become visible a little after later ones, so the last
 * moments before the read are read again. Writes older than that are settled, however recent
 * the newest write is (measuring from the newest write re-read the last seconds of a busy
 * device's writes on every wake-up).
 */
function settledUpTo(position: LocalPosition | undefined, readAt: number): LocalPosition {
  const replayed = { lwt: Math.max(0, readAt - LOCAL_REPLAY_MS), id: '' };
  return position && before(position, replayed) ? position : replayed;
}

function before(a: LocalPosition, b: LocalPosition): boolean {
  return a.lwt < b.lwt || (a.lwt === b.lwt && a.id < b.id);
}

function laterOf(a: LocalPosition | undefined, b: LocalPosition | undefined): LocalPosition | undefined {
  if (!a || !b) return a ?? b;
  return before(a, b) ? b : a;
}

function storageFactory<T>(collection: RxCollection<T>): IDBFactory {
  const settings = (collection.database.storage as { settings?: { indexedDB?: IDBFactory } }).settings;
  return settings?.indexedDB ?? globalThis.indexedDB;
}

class Stopped extends Error {}

/**
 * Whether a page reached the end of the feed. A short page alone does not
 * say so: servers stop a page early at their byte limit.
 */
function feedEnded(page: ChangesPage): boolean {
  return page.results.length === 0 || page.pending === 0;
}

export class SyncEngine<T> {
  readonly error$ = new Subject<Error>();
  readonly active$ = new BehaviorSubject(false);
  /** Server versions stored on this device. */
  readonly received$ = new Subject<WithDeleted<T>>();
  /** Local states the server stored. */
  readonly sent$ = new Subject<WithDeleted<T>>();
  /** Local edits merged with a server version. */
  readonly conflict$ = new Subject<SyncConflict<T>>();

  private readonly scope: string;
  private readonly db: CouchDatabase;
  private readonly local: LocalDocs<T>;
  private readonly upgrade: (doc: WithDeleted<T>) => WithDeleted<T>;
  private readonly book: Promise<SyncBookkeeping>;
  private readonly stopping = new AbortController();
  private wake = new AbortController();
  private stopped = false;
  private subscription: Subscription | undefined;

  /** Ids that may differ from the server; checked when pushed. */
  private readonly dirty = new Set<string>();
  /** Ids being pushed, with the push that carries them. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Ids whose push request has left, until its answer is recorded: the only pushes the feed can announce. */
  private readonly sending = new Map<string, Promise<void>>();
  /** Local revision at which a document was set aside: not pushed again until edited. */
  private readonly setAside = new Map<string, string>();
  private pushes = 0;
  private pushRetryAt = 0;
  private pushRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private busy = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Newest local write seen, for the push checkpoint. */
  private latestLocal: LocalPosition | undefined;
  private sweeping = false;
  private sweepAgain = false;
  /** How far this engine's sweeps have read: a later sweep only looks again at the last moments before it. */
  private sweptTo: LocalPosition | undefined;
  private sweptDocs = 0;
  /** Server documents this version could not read, as saved in the checkpoints (loaded on first use). */
  private unreadable: Set<string> | undefined;
  /** Local revisions this engine wrote (server versions stored), newest last: a sweep has nothing to push for them. */
  private readonly ownWrites = new Map<string, string>();
  private pulledOnce = false;
  private sweptOnce = false;
  private readonly settled$ = new Subject<void>();
  /** What the pull is waiting on, for diagnosing a stall. */
  private pullStep = 'starting';
  /** The queued step running now, and how many wait behind it. */
  private running: { label: string; since: number } | undefined;
  private queued = 0;
  private readonly pushSteps = new Map<number, string>();
  private pushCount = 0;

  constructor(private readonly options: SyncEngineOptions<T>) {
    this.scope = options.identifier;
    const toServer = failOnHttpError(options.fetch);
    // Every request has a deadline, its body included: a connection that stops halfway must not hold a push, or the pull, forever.
    this.db = {
      url: options.url,
      fetch: (input, init) => {
        const deadline = AbortSignal.timeout(new URL(input).searchParams.get('feed') === 'longpoll' ? LONGPOLL_DEADLINE_MS : REQUEST_DEADLINE_MS);
        return toServer(input, { ...init, signal: AbortSignal.any([this.stopping.signal, deadline, ...(init?.signal ? [init.signal] : [])]) });
      },
    };
    this.local = new LocalDocs(options.collection);
    this.upgrade = options.upgrade ?? ((doc) => doc);
    this.book = SyncBookkeeping.open(options.indexedDB ?? storageFactory(options.collection), bookkeepingName(options.collection.database.name));
    // Reported, not thrown: the engine keeps going.
    this.book.catch((error: unknown) => this.report(error));
  }

  start(): this {
    this.subscription = this.options.collection.storageInstance.changeStream().subscribe((bulk) => {
      const last = bulk.events.at(-1);
      if (last) this.latestLocal = { lwt: (last.documentData as { _meta: { lwt: number } })._meta.lwt, id: last.documentId };
      if (bulk.context === SYNC_WRITE_CONTEXT) {
        for (const event of bulk.events) this.rememberOwnWrite(event.documentId, event.documentData._rev);
        return;
      }
      for (const event of bulk.events) {
        this.ownWrites.delete(event.documentId);
        this.dirty.add(event.documentId);
      }
      this.schedulePush();
    });
    void this.sweepLocal();
    void this.pullLoop();
    return this;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** Pushes and pulls now: cuts retry waits and the live longpoll short, and looks for local writes missed. */
  reSync(): void {
    if (this.stopped) return;
    this.pushRetryAt = 0;
    const wake = this.wake;
    this.wake = new AbortController();
    wake.abort();
    void this.sweepLocal();
    this.schedulePush();
  }

  async cancel(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.pushRetryTimer);
    this.stopping.abort();
    this.wake.abort();
    await this.queue.catch(() => undefined);
    (await this.book.catch(() => undefined))?.close();
    this.active$.complete();
    this.settled$.complete();
  }

  /** A snapshot of what the engine is doing, for diagnosing a stall (tests, support). */
  diagnostics(): Record<string, unknown> {
    return {
      stopped: this.stopped,
      pullStep: this.pullStep,
      pulledOnce: this.pulledOnce,
      sweptOnce: this.sweptOnce,
      sweeping: this.sweeping,
      /** Local documents the sweeps for missed writes have looked at, in all. */
      sweptDocs: this.sweptDocs,
      dirty: this.dirty.size,
      inFlight: this.inFlight.size,
      pushes: this.pushes,
      busy: this.busy,
      pushRetryInMs: Math.max(0, this.pushRetryAt - Date.now()),
      setAside: this.setAside.size,
      queueRunning: this.running ? `${this.running.label} for ${Date.now() - this.running.since} ms` : null,
      queued: this.queued,
      pushSteps: [...this.pushSteps.values()],
    };
  }

  /** Resolves once the first pull has caught up and every local write from before the start is on the server. */
  async awaitInitialReplication(): Promise<void> {
    await this.until(() => this.pulledOnce && this.sweptOnce && this.dirty.size === 0 && this.inFlight.size === 0);
  }

  /** Resolves once nothing is waiting to be pushed or stored. */
  async awaitInSync(): Promise<void> {
    await this.until(() => this.pulledOnce && this.sweptOnce && !this.sweeping && this.dirty.size === 0 && this.inFlight.size === 0 && this.busy === 0);
  }

  private until(done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      if (done()) return resolve();
      const subscription = this.settled$.subscribe({
        next: () => {
          if (!done()) return;
          subscription.unsubscribe();
          resolve();
        },
        complete: () => reject(new Error('The replication was stopped')),
      });
    });
  }

  // --- bookkeeping of activity ---

  private async activity<R>(work: () => Promise<R>): Promise<R> {
    this.busy += 1;
    if (this.busy === 1) this.active$.next(true);
    try {
      return await work();
    } finally {
      this.busy -= 1;
      if (this.busy === 0 && !this.stopped) this.active$.next(false);
      if (!this.stopped) this.settled$.next();
    }
  }

  /** Runs `work` after every earlier queued step: reading a document and its bookkeeping and writing them back never interleave. */
  private serial<R>(label: string, work: () => Promise<R>): Promise<R> {
    this.queued += 1;
    const run = this.queue.then(() => {
      this.queued -= 1;
      if (this.stopped) throw new Stopped();
      this.running = { label, since: Date.now() };
      return work();
    }).finally(() => {
      this.running = undefined;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private report(error: unknown): void {
    if (this.stopped || error instanceof Stopped) return;
    this.error$.next(error instanceof Error ? error : new Error(String(error)));
  }

  private sleep(ms: number): Promise<void> {
    const signal = AbortSignal.any([this.stopping.signal, this.wake.signal]);
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  // --- push ---

  /** Collects local writes since the push checkpoint (made while no engine ran, or missed) as candidates. */
  private async sweepLocal(): Promise<void> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = true;
    try {
      do {
        this.sweepAgain = false;
        const book = await this.book;
        let position = laterOf((await book.checkpoints(this.scope)).push, this.sweptTo);
        const readAt = Date.now();
        for (;;) {
          if (this.stopped) return;
          const page = await this.local.changedSince(position, this.options.batchSize.push);
          for (const doc of page.docs) {
            const id = this.local.idOf(doc);
            // A server version this engine stored: pushing it back would be a no-op that still
            // costs a read, and on a busy device the sweep found hundreds of them on every wake-up.
            if (this.ownWrites.get(id) !== doc._rev) this.dirty.add(id);
          }
          this.sweptDocs += page.docs.length;
          position = page.position;
          if (position && (!this.latestLocal || position.lwt > this.latestLocal.lwt)) this.latestLocal = position;
          this.schedulePush();
          if (page.docs.length < this.options.batchSize.push) break;
        }
        // Not the push checkpoint: that one waits until nothing is being pushed, which under steady
        // writes is never, and each wake-up would otherwise read every write since then again (the
        // chaos test's slow convergence under load: sweeps every second, each re-checking all of them).
        this.sweptTo = settledUpTo(position, readAt);
      } while (this.sweepAgain);
      this.sweptOnce = true;
    } catch (error) {
      this.report(error);
    } finally {
      this.sweeping = false;
      if (!this.stopped) this.settled$.next();
      void this.savePushCheckpoint();
    }
  }

  private rememberOwnWrite(id: string, rev: string): void {
    this.ownWrites.delete(id);
    this.ownWrites.set(id, rev);
    // Bounded: forgetting one only costs a sweep a needless check.
    if (this.ownWrites.size > MAX_OWN_WRITES) this.ownWrites.delete(this.ownWrites.keys().next().value!);
  }

  private schedulePush(): void {
    if (this.stopped) return;
    const wait = this.pushRetryAt - Date.now();
    if (wait > 0) {
      this.pushRetryTimer ??= setTimeout(() => {
        this.pushRetryTimer = undefined;
        this.schedulePush();
      }, wait);
      return;
    }
    while (this.pushes < PUSHES_IN_FLIGHT) {
      const ids: string[] = [];
      for (const id of this.dirty) {
        if (this.inFlight.has(id)) continue;
        ids.push(id);
        if (ids.length >= this.options.batchSize.push) break;
      }
      if (ids.length === 0) return;
      this.pushes += 1;
      const pushed = this.activity(() => this.push(ids));
      for (const id of ids) {
        this.dirty.delete(id);
        this.inFlight.set(id, pushed);
      }
      void pushed.finally(() => {
        this.pushes -= 1;
        for (const id of ids) this.inFlight.delete(id);
        if (this.stopped) return;
        this.schedulePush();
        this.settled$.next();
        void this.savePushCheckpoint();
      });
    }
  }

  private async push(ids: string[]): Promise<void> {
    const number = (this.pushCount += 1);
    const step = (what: string) => this.pushSteps.set(number, `push ${number} of ${ids.length}: ${what}`);
    let recorded!: () => void;
    const answered = new Promise<void>((resolve) => (recorded = resolve));
    try {
      step('opening the bookkeeping');
      const book = await this.book;
      step('reading the documents');
      const rows = await this.serial('push: read', async () => {
        const [docs, synced] = await Promise.all([this.local.read(ids), book.states<WithDeleted<T>>(this.scope, ids)]);
        const out: { id: string; localRev: string; sent: WithDeleted<T>; couch: CouchDoc }[] = [];
        for (const id of ids) {
          const doc = docs.get(id);
          if (!doc) continue;
          const state = stateOf(doc);
          const known = synced.get(id);
          if (known && this.equal(state, known.base)) continue;
          if (this.setAside.get(id) === doc._rev) continue;
          const sendable = this.options.pushModifier ? this.options.pushModifier(state) : state;
          if (!sendable) {
            this.setAside.set(id, doc._rev);
            continue;
          }
          out.push({ id, localRev: doc._rev, sent: sendable, couch: toCouchDoc(sendable, known?.rev) });
        }
        return out;
      });
      if (rows.length === 0) return;

      step(`sending ${rows.length}`);
      for (const row of rows) this.sending.set(row.id, answered);
      const answer = await bulkDocs(this.db, rows.map((row) => row.couch));
      const byId = new Map(rows.map((row) => [row.id, row]));
      const stored: SyncedState<WithDeleted<T>>[] = [];
      const conflicted: string[] = [];
      const refused: { id: string; issues: { path: string; message: string }[] }[] = [];
      let failure: Error | undefined;
      for (const result of answer) {
        const row = typeof result.id === 'string' ? byId.get(result.id) : undefined;
        if (!row) continue;
        if (result.ok && isRevision(result.rev)) stored.push({ scope: this.scope, id: row.id, rev: result.rev, base: row.sent });
        else if (result.ok) this.setAside.set(row.id, row.localRev);
        else if (result.error === 'conflict') conflicted.push(row.id);
        else if (REFUSALS.has(result.error ?? '')) {
          // Sending it again changes nothing: the person sees why, and an edit sends it again.
          this.setAside.set(row.id, row.localRev);
          refused.push({ id: row.id, issues: [{ path: '', message: result.reason ?? 'The sync server refused this document' }] });
        }
        else {
          // Retried later; refusals the person must see are set aside before this (./set-aside.ts).
          this.dirty.add(row.id);
          failure ??= new Error(`The sync server did not store ${row.id}: ${result.reason ?? result.error ?? 'no reason given'}`);
        }
      }
      step('recording what the server stored');
      await this.serial('push: record', async () => {
        const current = await book.states<WithDeleted<T>>(this.scope, stored.map((state) => state.id));
        // A pull may already have stored a newer version (another device wrote right after this push).
        await book.putStates(stored.filter((state) => {
          const known = current.get(state.id);
          return !known || generation(state.rev) > generation(known.rev);
        }));
      });
      if (refused.length > 0) this.options.onRefused?.(refused);
      for (const state of stored) this.sent$.next(state.base);
      if (stored.length > 0) this.options.onPushed?.(stored.map((state) => state.id));

      if (conflicted.length > 0) {
        // Written elsewhere meanwhile: the server's version is merged in and the result pushed.
        step(`reading ${conflicted.length} conflicts`);
        const masters = await currentMasters(this.db, conflicted);
        step(`merging ${conflicted.length} conflicts`);
        await this.integrate([...masters.values()].map((master) => master.doc));
        for (const id of conflicted) if (!masters.has(id)) this.dirty.add(id);
      }
      if (failure) throw failure;
    } catch (error) {
      if (error instanceof Stopped || this.stopped) return;
      for (const id of ids) this.dirty.add(id);
      this.pushRetryAt = Date.now() + this.options.retryTime;
      this.report(error);
    } finally {
      for (const id of ids) if (this.sending.get(id) === answered) this.sending.delete(id);
      recorded();
      this.pushSteps.delete(number);
    }
  }

  /** Remembers how far local writes are settled, once nothing is waiting: the next start sweeps from there. */
  private async savePushCheckpoint(): Promise<void> {
    const latest = this.latestLocal;
    if (this.stopped || !latest || this.sweeping || this.dirty.size > 0 || this.inFlight.size > 0) return;
    try {
      const book = await this.book;
      await book.setCheckpoint(this.scope, { push: settledUpTo(latest, Date.now()) });
    } catch (error) {
      this.report(error);
    }
  }

  // --- pull ---

  private async pullLoop(): Promise<void> {
    let since: string | number | undefined;
    let ahead: { since: string | number; page: Promise<ChangesPage> } | undefined;
    let caughtUp = false;
    /** What earlier runs could not read, fetched again once this run has caught up. */
    let leftOut: string[] | undefined;
    while (!this.stopped) {
      const wake = this.wake.signal;
      try {
        const book = await this.book;
        if (since === undefined) {
          const checkpoints = await book.checkpoints(this.scope);
          since = checkpoints.pull ?? 0;
          leftOut ??= checkpoints.unreadable ?? [];
        }
        if (!caughtUp) {
          // Catching up: pages read ahead while one is stored. Documents come with the pages only on
          // the first catch-up; later ones (after a burst of live changes, mostly this device's own
          // pushes coming back) list revisions only and fetch what is missing.
          const withDocs = !this.pulledOnce;
          const from = since;
          this.pullStep = `catching up from ${String(from)}${ahead?.since === from ? ' (read ahead)' : ''}`;
          const page = ahead?.since === from ? await ahead.page : await this.changesPage(from, withDocs ? 'normal-docs' : 'normal', wake);
          this.pullStep = `storing ${page.results.length} changes up to ${String(page.last_seq)}`;
          ahead = undefined;
          if (!feedEnded(page)) {
            const next = this.changesPage(page.last_seq, withDocs ? 'normal-docs' : 'normal', wake);
            next.catch(() => undefined);
            ahead = { since: page.last_seq, page: next };
          }
          await this.activity(() => this.storePage(page, withDocs));
          since = page.last_seq;
          if (feedEnded(page)) {
            caughtUp = true;
            if (!this.pulledOnce && leftOut && leftOut.length > 0) {
              const ids = leftOut;
              await this.activity(() => this.retryUnreadable(ids));
            }
            this.pulledOnce = true;
            this.settled$.next();
          }
          continue;
        }
        this.pullStep = `live from ${String(since)}`;
        const page = await this.changesPage(since, 'longpoll', wake);
        this.pullStep = `storing ${page.results.length} live changes up to ${String(page.last_seq)}`;
        await this.activity(() => this.storePage(page, false));
        since = page.last_seq;
        if (!feedEnded(page)) caughtUp = false;
      } catch (error) {
        ahead = undefined;
        if (this.stopped) return;
        if (wake.aborted) {
          // reSync: read the feed again from the stored checkpoint.
          since = undefined;
          caughtUp = false;
          continue;
        }
        this.report(error);
        this.pullStep = 'waiting to retry';
        await this.sleep(this.options.retryTime);
        since = undefined;
        caughtUp = false;
      }
    }
  }

  private changesPage(since: string | number, feed: 'normal-docs' | 'normal' | 'longpoll', wake: AbortSignal): Promise<ChangesPage> {
    const limit = this.options.batchSize.pull;
    const db: CouchDatabase = { ...this.db, fetch: (input, init) => this.db.fetch(input, { ...init, signal: wake }) };
    if (feed === 'normal-docs') return changes(db, { feed: 'normal', include_docs: 'true', since, limit, seq_interval: limit });
    if (feed === 'normal') return changes(db, { feed: 'normal', since, limit, seq_interval: limit });
    return changes(db, { feed: 'longpoll', since, limit, seq_interval: limit, heartbeat: this.options.heartbeatMs ?? 30_000, timeout: LONGPOLL_TIMEOUT_MS });
  }

  /** Stores one page of the server's feed, then its checkpoint. */
  private async storePage(page: ChangesPage, withDocs: boolean): Promise<void> {
    const book = await this.book;
    const rows = page.results.filter((row) => typeof row.id === 'string' && !row.id.startsWith('_design/'));
    // The feed can announce a push before its answer arrives here: waiting for it saves fetching this device's
    // own write. Only pushes already sent: one still waiting to read its documents cannot be in the feed, and
    // waiting for it held the pull behind every queued push (the chaos test's slow convergence under load).
    const pushing = new Set(rows.flatMap((row) => this.sending.get(row.id) ?? []));
    if (pushing.size > 0) this.pullStep = `waiting for ${pushing.size} pushes of these documents`;
    await Promise.all(pushing);
    let docs: CouchDoc[];
    // With the documents at hand, integrate's own check of what this device already has is enough: reading
    // the bookkeeping here too cost a second read of every synced state per page.
    if (withDocs) docs = rows.flatMap((row) => (row.doc ? [row.doc] : []));
    else {
      const known = await book.states(this.scope, rows.map((row) => row.id));
      const wanted = rows.filter((row) => {
        const rev = row.changes?.[0]?.rev;
        if (!isRevision(rev)) return false;
        const state = known.get(row.id);
        // This device's own pushes, and versions older than one it has, are not fetched.
        return !state || (state.rev !== rev && generation(rev) >= generation(state.rev));
      });
      docs = await bulkGet(this.db, wanted.map((row) => ({ id: row.id, rev: row.changes![0]!.rev })));
    }
    await this.integrate(docs);
    await book.setCheckpoint(this.scope, { pull: page.last_seq });
  }

  /** Fetches again the server documents an earlier version of the extension could not read: this one may. */
  private async retryUnreadable(ids: string[]): Promise<void> {
    const masters = await currentMasters(this.db, ids);
    await this.integrate([...masters.values()].map((master) => master.doc), ids);
  }

  /** Reads server versions for storing; those that fail the check or the upgrade are left out and reported. */
  private readable(docs: readonly CouchDoc[]): { readable: { id: string; rev: string; remote: WithDeleted<T> }[]; unreadable: SetAsideDoc[] } {
    const readable: { id: string; rev: string; remote: WithDeleted<T> }[] = [];
    const unreadable: SetAsideDoc[] = [];
    for (const doc of docs) {
      if (!isRevision(doc._rev) || typeof doc._id !== 'string') continue;
      try {
        const issues = this.options.checkIncoming?.(doc) ?? null;
        if (issues) unreadable.push({ id: doc._id, issues });
        else readable.push({ id: doc._id, rev: doc._rev, remote: this.upgrade(fromCouchDoc<T>(doc)) });
      } catch (error) {
        unreadable.push({ id: doc._id, issues: [{ path: '(document)', message: error instanceof Error ? error.message : String(error) }] });
      }
    }
    return { readable, unreadable };
  }

  /** Keeps the list of unreadable documents: those newly unreadable added, those read now (or asked again and gone) removed. */
  private async noteUnreadable(unreadable: readonly string[], settled: readonly string[]): Promise<void> {
    const book = await this.book;
    // Read once, then kept here (every change goes through this queued step): not a read per pulled page.
    this.unreadable ??= new Set((await book.checkpoints(this.scope)).unreadable ?? []);
    const list = this.unreadable;
    let changed = false;
    for (const id of settled) changed = list.delete(id) || changed;
    for (const id of unreadable) {
      list.delete(id);
      list.add(id);
      changed = true;
    }
    if (!changed) return;
    for (const id of [...list].slice(0, Math.max(0, list.size - MAX_UNREADABLE))) list.delete(id);
    await book.setCheckpoint(this.scope, { unreadable: [...list] });
  }

  /**
   * Stores server versions: taken as they are where the device has no
   * edits since its last sync, merged with the edits where it has (and the
   * merge queued for a push). A document the person writes in between is
   * read again and merged again.
   */
  private integrate(docs: readonly CouchDoc[], asked: readonly string[] = []): Promise<void> {
    if (docs.length === 0 && asked.length === 0) return Promise.resolve();
    return this.serial('store server versions', async () => {
      const book = await this.book;
      const { readable, unreadable } = this.readable(docs);
      // An unreadable version must not stop the feed: everything after it would never arrive.
      await this.noteUnreadable(unreadable.map((doc) => doc.id), [...asked, ...readable.map((doc) => doc.id)]);
      if (unreadable.length > 0) this.options.onUnreadable?.(unreadable);
      let pending = readable;
      while (pending.length > 0 && !this.stopped) {
        const ids = pending.map((item) => item.id);
        const [docsHere, synced] = await Promise.all([this.local.read(ids), book.states<WithDeleted<T>>(this.scope, ids)]);
        const writes: LocalWrite<T>[] = [];
        const records: SyncedState<WithDeleted<T>>[] = [];
        const toPush: string[] = [];
        const received: WithDeleted<T>[] = [];
        for (const item of pending) {
          const known = synced.get(item.id);
          if (known && (known.rev === item.rev || generation(item.rev) < generation(known.rev))) continue;
          const doc = docsHere.get(item.id);
          const localState = doc ? stateOf(doc) : undefined;
          const result = await reconcile(localState, known?.base, item.remote, {
            equal: (a, b) => this.equal(a, b),
            merge: (base, mine, theirs) => this.merge(base, mine, theirs),
          });
          if (result.write) writes.push({ previous: doc, state: result.write });
          if (result.push && localState) this.conflict$.next({ base: known?.base, local: localState, remote: item.remote, merged: result.write ?? localState });
          records.push({ scope: this.scope, id: item.id, rev: item.rev, base: item.remote });
          if (result.push) toPush.push(item.id);
          received.push(item.remote);
        }
        const { changedMeanwhile } = await this.local.write(writes);
        const again = new Set(changedMeanwhile);
        await book.putStates(records.filter((record) => !again.has(record.id)));
        for (const state of received) if (!again.has(this.local.idOf(state))) this.received$.next(state);
        for (const id of toPush) if (!again.has(id)) this.dirty.add(id);
        pending = pending.filter((item) => again.has(item.id));
      }
      this.schedulePush();
    });
  }

  private equal(a: WithDeleted<T>, b: WithDeleted<T>): boolean {
    return this.options.collection.conflictHandler.isEqual(a, b, 'trackruit-sync');
  }

  private merge(base: WithDeleted<T> | undefined, local: WithDeleted<T>, remote: WithDeleted<T>): Promise<WithDeleted<T>> {
    return Promise.resolve(
      this.options.collection.conflictHandler.resolve(
        { ...(base ? { assumedMasterState: base } : {}), realMasterState: remote, newDocumentState: local },
        'trackruit-sync',
      ),
    );
  }
}

/** Forgets what every replication of this database knew of the server, with the local data it described. */
export async function forgetSyncState<T>(collection: RxCollection<T>): Promise<void> {
  const book = await SyncBookkeeping.open(storageFactory(collection), bookkeepingName(collection.database.name));
  try {
    await book.clear();
  } finally {
    book.close();
  }
}
