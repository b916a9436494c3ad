import type { DraftEdits } from '../../../shared/jobs/job-form';

/**
 * Unsaved edits per job for the life of the dashboard tab: leaving a job's
 * page for the board and coming back finds the edits where they were.
 * (A reload or closing the tab is guarded by the page's beforeunload prompt.)
 */
const drafts = new Map<string, DraftEdits>();

export function cachedEdits(jobId: string): DraftEdits {
  return drafts.get(jobId) ?? {};
}

export function cacheEdits(jobId: string, edits: DraftEdits): void {
  if (Object.keys(edits).length === 0) drafts.delete(jobId);
  else drafts.set(jobId, edits);
}
