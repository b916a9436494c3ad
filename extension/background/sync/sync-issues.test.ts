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

describe('trackSyncIssues with original files', () => {
  it('lists a refused original apart from its resume and writes nothing when a pass clears nothing', async () => {
    const store = memoryStore();
    const writes = vi.spyOn(store, 'setSyncIssues');
    const track = trackSyncIssues(store, () => new Date(at));
    track.resumes.onSetAside([{ id: 'r1', issues: [], name: 'Backend 2026' }]);
    track.resumeFiles.onSetAside([{ id: 'r1', issues: [{ path: '(document)', message: 'No room left on the server' }], name: 'Backend 2026' }]);
    await vi.waitFor(() => expect(store.read().map((issue) => issue.kind)).toEqual(['resume-file', 'resume']));
    expect(writes).toHaveBeenCalledTimes(2);

    track.resumeFiles.onPushed(['other']);
    track.onPushed(['r1']);
    track.resumeFiles.onPushed(['r1']);
    await vi.waitFor(() => expect(store.read().map((issue) => issue.kind)).toEqual(['resume']));
    // Only the call that removed something wrote.
    expect(writes).toHaveBeenCalledTimes(3);
  });
});
