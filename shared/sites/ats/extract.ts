import { firstText, queryAll, spaced, textOf } from '../dom';
import { cleanTitle, meta, titleFromDocument } from '../generic';
import { findJobPosting } from '../json-ld';
import type { ExtractedJob, ExtractOptions, PageExtraction } from '../types';
import { atsJobPage, type AtsJobPage } from './job-page';
import { atsRulesOf, type AtsRules } from './rules';
import { findAtsSubmission } from './submission';

const LIMITS = { title: 300, company: 200 };

/** "acme-robotics" → "Acme Robotics": the employer's slug, when the page names it nowhere else. */
function humanize(slug: string): string {
  return slug
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** The company a selector names: its text, or an image's alt ("Initech logo" → "Initech"). */
function companyIn(doc: Document, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    for (const element of queryAll(doc, selector, 5)) {
      const name = (textOf(element, LIMITS.company) || spaced(element.getAttribute('alt'))).replace(/^at\s+/i, '').replace(/\s+logo$/i, '');
      if (name) return name;
    }
  }
  return undefined;
}

/** The job an application page is about, from the page's own markup, its JSON-LD, then its metadata. */
export function atsJob(page: AtsJobPage, doc: Document, options: ExtractOptions): ExtractedJob | null {
  const generic = options.rules.sites.generic;
  const posting = findJobPosting(doc, generic);
  const ogTitle = meta(doc, 'og:title') ?? titleFromDocument(doc);
  const cleaned = ogTitle ? cleanTitle(ogTitle, generic, meta(doc, 'og:site_name')) : undefined;
  const title = firstText(doc, page.ats.title, LIMITS.title) ?? posting?.title?.slice(0, LIMITS.title) ?? cleaned?.title.slice(0, LIMITS.title);
  if (!title) return null;
  const company =
    companyIn(doc, page.ats.company) ??
    posting?.company ??
    cleaned?.company ??
    (page.employerSlug ? humanize(page.employerSlug) : '');
  return {
    platform: 'other',
    title,
    company: company.slice(0, LIMITS.company),
    url: page.jobUrl,
    ...(page.siteJobId ? { siteJobId: page.siteJobId } : {}),
    ...(posting?.location ? { location: posting.location } : {}),
    ...(posting?.employmentType ? { employmentType: posting.employmentType } : {}),
  };
}

/**
 * An ATS application page: applied, with the `application_success` signal,
 * only when the site shows the submitted state; the job is read only then
 * (content scripts run this after every burst of changes).
 */
export function extractAts(
  url: URL,
  doc: Document,
  options: ExtractOptions,
  // The active rule set's, so the recorded detection.rulesVersion names the rules that recognised the page.
  rules: readonly AtsRules[] = atsRulesOf(options.rules),
): PageExtraction {
  const page = atsJobPage(url, rules);
  if (!page) return { kind: 'other', job: null, applied: false, signals: [] };
  const submission = findAtsSubmission(doc, page, options.isVisible);
  if (!submission) {
    const job = options.job === 'signals' ? null : atsJob(page, doc, options);
    return { kind: 'job', job, applied: false, signals: [] };
  }
  return { kind: 'job', job: atsJob(page, doc, options), applied: true, signals: [{ type: 'application_success', evidence: submission.evidence }] };
}
