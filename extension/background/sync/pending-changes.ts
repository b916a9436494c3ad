import type { Observable, Subscription } from 'rxjs';
import { browser } from 'wxt/browser';
import { SYNC_WRITE_CONTEXT } from './local-docs';

/**
 * Which local changes have not reached the server yet, for "N changes
 * waiting" in the popup and dashboard. Ids join when any realm writes a job
 * (the background sees every write through the database's multi-instance
 * channel; pages also tell it directly, as their write may happen while the
 * service worker is stopped) and leave when a push carrying them succeeds
 * or when the server refused them (those show as sync issues instead).
 * Persisted, throttled, so the count survives service-worker restarts.
 *
 * Stored one key per id (`pending:<id>`), with the counts pages show under
 * PENDING_SUMMARY_KEY: every extension page with a storage listener receives
 * each change's old and new values, and the whole list as one value (20,000
 * ids after an import) cost every open dashboard about 90 ms of its main
 * thread per write, three writes a second while a push drained it. Now a
 * write carries only the ids that changed and two numbers.
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
const ID_KEY_PREFIX = 'pending:';
/** What pages show: changes (jobs and resumes) and original files waiting. */
export const PENDING_SUMMARY_KEY = 'pendingSummary';

export interface PendingSummary {
  changes: number;
  files: number;
}

/**
 * Where the list used to be kept whole (ExtensionStore's `pendingChanges`):
 * read once to carry an older install's list over, then emptied.
 */
export interface PendingStore {
  pendingChanges(): Promise<string[]>;
  setPendingChanges(ids: string[]): Promise<void>;
}

/** The storage area the ids and summary live in (`browser.storage.local`; tests pass a fake). */
export interface PendingArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface ChangeEvent {
  documentId: string;
  operation?: string;
}

interface EventBulk {
  context: string;
  events: readonly ChangeEvent[];
}

const isFile = (id: string) => id.startsWith(PENDING_ORIGINAL_PREFIX);

/** The counts pages show, from a list of waiting ids. */
export function summarisePending(ids: readonly string[]): PendingSummary {
  const files = ids.filter(isFile).length;
  return { changes: ids.length - files, files };
}

/** The extension's storage, or undefined outside an extension (Node tests that give only a PendingStore). */
function extensionStorage(): PendingArea | undefined {
  return (browser as typeof browser | undefined)?.storage?.local as unknown as PendingArea | undefined;
}

export class PendingChanges {
  private ids = new Set<string>();
  private files = 0;
  /** Changed since the last write: true joined, false left. */
  private dirty = new Map<string, boolean>();
  private readonly loaded: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Writes in the order they were made: a later one may undo an id an earlier one stored. */
  private writing: Promise<void> = Promise.resolve();

  /**
   * `area` is where the ids and counts live (the extension's storage by
   * default). Without one (Node tests that give only a PendingStore) the ids
   * stay one list in the store, as they were before.
   */
  constructor(
    private readonly store: PendingStore,
    private readonly area: PendingArea | undefined = extensionStorage(),
  ) {
    this.loaded = this.load();
  }

  private async load(): Promise<void> {
    if (!this.area) {
      for (const id of await this.store.pendingChanges()) this.join(id);
      this.dirty.clear();
      return;
    }
    const [items, legacy] = await Promise.all([this.area.get(null), this.store.pendingChanges()]);
    for (const key of Object.keys(items)) if (key.startsWith(ID_KEY_PREFIX)) this.join(key.slice(ID_KEY_PREFIX.length));
    // Already stored as they are: only the older install's list needs writing.
    this.dirty.clear();
    for (const id of legacy) this.join(id);
    if (legacy.length > 0) await this.store.setPendingChanges([]);
    // Pages read the counts from here: written at every start, so an older install's list shows at once.
    await this.write();
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
    for (const id of [...this.ids]) {
      if (id.startsWith(prefix) && !keep.has(id)) changed = this.leave(id) || changed;
    }
    for (const id of keep) changed = this.join(id) || changed;
    if (changed) this.persistSoon();
  }

  async add(ids: readonly string[]): Promise<void> {
    await this.loaded;
    let changed = false;
    for (const id of ids) changed = this.join(id) || changed;
    if (changed) this.persistSoon();
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.loaded;
    let changed = false;
    for (const id of ids) changed = this.leave(id) || changed;
    if (changed) this.persistSoon();
  }

  async clear(): Promise<void> {
    await this.loaded;
    for (const id of [...this.ids]) this.leave(id);
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([this.write(), this.area ? this.store.setPendingChanges([]) : undefined]);
  }

  async count(): Promise<number> {
    await this.loaded;
    return this.ids.size;
  }

  /** The ids waiting, for tests and diagnostics. */
  async list(): Promise<string[]> {
    await this.loaded;
    return [...this.ids];
  }

  /** Writes now; for tests and before the worker may stop. */
  async flush(): Promise<void> {
    await this.loaded;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
  }

  private join(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (isFile(id)) this.files += 1;
    this.dirty.set(id, true);
    return true;
  }

  private leave(id: string): boolean {
    if (!this.ids.delete(id)) return false;
    if (isFile(id)) this.files -= 1;
    this.dirty.set(id, false);
    return true;
  }

  /** The ids changed since the last write, and the counts (or, with no area, the whole list). */
  private write(): Promise<void> {
    const joined: Record<string, unknown> = {};
    const left: string[] = [];
    for (const [id, present] of this.dirty) {
      if (present) joined[`${ID_KEY_PREFIX}${id}`] = 1;
      else left.push(`${ID_KEY_PREFIX}${id}`);
    }
    this.dirty.clear();
    const summary: PendingSummary = { changes: this.ids.size - this.files, files: this.files };
    const { area } = this;
    const snapshot = area ? [] : [...this.ids];
    this.writing = this.writing
      .then(async () => {
        if (!area) return this.store.setPendingChanges(snapshot);
        await area.set({ ...joined, [PENDING_SUMMARY_KEY]: summary });
        if (left.length) await area.remove(left);
      })
      .catch((error: unknown) => console.error('TrackRuit: could not store the changes waiting', error));
    return this.writing;
  }

  private persistSoon(): void {
    // A bulk import touches thousands of ids: one storage write per burst, not per id.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, PERSIST_DELAY_MS);
  }
}
