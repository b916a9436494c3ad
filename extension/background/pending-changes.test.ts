import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { PENDING_ORIGINAL_PREFIX, PendingChanges, pendingOriginalId, pendingResumeId, type PendingStore } from './pending-changes';

function memoryStore(initial: string[] = []): PendingStore & { saved: string[] } {
  const store = {
    saved: initial,
    pendingChanges: async () => store.saved,
    setPendingChanges: async (ids: string[]) => {
      store.saved = ids;
    },
  };
  return store;
}

describe('PendingChanges', () => {
  it('counts local writes, not pulled ones, and forgets pushed or refused ids', async () => {
    const store = memoryStore();
    const pending = new PendingChanges(store);
    const bulks = new Subject<{ context: string; events: { documentId: string }[] }>();
    const subscription = pending.follow(bulks);

    bulks.next({ context: 'rx-collection-bulk-insert', events: [{ documentId: 'a' }, { documentId: 'b' }] });
    bulks.next({ context: 'replication-downstream-abc123', events: [{ documentId: 'c' }] });
    bulks.next({ context: 'replication-up-write-conflict', events: [{ documentId: 'd' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await pending.count()).toBe(3);

    await pending.remove(['a', 'd', 'unknown']);
    await pending.flush();
    expect(store.saved).toEqual(['b']);
    subscription.unsubscribe();
  });

  it('survives a restart through its store, and persists bursts once', async () => {
    const store = memoryStore(['x', 'y']);
    let writes = 0;
    const counting: PendingStore = {
      pendingChanges: store.pendingChanges,
      setPendingChanges: async (ids) => {
        writes += 1;
        await store.setPendingChanges(ids);
      },
    };
    const pending = new PendingChanges(counting);
    for (let i = 0; i < 1000; i += 1) await pending.add([`job-${i}`]);
    expect(await pending.count()).toBe(1002);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(writes).toBe(1);
    expect(store.saved).toHaveLength(1002);
    await pending.clear();
    expect(store.saved).toEqual([]);
  });

  it('counts a new resume and its original, and settles originals from what the server holds', async () => {
    const store = memoryStore(['linkedin:1', 'resume-file:gone']);
    const pending = new PendingChanges(store);
    const bulks = new Subject<{ context: string; events: { documentId: string; operation: string }[] }>();
    const subscription = pending.follow(bulks, (event) =>
      event.operation === 'INSERT' ? [pendingResumeId(event.documentId), pendingOriginalId(event.documentId)] : [pendingResumeId(event.documentId)],
    );
    bulks.next({ context: 'rx-collection-bulk-insert', events: [{ documentId: 'r1', operation: 'INSERT' }] });
    bulks.next({ context: 'incrementalModify', events: [{ documentId: 'r2', operation: 'UPDATE' }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await pending.count()).toBe(5);

    // A pass found only r1's original still missing on the server: other originals leave, jobs and resumes stay.
    await pending.reconcile(PENDING_ORIGINAL_PREFIX, [pendingOriginalId('r1')]);
    await pending.flush();
    expect([...store.saved].sort()).toEqual(['linkedin:1', 'resume-file:r1', 'resume:r1', 'resume:r2']);
    await pending.reconcile(PENDING_ORIGINAL_PREFIX, []);
    await pending.remove([pendingResumeId('r1')]);
    await pending.flush();
    expect([...store.saved].sort()).toEqual(['linkedin:1', 'resume:r2']);
    subscription.unsubscribe();
  });
});
