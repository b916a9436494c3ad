import { z } from 'zod';
import type { Job } from '../../../shared/schema';
import { upsertJobWith } from '../../db/jobs';
import type { JobCollection } from '../../db/database';
import type { UndoReply } from './content-protocol';
import type { MessageSender } from '../messages/sender';

/** Long enough to notice a wrong capture in the toast, short enough that a stale token cannot surprise anyone. */
export const UNDO_TTL_MS = 60_000;
const KEY_PREFIX = 'undo:';

export const undoMessageSchema = z
  .object({
    type: z.literal('job:undo'),
    jobId: z.string().min(1).max(128),
    token: z.uuid(),
  })
  .strict();

/** What it takes to put a job back as it was before one capture. */
export interface UndoEntry {
  jobId: string;
  /** The capture created the record: undo deletes it. */
  created: boolean;
  /** The record before the capture, when the capture updated it. */
  previous?: Job;
  /** `updatedAt` the capture left; any later change (an edit, a pull) makes the undo stale. */
  capturedUpdatedAt: string;
  expiresAt: number;
}

/** The part of `browser.storage.session` used here. */
export interface SessionArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Undo state lives in `storage.session`: it survives the service worker being
 * stopped between the capture and the click, is never written to disk, and
 * content scripts cannot read it (Chrome's default access level), so a page
 * cannot learn tokens it was not given.
 */
export class UndoStore {
  constructor(
    private readonly area: SessionArea,
    private readonly now: () => number = Date.now,
    private readonly newToken: () => string = () => crypto.randomUUID(),
  ) {}

  async put(entry: Omit<UndoEntry, 'expiresAt'>): Promise<string> {
    const token = this.newToken();
    await this.pruneExpired();
    await this.area.set({ [KEY_PREFIX + token]: { ...entry, expiresAt: this.now() + UNDO_TTL_MS } });
    return token;
  }

  /** Takes the entry once: a second undo with the same token finds nothing. */
  async take(token: string): Promise<UndoEntry | 'unknown' | 'expired'> {
    const key = KEY_PREFIX + token;
    const entry = (await this.area.get(key))[key] as UndoEntry | undefined;
    if (!entry) return 'unknown';
    await this.area.remove(key);
    return entry.expiresAt > this.now() ? entry : 'expired';
  }

  private async pruneExpired(): Promise<void> {
    const all = await this.area.get(null);
    const stale = Object.entries(all)
      .filter(([key, value]) => key.startsWith(KEY_PREFIX) && (value as UndoEntry).expiresAt <= this.now())
      .map(([key]) => key);
    if (stale.length > 0) await this.area.remove(stale);
  }
}

export interface UndoDeps {
  jobs: () => Promise<JobCollection>;
  runtimeId: string;
  undo: UndoStore;
  now?: () => Date;
}

/**
 * Reverses one capture: deletes the record it created, or puts back the record
 * it updated. Refused when the record changed after the capture, so an undo
 * never throws away an edit or a synced change made in the meantime.
 */
export async function handleUndo(message: unknown, sender: MessageSender, deps: UndoDeps): Promise<UndoReply> {
  if (sender.id !== deps.runtimeId) return { ok: false, error: 'unknown sender' };
  const parsed = undoMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'invalid undo' };

  const entry = await deps.undo.take(parsed.data.token);
  if (entry === 'unknown') return { ok: false, error: 'invalid undo' };
  if (entry === 'expired') return { ok: false, error: 'expired' };
  if (entry.jobId !== parsed.data.jobId) return { ok: false, error: 'invalid undo' };

  const jobs = await deps.jobs();
  const doc = await jobs.findOne(entry.jobId).exec();
  if (!doc || doc.toJSON().updatedAt !== entry.capturedUpdatedAt) return { ok: false, error: 'changed since capture' };
  if (entry.created) {
    await doc.incrementalRemove();
    return { ok: true, undone: 'deleted' };
  }
  const previous = entry.previous;
  if (!previous) return { ok: false, error: 'changed since capture' };
  const at = (deps.now ?? (() => new Date()))().toISOString();
  try {
    // Through the shared write path, so the put-back fields get a fresh edit
    // time: the three-way merge then lets the undo win over the capture it reverts.
    await upsertJobWith(jobs, entry.jobId, (current) => {
      // The write queue may have let another write in since the check above.
      if (current?.updatedAt !== entry.capturedUpdatedAt) throw new StaleUndoError();
      return { ...previous, updatedAt: at };
    });
  } catch (error) {
    if (error instanceof StaleUndoError) return { ok: false, error: 'changed since capture' };
    throw error;
  }
  return { ok: true, undone: 'restored' };
}

class StaleUndoError extends Error {}
