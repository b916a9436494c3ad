import type { Platform } from '../schema/job';
import type { RuleSet } from '../rules/schema';

/**
 * The contract between the pure site modules (shared/sites/*) and everything
 * that uses them: content scripts, the popup's "Track this page", and the
 * `npm run extract` diagnosis command.
 */

/** What kind of page a site module thinks it is looking at. */
export type PageKind =
  | 'job' // one job's detail page (or pane)
  | 'job-list' // a listing / search page without a selected job
  | 'applications' // the user's own list of applications
  | 'authwall' // a sign-in wall: never a job, never an application
  | 'other';

export interface ExtractedJob {
  platform: Platform;
  title: string;
  company: string;
  location?: string;
  /** The site's own id of the posting, when it has one. */
  siteJobId?: string;
  /** Canonical URL of the posting (no tracking parameters). */
  url: string;
  description?: string;
  /** Salary or stipend, as the page shows it ("₹ 10,000 /month", "$120k-$150k"). */
  salary?: string;
  /** "Full-time", "Internship", ... as the page shows it. */
  employmentType?: string;
  /** ISO 8601 timestamp when the page gives an absolute or relative posting date. */
  postedAt?: string;
  /** Internship duration ("3 Months"). */
  duration?: string;
  /** Start date as shown ("Immediately", "15 Jan' 26"). */
  startDate?: string;
}

/** Signals of an application (or of a chance to record one) that a page shows. */
export type SignalType =
  | 'easy_apply_confirmation' // LinkedIn's "Application sent" dialog
  | 'applied_badge' // the job is shown as already applied ("Applied 3 minutes ago")
  | 'offsite_apply_prompt' // LinkedIn's "Did you finish applying?" yes/no prompt
  | 'application_success' // Internshala's visible "Application submitted"
  | 'structured_data' // schema.org JobPosting found (generic)
  | 'page_metadata'; // og:/meta fallback used (generic)

export interface Signal {
  type: SignalType;
  /** Short human-readable evidence, e.g. the matched text. Bounded, never HTML. */
  evidence?: string;
}

export interface PageExtraction {
  kind: PageKind;
  job: ExtractedJob | null;
  /**
   * True when the page shows this job as applied to: a submission just
   * confirmed, or an earlier application ("Applied 2 days ago"). The signals
   * say which; only a confirmation is recorded without asking.
   */
  applied: boolean;
  signals: Signal[];
  /**
   * When the page dates the application ("Applied 3 minutes ago"), that time
   * (ISO 8601); absent means "now" for the caller.
   */
  appliedAt?: string;
  /**
   * Which of the site's layouts the job was read from, when the site has
   * several (LinkedIn: 'top-card-selectors', 'top-card-structure' for the
   * SDUI job view, or 'json-ld' when only the page's JobPosting named it).
   * Recorded with the job, so capture health can be told apart per layout.
   */
  layout?: string;
}

/**
 * Whether an element is visible to the user. Pure code cannot lay out a page,
 * so callers inject it: content scripts pass one based on `checkVisibility()`,
 * tests and the extract command use `attributeVisibility` (hidden attributes,
 * inline styles and the sites' known hidden classes).
 */
export type IsVisible = (element: Element) => boolean;

/** What every extractor needs besides the URL and the document. */
export interface ExtractOptions {
  rules: RuleSet;
  isVisible: IsVisible;
  /** The clock relative dates ("2 days ago") are computed against. */
  now: Date;
  /**
   * 'signals': read the job only when the page shows a signal. Content scripts
   * check after every burst of DOM changes, and reading the job (its whole
   * description) is most of a check's cost on pages that show nothing.
   */
  job?: 'always' | 'signals';
}

export type SiteId = 'linkedin' | 'internshala' | 'generic';

/** One site module, as the registry in ./index.ts sees it. */
export interface SiteModule {
  id: SiteId;
  /** Whether this module handles pages at this URL (host check, no DOM). */
  matches(url: URL, rules: RuleSet): boolean;
  extract(url: URL, doc: Document, options: ExtractOptions): PageExtraction;
  /**
   * The element(s) a content script should observe for changes: the modal
   * outlet and detail pane when the site has them, else the body.
   */
  observeRoots(doc: Document, rules: RuleSet): Element[];
}
