import { extractAts } from '../../shared/sites/ats/extract';
import { atsJobPage } from '../../shared/sites/ats/job-page';
import { atsRulesOf } from '../../shared/sites/ats/rules';
import { startCapture, type RunnerDeps, type SiteAdapter } from './capture-runner';

/**
 * Greenhouse, Lever, Ashby and Workday application pages, where the person
 * let TrackRuit read them (an optional host permission granted from
 * Settings): the site's "application submitted" state records the job, with
 * Undo, as a LinkedIn Easy Apply confirmation does. These sites render the
 * form and its confirmation without fixed outlets, so the whole body is
 * watched, on job pages only.
 */
export const atsSite: SiteAdapter = {
  // Hooks, sentences and hosts come from the active rules (served by the server, else built in), as LinkedIn's do.
  isWatchedUrl: (url, rules) => atsJobPage(url, atsRulesOf(rules)) !== null,
  observeRoots: (doc) => [doc.body ?? doc.documentElement],
  extract: (url, doc, options) => extractAts(url, doc, options),
  // Ashby and Workday swap the form for the confirmation by toggling classes on nodes they keep.
  observeAttributes: ['class', 'hidden', 'style'],
};

export function startAtsCapture(win: Window, deps: RunnerDeps): () => void {
  return startCapture(win, atsSite, deps);
}
