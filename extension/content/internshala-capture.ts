import type { RuleSet } from '../../shared/rules/schema';
import { extractInternshala, internshalaCardJob, internshalaObserveRoots, internshalaPageKind } from '../../shared/sites/internshala';
import { startCapture, type RunnerDeps, type SiteAdapter } from './capture-runner';

const watched = (url: URL, rules: RuleSet) => {
  const kind = internshalaPageKind(url, rules);
  return kind === 'job' || kind === 'job-list';
};

/**
 * Internshala: an application counts only when the "Application submitted"
 * state is visible (the same markup sits hidden in ordinary pages). On a
 * listing, the success dialog does not name the job, so the card the user
 * last clicked in names it.
 */
export const internshalaSite: SiteAdapter = {
  isWatchedUrl: watched,
  observeRoots: (doc) => internshalaObserveRoots(doc),
  extract: extractInternshala,
  observeAttributes: ['class', 'style', 'hidden', 'aria-hidden'],
  jobOfClicked(url, target, doc, rules) {
    const card = target.closest(rules.sites.internshala.selectors.card.join(','));
    return card ? internshalaCardJob(url, card, doc, rules) : null;
  },
};

export function startInternshalaCapture(win: Window, deps: RunnerDeps): () => void {
  return startCapture(win, internshalaSite, deps);
}
