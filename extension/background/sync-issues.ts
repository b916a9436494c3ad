import type { SetAsideDoc, SetAsideHandlers } from './set-aside';

/** A document kept on this device because the server refused it; shown to the user. */
export interface SyncIssue extends SetAsideDoc {
  at: string;
}

export interface SyncIssueStore {
  syncIssues(): Promise<SyncIssue[]>;
  setSyncIssues(issues: SyncIssue[]): Promise<void>;
}

/** Enough to show the user; a flood of refusals must not grow storage without bound. */
export const MAX_SYNC_ISSUES = 200;

/**
 * Keeps the list of set-aside documents in extension storage. Updates are
 * chained so that two replication callbacks never overwrite each other.
 */
export function trackSyncIssues(store: SyncIssueStore, now: () => Date = () => new Date()): SetAsideHandlers {
  let queue: Promise<void> = Promise.resolve();
  const update = (change: (issues: SyncIssue[]) => SyncIssue[]) => {
    queue = queue
      .then(async () => store.setSyncIssues(change(await store.syncIssues())))
      .catch((error: unknown) => console.error('TrackRuit: could not record sync issues', error));
  };
  return {
    onSetAside: (docs) =>
      update((issues) => {
        const ids = new Set(docs.map((doc) => doc.id));
        const at = now().toISOString();
        return [...docs.map((doc) => ({ ...doc, at })), ...issues.filter((issue) => !ids.has(issue.id))].slice(0, MAX_SYNC_ISSUES);
      }),
    onPushed: (ids) => {
      const pushed = new Set(ids);
      update((issues) => (issues.some((issue) => pushed.has(issue.id)) ? issues.filter((issue) => !pushed.has(issue.id)) : issues));
    },
  };
}
