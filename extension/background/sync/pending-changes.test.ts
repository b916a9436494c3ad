import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  PENDING_ORIGINAL_PREFIX,
  PENDING_SUMMARY_KEY,
  PendingChanges,
  pendingOriginalId,
  pendingResumeId,
  type PendingArea,
  type PendingStore,
} from './pending-changes';
import { SYNC_WRITE_CONTEXT } from './local-docs';

/** The old whole-list key, for carrying an older install's list over. */
function legacyStore(initial: string[] = []): PendingStore & { saved: string[] } {
  const store = {
    saved: initial,
    pendingChanges: async () => store.saved,
    setPendingChanges: async (ids: string[]) => {
      store.saved = ids;
    },
  };
  return store;
}

/** A storage area that records what each write carried. */
function memoryArea(initial: Record<string, unknown> = {}) {
  const items = new Map(Object.entries(initial));
  const writes: { set: string[]; removed: string[] }[] = [];
  const area: PendingArea = {
    get: async () => Object.fromEntries(items),
    set: async (values) => {
      writes.push({ set: Object.keys(values), removed: [] });
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    remove: async (keys) => {
      writes.push({ set: [], removed: keys });
      for (const key of keys) items.delete(key);
    },
  };
  const ids = () => [...items.keys()].filter((key) => key.startsWith('pending:')).map((key) => key.slice('pending:'.length)).sort();
  return { area, items, writes, ids, summary: () => items.get(PENDING_SUMMARY_KEY) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PendingChanges', () => {
  it('counts local writes, not the sync engine’s, and forgets pushed or refused ids', async () => {
    const storage = memoryArea();
    const pending = new PendingChanges(legacyStore(), storage.area);
    const bulks = new Subject<{ context: string; events: { documentId: string }[] }>();
    const subscription = pending.follow(bulks);

    bulks.next({ context: 'rx-collection-bulk-insert', events: [{ documentId: 'a' }, { documentId: 'b' }] });
    bulks.next({ context: SYNC_WRITE_CONTEXT, events: [{ documentId: 'c' }] });
    bulks.next({ context: 'trackruit-bulk-edit', events: [{ documentId: 'd' }] });
    await tick();
    expect(await pending.count()).toBe(3);

    await pending.remove(['a', 'd', 'unknown']);
    await pending.flush();
    expect(storage.ids()).toEqual(['b']);
    expect(storage.summary()).toEqual({ changes: 1, files: 0 });
    subscription.unsubscribe();
  });

  it('writes only the ids that changed, once per burst, and survives a restart', async () => {
    const storage = memoryArea();
    const first = new PendingChanges(legacyStore(), storage.area);
    for (let i = 0; i < 1000; i += 1) await first.add([`job-${i}`]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const burst = storage.writes.slice(1);
    expect(burst).toHaveLength(1);
    expect(burst[0]!.set).toHaveLength(1001);

    // A push lands: the write names the two ids that left and the counts, not the 998 still waiting.
    storage.writes.length = 0;
    await first.remove(['job-1', 'job-2']);
    await first.flush();
    expect(storage.writes.flatMap((write) => [...write.set, ...write.removed]).sort()).toEqual(['pending:job-1', 'pending:job-2', PENDING_SUMMARY_KEY]);

    const restarted = new PendingChanges(legacyStore(), storage.area);
    expect(await restarted.count()).toBe(998);
    await restarted.clear();
    expect(storage.ids()).toEqual([]);
    expect(storage.summary()).toEqual({ changes: 0, files: 0 });
  });

  it('carries an older install’s whole list over into its own keys and empties the old one', async () => {
    const legacy = legacyStore(['linkedin:1', 'resume-file:r1']);
    const storage = memoryArea({ 'pending:linkedin:2': 1 });
    const pending = new PendingChanges(legacy, storage.area);
    expect((await pending.list()).sort()).toEqual(['linkedin:1', 'linkedin:2', 'resume-file:r1']);
    expect(legacy.saved).toEqual([]);
    expect(storage.ids()).toEqual(['linkedin:1', 'linkedin:2', 'resume-file:r1']);
    expect(storage.summary()).toEqual({ changes: 2, files: 1 });
  });

  it('counts a new resume and its original, and settles originals from what the server holds', async () => {
    const storage = memoryArea({ 'pending:linkedin:1': 1, 'pending:resume-file:gone': 1 });
    const pending = new PendingChanges(legacyStore(), storage.area);
    const bulks = new Subject<{ context: string; events: { documentId: string; operation: string }[] }>();
    const subscription = pending.follow(bulks, (event) =>
      event.operation === 'INSERT' ? [pendingResumeId(event.documentId), pendingOriginalId(event.documentId)] : [pendingResumeId(event.documentId)],
    );
    bulks.next({ context: 'rx-collection-bulk-insert', events: [{ documentId: 'r1', operation: 'INSERT' }] });
    bulks.next({ context: 'incrementalModify', events: [{ documentId: 'r2', operation: 'UPDATE' }] });
    await tick();
    expect(await pending.count()).toBe(5);

    // A pass found only r1's original still missing on the server: other originals leave, jobs and resumes stay.
    await pending.reconcile(PENDING_ORIGINAL_PREFIX, [pendingOriginalId('r1')]);
    await pending.flush();
    expect(storage.ids()).toEqual(['linkedin:1', 'resume-file:r1', 'resume:r1', 'resume:r2']);
    expect(storage.summary()).toEqual({ changes: 3, files: 1 });
    await pending.reconcile(PENDING_ORIGINAL_PREFIX, []);
    await pending.remove([pendingResumeId('r1')]);
    await pending.flush();
    expect(storage.ids()).toEqual(['linkedin:1', 'resume:r2']);
    expect(storage.summary()).toEqual({ changes: 2, files: 0 });
    subscription.unsubscribe();
  });
});
