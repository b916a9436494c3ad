/**
 * The in-page side of the dashboard bench's timings, bundled by ./probe.ts
 * and added to every document before its own scripts run. It watches the DOM
 * instead of being told by the dashboard: the extension carries no bench code.
 *
 * "Painted" is approximated the usual way: the mutation that shows the state
 * is seen, then one animation frame, then a task queued from it, which runs
 * once that frame has been produced.
 */

interface LoadMarks {
  /** The first job row is in the DOM / painted (ms since navigation start). */
  firstRow: number | null;
  firstRowPainted: number | null;
  /** "No applications yet" painted: the empty dashboard's first meaningful render. */
  emptyPainted: number | null;
  /** The header shows the full count: every job is loaded. */
  completePainted: number | null;
  firstContentfulPaint: number | null;
}

const marks: LoadMarks = { firstRow: null, firstRowPainted: null, emptyPainted: null, completePainted: null, firstContentfulPaint: null };
let expectedCount: number | null = null;

const afterPaint = (): Promise<number> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

const ROW = 'tbody tr[data-job-id]';

function headerCount(): number | null {
  for (const element of document.querySelectorAll('.dashboard-header .muted')) {
    const match = /^([\d,.\u00a0\u202f ]+) applications?$/.exec(element.textContent?.trim() ?? '');
    if (match) return Number(match[1]!.replace(/\D/g, ''));
  }
  return null;
}

function isEmptyState(): boolean {
  for (const heading of document.querySelectorAll('h2')) if (heading.textContent?.trim() === 'No applications yet') return true;
  return false;
}

function checkLoad(): void {
  if (marks.firstRow === null && document.querySelector(ROW)) {
    marks.firstRow = performance.now();
    void afterPaint().then((at) => (marks.firstRowPainted = at));
  }
  if (marks.emptyPainted === null && isEmptyState()) {
    marks.emptyPainted = -1;
    void afterPaint().then((at) => (marks.emptyPainted = at));
  }
  if (marks.completePainted === null && expectedCount !== null && headerCount() === expectedCount) {
    marks.completePainted = -1;
    void afterPaint().then((at) => (marks.completePainted = at));
  }
}

if (location.pathname.endsWith('/dashboard.html')) {
  // Set by ./probe.ts in front of this bundle.
  expectedCount = (globalThis as unknown as { dashProbeExpected?: number }).dashProbeExpected ?? null;
  new MutationObserver(checkLoad).observe(document, { childList: true, subtree: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.firstContentfulPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
}

// ---------------------------------------------------------------- interactions

const INPUT_EVENTS = ['pointerdown', 'mousedown', 'keydown', 'input', 'click', 'change'] as const;
let inputAt: number | null = null;

function recordInput(event: Event): void {
  if (inputAt === null) inputAt = event.timeStamp;
}

function summaryText(): string {
  return document.querySelector('[data-results-summary]')?.textContent?.trim() ?? '';
}

/**
 * Arms a measurement: the next input event starts it. It ends, painted, when
 * `selector` matches an element, or (without one) when the results summary
 * next differs from its text now and contains `summaryHas` if given.
 */
function arm(options: { summaryHas?: string; selector?: string } = {}): void {
  const before = summaryText();
  inputAt = null;
  for (const type of INPUT_EVENTS) addEventListener(type, recordInput, { capture: true });
  pending = new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      for (const type of INPUT_EVENTS) removeEventListener(type, recordInput, { capture: true });
      void afterPaint().then((paintedAt) => resolve({ ms: inputAt === null ? Number.NaN : paintedAt - inputAt, summary: summaryText() }));
    };
    const check = () => {
      if (options.selector) {
        if (document.querySelector(options.selector)) done();
        return;
      }
      const now = summaryText();
      if (now !== before && (options.summaryHas === undefined || now.includes(options.summaryHas))) done();
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

let pending: Promise<{ ms: number; summary: string }> | undefined;
let pendingAt: Promise<number> | undefined;

/**
 * Arms a wait for a change made elsewhere (no input here): it ends when an
 * element matching `selector` contains `text`, painted. settleAt() gives the
 * time on the clock all pages share (timeOrigin-based).
 */
function armText(options: { selector: string; text: string }): void {
  pendingAt = new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(options.selector)?.textContent?.includes(options.text)) return;
      observer.disconnect();
      void afterPaint().then((paintedAt) => resolve(performance.timeOrigin + paintedAt));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

function settleAt(): Promise<number> {
  if (!pendingAt) throw new Error('armText() first');
  return pendingAt;
}

function settle(): Promise<{ ms: number; summary: string }> {
  if (!pending) throw new Error('arm() first');
  return pending;
}

// ---------------------------------------------------------------- frames

const FRAME_MS = 1000 / 60;

interface FrameReport {
  frames: number;
  dropped: number;
  longestMs: number;
  longTasks: number;
  longTaskMs: number;
  scrolledPx: number;
}

function scrollTarget(selector: string | undefined): Element {
  const element = selector ? document.querySelector(selector) : null;
  return element ?? document.scrollingElement ?? document.documentElement;
}

/**
 * Drives `frames` animation frames; when `pxPerFrame` is set, scrolls the
 * target by that much in each, as a fast trackpad fling does. A frame that
 * took n intervals of 1/60 s counts n - 1 dropped.
 */
async function frames(options: { frames: number; pxPerFrame?: number; selector?: string; axis?: 'y' | 'x' }): Promise<FrameReport> {
  const target = scrollTarget(options.selector);
  const startTop = options.axis === 'x' ? target.scrollLeft : target.scrollTop;
  let longTasks = 0;
  let longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks += 1;
      longTaskMs += entry.duration;
    }
  });
  observer.observe({ type: 'longtask' });
  let dropped = 0;
  let longest = 0;
  let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  for (let frame = 0; frame < options.frames; frame += 1) {
    if (options.pxPerFrame) {
      if (options.axis === 'x') target.scrollLeft += options.pxPerFrame;
      else target.scrollTop += options.pxPerFrame;
    }
    const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const interval = now - last;
    last = now;
    longest = Math.max(longest, interval);
    dropped += Math.max(0, Math.round(interval / FRAME_MS) - 1);
  }
  observer.disconnect();
  const endTop = options.axis === 'x' ? target.scrollLeft : target.scrollTop;
  return { frames: options.frames, dropped, longestMs: longest, longTasks, longTaskMs, scrolledPx: endTop - startTop };
}

function scrollTo(options: { selector?: string; top: number }): void {
  scrollTarget(options.selector).scrollTop = options.top;
}

const dashProbe = {
  marks: () => ({ ...marks }),
  arm,
  settle,
  armText,
  settleAt,
  frames,
  scrollTo,
  summary: summaryText,
};
export type DashProbeApi = typeof dashProbe;
(globalThis as unknown as { dashProbe: DashProbeApi }).dashProbe = dashProbe;
