import { describe, expect, it, vi } from 'vitest';
import { trackSyncIssues, type SyncIssue } from './sync-issues';

function memoryStore(initial: SyncIssue[] = []) {
  let issues = initial;
  return { syncIssues: async () => issues, setSyncIssues: async (next: SyncIssue[]) => void (issues = next), read: () => issues };
}

const at = '2026-11-20T10:00:00.000Z';

describe('trackSyncIssues with resumes', () => {
  it('lists refused resumes by name beside refused jobs, and clears each kind only by its own pushes', async () => {
    const store = memoryStore([{ id: 'linkedin:1', issues: [{ path: 'title', message: 'Required' }], at: '2026-11-19T10:00:00.000Z' }]);
    const track = trackSyncIssues(store, () => new Date(at));
    track.resumes.onSetAside([{ id: 'same-id', issues: [{ path: 'name', message: 'a resume needs a name' }], name: 'Backend 2026' }]);
    track.onSetAside([{ id: 'same-id', issues: [] }]);
    await vi.waitFor(() => expect(store.read()).toHaveLength(3));
    expect(store.read()).toContainEqual({ id: 'same-id', kind: 'resume', name: 'Backend 2026', issues: [{ path: 'name', message: 'a resume needs a name' }], at });

    // A job pushed with the same id leaves the resume's entry; the resume's push clears it.
    track.onPushed(['same-id']);
    await vi.waitFor(() => expect(store.read().map((issue) => `${issue.kind ?? 'job'}:${issue.id}`)).toEqual(['resume:same-id', 'job:linkedin:1']));
    track.resumes.onPushed(['same-id', 'linkedin:1']);
    await vi.waitFor(() => expect(store.read().map((issue) => issue.id)).toEqual(['linkedin:1']));
  });

  it('replaces a resume entry refused again rather than listing it twice', async () => {
    const store = memoryStore();
    const track = trackSyncIssues(store, () => new Date(at));
    track.resumes.onSetAside([{ id: 'r1', issues: [], name: 'Old name' }]);
    track.resumes.onSetAside([{ id: 'r1', issues: [{ path: '(document)', message: 'has fields a resume does not have' }], name: 'New name' }]);
    await vi.waitFor(() => expect(store.read()).toEqual([{ id: 'r1', kind: 'resume', name: 'New name', issues: [{ path: '(document)', message: 'has fields a resume does not have' }], at }]));
  });
});
