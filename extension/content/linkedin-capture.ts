import { extractLinkedIn, findOffsiteApplyPrompt, isLinkedInJobsPage, linkedInObserveRoots } from '../../shared/sites/linkedin';
import { startCapture, type RunnerDeps, type SiteAdapter } from './capture-runner';

/**
 * LinkedIn: an Easy Apply confirmation records the job; "Yes" on "Did you
 * finish applying?" records an employer-site application; an "Applied" badge
 * offers one-click recording. LinkedIn moves between jobs in-page, so the
 * runner follows navigation rather than only the first load.
 */
export const linkedInSite: SiteAdapter = {
  isWatchedUrl: isLinkedInJobsPage,
  observeRoots: linkedInObserveRoots,
  extract: extractLinkedIn,
  findOffsitePrompt: findOffsiteApplyPrompt,
};

export function startLinkedInCapture(win: Window, deps: RunnerDeps): () => void {
  return startCapture(win, linkedInSite, deps);
}
