import type { CaptureMessage } from '../../shared/jobs/capture';
import { extractLinkedInJob, findEasyApplyConfirmation, isLinkedInJobsPage } from '../../shared/sites/linkedin';

/** Coalesces bursts of LinkedIn's DOM churn into one check. */
const CHECK_DELAY_MS = 200;

export interface CaptureDeps {
  send: (message: CaptureMessage) => Promise<unknown>;
  /** Called when the content script is invalidated (extension reloaded or updated). */
  onInvalidated: (stop: () => void) => void;
}

/**
 * Watches LinkedIn for the Easy Apply confirmation and reports the job once.
 * One observer per page; the work per mutation batch is a path check and a
 * timer, so the page pays next to nothing until a dialog appears on a job page.
 * LinkedIn navigates in-page, so the path is read at check time, not at start.
 */
export function startLinkedInCapture(win: Window, deps: CaptureDeps): () => void {
  const reported = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    timer = undefined;
    const url = new URL(win.location.href);
    if (!isLinkedInJobsPage(url)) return;
    const confirmation = findEasyApplyConfirmation(win.document);
    if (!confirmation) return;
    const job = extractLinkedInJob(url, win.document, confirmation);
    if (!job || reported.has(job.siteJobId)) return;
    reported.add(job.siteJobId);
    deps.send({ type: 'job:captured', job }).catch(() => {
      // Let the next confirmation render try again rather than losing the capture.
      reported.delete(job.siteJobId);
    });
  };

  const observer = new MutationObserver(() => {
    if (timer === undefined && win.location.pathname.startsWith('/jobs')) {
      timer = setTimeout(check, CHECK_DELAY_MS);
    }
  });
  observer.observe(win.document.body ?? win.document.documentElement, { childList: true, subtree: true });
  check();

  const stop = () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  };
  deps.onInvalidated(stop);
  return stop;
}
