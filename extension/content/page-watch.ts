/**
 * One MutationObserver per page, scoped to the elements where a signal can
 * appear, plus navigation events; no polling. Sites like LinkedIn move between
 * jobs with the history API, so every navigation re-scopes the observer (the
 * new page may have different containers) and runs a check.
 */

/**
 * Checks are at least this far apart, so constant DOM churn costs at most one
 * check (about 1-2 ms on a LinkedIn-sized page, npm run bench:capture) per
 * interval, a few percent of the main thread.
 */
export const CHECK_DELAY_MS = 60;

/**
 * After a quiet spell, the first change is checked this soon (one frame): a
 * confirmation is then recorded within a frame or two of appearing instead of
 * after a full interval, and a burst of changes made in one task still costs
 * one check. Changes during the next interval wait for its end.
 */
export const FIRST_CHECK_DELAY_MS = 16;

export interface WatchOptions {
  /** The cheap first test: false means no observer and no check on this URL. */
  isWatchedUrl: (url: URL) => boolean;
  /** Where the signal can appear on the current page; re-read on every navigation. */
  targets: (doc: Document) => Element[];
  /** Runs once the page has settled after a change or a navigation. */
  check: (url: URL) => void;
  /** Runs when the URL changes, before the next check (drop state that belonged to the old page). */
  onNavigate?: (url: URL) => void;
  /** Attributes whose changes can reveal a signal (a dialog shown by class or style); none by default. */
  attributeFilter?: string[];
  delayMs?: number;
  firstDelayMs?: number;
}

interface NavigationLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface PageWatch {
  stop(): void;
  /** Schedules a check as if the page had changed (after our own actions, e.g. an undo). */
  poke(): void;
}

export function watchPage(win: Window, options: WatchOptions): PageWatch {
  const delay = options.delayMs ?? CHECK_DELAY_MS;
  const firstDelay = Math.min(options.firstDelayMs ?? FIRST_CHECK_DELAY_MS, delay);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observed: Element[] = [];
  /** Watching <body> because the page's containers were not rendered yet: narrow down once they are. */
  let broad = false;
  let lastHref = win.location.href;
  let stopped = false;
  /** When the last check ran; -Infinity before the first. */
  let lastRun = Number.NEGATIVE_INFINITY;

  const observer = new MutationObserver(() => schedule());

  function schedule() {
    if (stopped || timer !== undefined) return;
    const sinceLast = Date.now() - lastRun;
    timer = setTimeout(run, Math.max(firstDelay, delay - sinceLast));
  }

  function scope(url: URL) {
    observer.disconnect();
    observed = options.isWatchedUrl(url) ? options.targets(win.document) : [];
    broad = observed.length === 0 && options.isWatchedUrl(url) && win.document.body !== null;
    if (broad) observed = [win.document.body];
    const attributes = options.attributeFilter?.length ? { attributes: true, attributeFilter: options.attributeFilter } : {};
    for (const target of observed) observer.observe(target, { childList: true, subtree: true, characterData: true, ...attributes });
  }

  function run() {
    timer = undefined;
    if (stopped) return;
    lastRun = Date.now();
    const url = new URL(win.location.href);
    if (url.href !== lastHref) {
      lastHref = url.href;
      options.onNavigate?.(url);
      scope(url);
    } else if (broad || observed.some((target) => !target.isConnected)) {
      // The containers were not rendered at the last scoping, or the site replaced one we watched.
      scope(url);
    }
    if (options.isWatchedUrl(url)) options.check(url);
  }

  // Chrome and recent Firefox have the Navigation API; popstate covers back/forward elsewhere.
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('navigatesuccess', schedule);
  navigation?.addEventListener('currententrychange', schedule);
  win.addEventListener('popstate', schedule);

  scope(new URL(win.location.href));
  schedule();

  return {
    poke: schedule,
    stop() {
      stopped = true;
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      navigation?.removeEventListener('navigatesuccess', schedule);
      navigation?.removeEventListener('currententrychange', schedule);
      win.removeEventListener('popstate', schedule);
    },
  };
}
