import type { Observable, Subscription } from 'rxjs';
import { SYNC_WRITE_CONTEXT } from './sync/local-docs';

/**
 * Which local changes have not reached the server yet, for "N changes
 * waiting" in the popup and dashboard. Ids join when any realm writes a job
 * (the background sees every write through the database's multi-instance
 * channel; pages also tell it directly, as their write may happen while the
 * service worker is stopped) and leave when a push carrying them succeeds
 * or when the server refused them (those show as sync issues instead).
 * Persisted, throttled, so the count survives service-worker restarts.
 */

/**
 * Resumes share the list with jobs, under prefixes: the two collections'
 * ids never meet, and a resume's original waiting for upload counts on its
 * own (the page shows it as a file waiting).
 */
export const PENDING_RESUME_PREFIX = 'resume:';
export const PENDING_ORIGINAL_PREFIX = 'resume-file:';
export const pendingResumeId = (id: string): string => `${PENDING_RESUME_PREFIX}${id}`;
export const pendingOriginalId = (id: string): string => `${PENDING_ORIGINAL_PREFIX}${id}`;

const PERSIST_DELAY_MS = 300;

export interface PendingStore {
  pendingChanges(): Promise<string[]>;
  setPendingChanges(ids: string[]): Promise<void>;
}

export interface ChangeEvent {
  documentId: string;
  operation?: string;
}

interface EventBulk {
  context: string;
  events: readonly ChangeEvent[];
}

export class PendingChanges {
  private ids = new Set<string>();
  private readonly loaded: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: PendingStore) {
    this.loaded = store.pendingChanges().then((stored) => {
      for (const id of stored) this.ids.add(id);
    });
  }

  /**
   * Follows a collection's writes; returns the subscription so a stopped sync
   * can drop it. `idsOf` names what an event leaves waiting (a prefixed id, or
   * several: a new resume also has an original to upload).
   */
  follow(eventBulks: Observable<EventBulk>, idsOf: (event: ChangeEvent) => readonly string[] = (event) => [event.documentId]): Subscription {
    return eventBulks.subscribe((bulk) => {
      // The sync engine's own writes (pulled versions, merges it pushes itself) are not the person's changes.
      if (bulk.context === SYNC_WRITE_CONTEXT) return;
      void this.add(bulk.events.flatMap(idsOf));
    });
  }

  /**
   * Makes `waiting` the only ids with `prefix`: for what is known by looking
   * at the whole state at once (which originals the server lacks) rather than
   * by following events.
   */
  async reconcile(prefix: string, waiting: readonly string[]): Promise<void> {
    await this.loaded;
    const keep = new Set(waiting);
    let changed = false;
    for (const id of this.ids) {
      if (id.startsWith(prefix) && !keep.has(id)) changed = this.ids.delete(id) || changed;
    }
    for (const id of keep) {
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      changed = true;
    }
    if (changed) this.persistSoon();
  }

  async add(ids: readonly string[]): Promise<void> {
    await this.loaded;
    let changed = false;
    for (const id of ids) {
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      changed = true;
    }
    if (changed) this.persistSoon();
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.loaded;
    let changed = false;
    for (const id of ids) changed = this.ids.delete(id) || changed;
    if (changed) this.persistSoon();
  }

  async clear(): Promise<void> {
    await this.loaded;
    this.ids.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.store.setPendingChanges([]);
  }

  async count(): Promise<number> {
    await this.loaded;
    return this.ids.size;
  }

  /** Writes now; for tests and before the worker may stop. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.store.setPendingChanges([...this.ids]);
  }

  private persistSoon(): void {
    // A bulk import touches thousands of ids: one storage write per burst, not per id.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.store.setPendingChanges([...this.ids]);
    }, PERSIST_DELAY_MS);
  }
}
