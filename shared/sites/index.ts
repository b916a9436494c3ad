import { capturedJobSchema, type CapturedJob } from '../jobs/capture';
import type { RuleSet } from '../rules/schema';
import { shippedRules } from '../rules/shipped';
import { genericSite } from './generic';
import { internshalaSite } from './internshala';
import { linkedinSite } from './linkedin';
import type { ExtractedJob, ExtractOptions, PageExtraction, SiteModule } from './types';

/**
 * The registry: which module handles a URL, and one call that runs it. Site
 * modules are tried in order; the generic one takes every other page.
 */

const SITES: readonly SiteModule[] = [linkedinSite, internshalaSite];

function toUrl(url: URL | string): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function siteFor(url: URL | string, rules: RuleSet = shippedRules): SiteModule {
  const parsed = toUrl(url);
  if (!parsed) return genericSite;
  return SITES.find((site) => site.matches(parsed, rules)) ?? genericSite;
}

const NOTHING: PageExtraction = { kind: 'other', job: null, applied: false, signals: [] };

/** Kind, job and application signals of a page; never throws on a hostile page or bad URL. */
export function extractPage(url: URL | string, doc: Document, options: ExtractOptions): PageExtraction {
  const parsed = toUrl(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return { ...NOTHING, signals: [] };
  return siteFor(parsed, options.rules).extract(parsed, doc, options);
}

/** The element(s) a content script should observe on this page. */
export function observeRootsFor(url: URL | string, doc: Document, rules: RuleSet = shippedRules): Element[] {
  return siteFor(url, rules).observeRoots(doc, rules);
}

/**
 * The capture message payload for an extracted job, validated like any
 * capture; null when the page gave something the schema refuses.
 */
export function toCapturedJob(job: ExtractedJob | null): CapturedJob | null {
  if (!job) return null;
  const result = capturedJobSchema.safeParse(job);
  return result.success ? result.data : null;
}

export type { ExtractedJob, ExtractOptions, IsVisible, PageExtraction, PageKind, Signal, SignalType, SiteId, SiteModule } from './types';
export { attributeVisibility } from './visibility';
export {
  findAppliedBadge,
  findEasyApplyButton,
  findEasyApplyConfirmation,
  findOffsiteApplyPrompt,
  isLinkedInJobsPage,
  linkedInObserveRoots,
  linkedInPageKind,
  type OffsiteApplyPrompt,
} from './linkedin';
export { findApplicationSuccess, internshalaCardJob, internshalaPageKind } from './internshala';
export { findJobPosting, type JobPostingFields } from './json-ld';
export { linkedinSite, internshalaSite, genericSite };
