/**
 * One MutationObserver per page, scoped to the elements where a signal can
 * appear, plus navigation events; no polling. Sites like LinkedIn move between
 * jobs with the history API, so every navigation re-scopes the observer (the
 * new page may have different containers) and runs a check.
 */

/**
 * Coalesces a burst of DOM churn into one check. A check costs about 3 ms on a
 * LinkedIn-sized page (npm run bench:capture), so even constant churn keeps it
 * to a few percent of the main thread, while a confirmation is recorded well
 * under 100 ms after it appears.
 */
export const CHECK_DELAY_MS = 60;

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
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observed: Element[] = [];
  /** Watching <body> because the page's containers were not rendered yet: narrow down once they are. */
  let broad = false;
  let lastHref = win.location.href;
  let stopped = false;

  const observer = new MutationObserver(() => schedule());

  function schedule() {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(run, delay);
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
