import type { SetAsideDoc, SetAsideHandlers } from './set-aside';

/** What the server refused; entries written before resumes synced have none and are jobs. */
export type SyncIssueKind = 'job' | 'resume' | 'resume-file';

/** A document kept on this device because the server refused it; shown to the user. */
export interface SyncIssue extends SetAsideDoc {
  at: string;
  kind?: SyncIssueKind;
  /** What the person calls it (a resume's name): a bare id means nothing to them. */
  name?: string;
}

/** A refused resume, named when its name could be read. */
export interface NamedSetAsideDoc extends SetAsideDoc {
  name?: string;
}

export interface SyncIssueStore {
  syncIssues(): Promise<SyncIssue[]>;
  setSyncIssues(issues: SyncIssue[]): Promise<void>;
}

export interface NamedSetAsideHandlers {
  onSetAside: (docs: NamedSetAsideDoc[]) => void;
  onPushed: (ids: string[]) => void;
}

/** The jobs replication's handlers, plus the resumes replication's and the original files' on the same list. */
export interface SyncIssueTracker extends SetAsideHandlers {
  resumes: NamedSetAsideHandlers;
  /** Originals the server's file route refused (type, size, quota), by resume id. */
  resumeFiles: NamedSetAsideHandlers;
}

/** Enough to show the user; a flood of refusals must not grow storage without bound. */
export const MAX_SYNC_ISSUES = 200;

export const kindOf = (issue: Pick<SyncIssue, 'kind'>): SyncIssueKind => issue.kind ?? 'job';

/**
 * Keeps the list of set-aside documents in extension storage. Jobs and
 * resumes share the list and one update queue, so two replications'
 * callbacks never overwrite each other; an entry is known by its kind and
 * id, so a pushed job never clears a resume's entry or the other way round.
 */
export function trackSyncIssues(store: SyncIssueStore, now: () => Date = () => new Date()): SyncIssueTracker {
  let queue: Promise<void> = Promise.resolve();
  const update = (change: (issues: SyncIssue[]) => SyncIssue[]) => {
    queue = queue
      .then(async () => {
        const current = await store.syncIssues();
        const next = change(current);
        // Most passes clear nothing: no write then.
        if (next !== current) await store.setSyncIssues(next);
      })
      .catch((error: unknown) => console.error('TrackRuit: could not record sync issues', error));
  };
  const handlers = (kind: SyncIssueKind) => ({
    onSetAside: (docs: NamedSetAsideDoc[]) =>
      update((issues) => {
        const ids = new Set(docs.map((doc) => doc.id));
        const at = now().toISOString();
        const added: SyncIssue[] = docs.map(({ id, issues: problems, name }) => ({
          id,
          issues: problems,
          at,
          ...(kind === 'job' ? {} : { kind }),
          ...(name ? { name } : {}),
        }));
        return [...added, ...issues.filter((issue) => kindOf(issue) !== kind || !ids.has(issue.id))].slice(0, MAX_SYNC_ISSUES);
      }),
    onPushed: (ids: string[]) => {
      const pushed = new Set(ids);
      const cleared = (issue: SyncIssue) => kindOf(issue) === kind && pushed.has(issue.id);
      update((issues) => (issues.some(cleared) ? issues.filter((issue) => !cleared(issue)) : issues));
    },
  });
  return { ...handlers('job'), resumes: handlers('resume'), resumeFiles: handlers('resume-file') };
}
