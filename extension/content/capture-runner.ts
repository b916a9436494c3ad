import type { CapturedJob } from '../../shared/jobs/capture';
import type { RuleSet } from '../../shared/rules/schema';
import { shippedRules } from '../../shared/rules/shipped';
import type { Detection } from '../../shared/schema/job';
import { detectionOf } from '../../shared/sites/detection';
import type { ExtractedJob, ExtractOptions, IsVisible, PageExtraction } from '../../shared/sites/types';
import { createPageUi } from './page-ui';
import { watchPage } from './page-watch';
import { createRecorder, type Send } from './recorder';
import { createIsVisible } from './visibility';

/** What the runner needs from one site module (imported per site, so each bundle holds only its own site). */
export interface SiteAdapter {
  /** The cheap URL test: pages where an application can show at all. */
  isWatchedUrl(url: URL, rules: RuleSet): boolean;
  observeRoots(doc: Document, rules: RuleSet): Element[];
  extract(url: URL, doc: Document, options: ExtractOptions): PageExtraction;
  /** LinkedIn's "Did you finish applying?": its Yes records the job. */
  findOffsitePrompt?(doc: Document, rules: RuleSet, isVisible: IsVisible): { yes: Element } | null;
  /** Attributes whose changes can reveal the signal (Internshala shows its dialog by class and style). */
  observeAttributes?: string[];
  /** For list pages whose success state does not name the job: the job of the card last clicked. */
  jobOfClicked?(url: URL, target: Element, doc: Document, rules: RuleSet): ExtractedJob | null;
}

export interface RunnerDeps {
  send: Send;
  /** The active rules from the background; undefined keeps the shipped ones. */
  loadRules: () => Promise<RuleSet | undefined>;
  onInvalidated: (stop: () => void) => void;
  now?: () => Date;
}

const CAPTURED_KEYS = [
  'platform',
  'siteJobId',
  'title',
  'company',
  'location',
  'url',
  'description',
  'salary',
  'employmentType',
  'postedAt',
  'duration',
  'startDate',
] as const satisfies readonly (keyof CapturedJob)[];

/**
 * The capture payload: only the fields the background accepts, and what
 * recognised the job. The background validates it with the shared schema;
 * doing that here would put zod in every content script.
 */
export function toCaptured(job: ExtractedJob | null, detection?: Detection): CapturedJob | null {
  if (!job || !job.title) return null;
  const captured: Record<string, unknown> = {};
  for (const key of CAPTURED_KEYS) {
    if (job[key] !== undefined && job[key] !== '') captured[key] = job[key];
  }
  if (captured.company === undefined) captured.company = '';
  if (detection) captured.detection = detection;
  return captured as CapturedJob;
}

const keyOf = (job: CapturedJob) => `${job.platform}:${job.siteJobId ?? job.url}`;
const has = (page: PageExtraction, type: PageExtraction['signals'][number]['type']) => page.signals.some((s) => s.type === type);

/**
 * Runs one site's detection on a page: records a submission the moment the
 * site confirms it (with Undo), turns "Yes, I applied" on LinkedIn's prompt
 * into a record, and offers one-click recording for a job the site already
 * shows as applied but TrackRuit does not have.
 */
export function startCapture(win: Window, site: SiteAdapter, deps: RunnerDeps): () => void {
  const doc = win.document;
  const now = deps.now ?? (() => new Date());
  const isVisible = createIsVisible(win);
  const ui = createPageUi(win);
  let rules = shippedRules;
  let rulesRequested = false;
  /** Jobs recorded (or undone) from a confirmation in this page's life: a confirmation left on screen is not a new one. */
  const handled = new Set<string>();
  /** The job whose "Applied" badge is on screen, so late lookup answers for an old job are ignored. */
  let badgeJob: string | undefined;
  let clicked: Element | undefined;

  const recorder = createRecorder(ui, deps.send, () => watch.poke());
  const options = (): ExtractOptions => ({ rules, isVisible, now: now() });

  function requestRules() {
    if (rulesRequested) return;
    rulesRequested = true;
    deps.loadRules().then(
      (active) => {
        if (active && active !== rules) {
          rules = active;
          watch.poke();
        }
      },
      () => {},
    );
  }

  function recordSubmission(job: CapturedJob) {
    const key = keyOf(job);
    if (handled.has(key)) return;
    handled.add(key);
    void recorder.record(job).then((result) => {
      // The background was restarting: the confirmation's next render tries again.
      if (result === 'unreachable') handled.delete(key);
    });
  }

  /**
   * "Yes" on LinkedIn's "Did you finish applying?" records the job. One
   * capture-phase listener sees the click before the site's own handler
   * removes the prompt, and needs no wiring race with the first check.
   */
  function onPromptClick(target: Element) {
    if (!site.findOffsitePrompt || !target.closest('button, [role="button"]')) return;
    const prompt = site.findOffsitePrompt(doc, rules, isVisible);
    if (!prompt?.yes.contains(target)) return;
    const page = site.extract(new URL(win.location.href), doc, options());
    const job = toCaptured(page.job, detectionOf(page, rules.version, 'offsite_apply_prompt'));
    if (job) void recorder.record(job);
  }

  function offerBadgeRecord(job: CapturedJob | null) {
    if (!job?.siteJobId) {
      badgeJob = undefined;
      ui.offerRecord(undefined);
      return;
    }
    const key = keyOf(job);
    badgeJob = key;
    void recorder.isRecorded(job.platform, job.siteJobId).then((recorded) => {
      if (badgeJob !== key) return;
      ui.offerRecord(
        recorded
          ? undefined
          : () => {
              ui.offerRecord(undefined);
              void recorder.record(job);
            },
      );
    });
  }

  function check(url: URL) {
    requestRules();
    const page = site.extract(url, doc, { ...options(), job: 'signals' });
    const submission = (['easy_apply_confirmation', 'application_success'] as const).find((type) => has(page, type));
    const submitted = page.applied && submission !== undefined;
    const signal = submitted ? submission : has(page, 'applied_badge') ? 'applied_badge' : undefined;
    const detection = signal && detectionOf(page, rules.version, signal);
    let job = toCaptured(page.job, detection);
    if (submitted && !job && clicked?.isConnected && site.jobOfClicked) {
      // The clicked card's job, not the page's: no layout of the page applies to it.
      job = toCaptured(site.jobOfClicked(url, clicked, doc, rules), detectionOf({ signals: [] }, rules.version, submission));
    }
    if (submitted && job) recordSubmission(job);
    offerBadgeRecord(!submitted && has(page, 'applied_badge') ? job : null);
  }

  const watch = watchPage(win, {
    isWatchedUrl: (url) => site.isWatchedUrl(url, rules),
    targets: (d) => site.observeRoots(d, rules),
    check,
    onNavigate: () => {
      badgeJob = undefined;
      ui.offerRecord(undefined);
    },
    ...(site.observeAttributes ? { attributeFilter: site.observeAttributes } : {}),
  });

  const onClick = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element) || !site.isWatchedUrl(new URL(win.location.href), rules)) return;
    // Sites whose success state does not name the job need the card last clicked in.
    if (site.jobOfClicked) clicked = target;
    onPromptClick(target);
  };
  if (site.jobOfClicked || site.findOffsitePrompt) doc.addEventListener('click', onClick, true);

  const stop = () => {
    watch.stop();
    doc.removeEventListener('click', onClick, true);
    ui.destroy();
  };
  deps.onInvalidated(stop);
  return stop;
}
