import type { InternshalaRules, RuleSet } from '../rules/schema';
import { shippedRules } from '../rules/shipped';
import { compilePath, matchAnyText, matchesAnyPath } from '../rules/template';
import { firstBlockText, firstText, hostMatches, jobIdFrom, ownJobId, queryAll, queryFirst, textOf } from './dom';
import type { ExtractedJob, ExtractOptions, IsVisible, PageExtraction, PageKind, SiteModule } from './types';

/**
 * Internshala: internship and job detail pages, listings, the student's
 * applications. Its success dialog ships hidden inside listing pages, so an
 * application counts only when that dialog is visible to the user.
 */

const LIMITS = { title: 300, company: 200, location: 200, salary: 200, duration: 100, startDate: 100, description: 50_000 };

const site = (rules: RuleSet): InternshalaRules => rules.sites.internshala;

export function isInternshalaHost(url: URL, rules: RuleSet = shippedRules): boolean {
  return url.protocol === 'https:' && hostMatches(url.hostname, site(rules).hosts, false);
}

export type InternshalaDetail = { employmentType: 'internship' | 'job'; id: string };

/** The detail page's kind and id from its URL (`/internship/detail/<slug><id>`, `/job/detail(s)/<slug><id>`). */
export function internshalaDetailFromUrl(url: URL, rules: RuleSet = shippedRules): InternshalaDetail | undefined {
  if (!isInternshalaHost(url, rules)) return undefined;
  const r = site(rules);
  const kinds = [
    ['internship', r.urls.internshipDetail],
    ['job', r.urls.jobDetail],
  ] as const;
  for (const [employmentType, templates] of kinds) {
    for (const template of templates) {
      const id = compilePath(template, r.jobId).match(url.pathname)?.id;
      if (id) return { employmentType, id };
    }
  }
  return undefined;
}

export function internshalaPageKind(url: URL, rules: RuleSet = shippedRules): PageKind {
  if (!isInternshalaHost(url, rules)) return 'other';
  const r = site(rules);
  if (internshalaDetailFromUrl(url, rules)) return 'job';
  if (matchesAnyPath(r.urls.applications, url.pathname, r.jobId)) return 'applications';
  if (matchesAnyPath(r.urls.lists, url.pathname, r.jobId)) return 'job-list';
  return 'other';
}

function isElement(node: ParentNode): node is Element {
  return 'getAttribute' in node;
}

/** The value beside a detail heading ("Duration" → "3 Months"). */
function detailItem(root: ParentNode, r: InternshalaRules, headings: readonly string[], max: number): string | undefined {
  for (const selector of r.selectors.detailItem) {
    for (const item of queryAll(root, selector, 50)) {
      const heading = queryFirst(item, r.selectors.detailItemHeading);
      if (!heading || !matchAnyText(headings, textOf(heading, 60))) continue;
      const body = queryFirst(item, r.selectors.detailItemBody);
      const text = textOf(body, max);
      if (text) return text;
    }
  }
  return undefined;
}

function locationsIn(root: ParentNode, r: InternshalaRules): string | undefined {
  for (const selector of r.selectors.locations) {
    const names = [...new Set(queryAll(root, selector, 20).map((e) => textOf(e, 100)).filter(Boolean))];
    if (names.length > 0) return names.join(', ').slice(0, LIMITS.location);
  }
  return undefined;
}

function canonicalUrl(url: URL, doc: Document, r: InternshalaRules): string {
  const href = queryFirst(doc, r.selectors.canonical)?.getAttribute('href');
  if (href) {
    try {
      const canonical = new URL(href, url);
      if (isInternshalaHostname(canonical, r)) return `https://${canonical.host}${canonical.pathname}`;
    } catch {
      // fall through to the page URL
    }
  }
  return `https://${url.host}${url.pathname}`;
}

function isInternshalaHostname(url: URL, r: InternshalaRules): boolean {
  return url.protocol === 'https:' && hostMatches(url.hostname, r.hosts, false);
}

/**
 * The job in `root` (a detail page, or one listing card) as Internshala shows
 * it. Null without a title or an id.
 */
export function extractInternshalaJob(
  url: URL,
  root: ParentNode,
  doc: Document,
  rules: RuleSet = shippedRules,
): ExtractedJob | null {
  const r = site(rules);
  const fromUrl = internshalaDetailFromUrl(url, rules);
  // A card carries its own attributes; on a detail page the first card is the job shown.
  const card = isElement(root) ? root : queryFirst(root, r.selectors.card);
  const siteJobId =
    fromUrl?.id ??
    (card ? ownJobId(card, r.selectors.jobIdAttributes, r.jobId) : undefined) ??
    jobIdFrom(url, root, r.selectors.jobIdAttributes, r.jobId);
  const title = firstText(root, r.selectors.title, LIMITS.title);
  if (!siteJobId || !title) return null;
  const cardType = card?.getAttribute('employment_type');
  const employmentType = fromUrl?.employmentType ?? (cardType === 'job' || cardType === 'internship' ? cardType : undefined);
  const company = firstText(root, r.selectors.company, LIMITS.company) ?? '';
  const location = locationsIn(root, r);
  const salary = detailItem(root, r, r.texts.salary, LIMITS.salary) ?? firstText(root, r.selectors.salary, LIMITS.salary);
  const duration = detailItem(root, r, r.texts.duration, LIMITS.duration);
  const startDate = detailItem(root, r, r.texts.startDate, LIMITS.startDate);
  const description = firstBlockText(root, r.selectors.description, LIMITS.description);
  let jobUrl = fromUrl ? canonicalUrl(url, doc, r) : undefined;
  if (!jobUrl) {
    const href = card?.getAttribute('data-href');
    try {
      const resolved = href ? new URL(href, `https://${url.host}`) : undefined;
      jobUrl = resolved && isInternshalaHostname(resolved, r) ? `https://${resolved.host}${resolved.pathname}` : undefined;
    } catch {
      jobUrl = undefined;
    }
  }
  return {
    platform: 'internshala',
    siteJobId,
    title,
    company,
    url: jobUrl ?? `https://${url.host}${url.pathname}`,
    ...(location ? { location } : {}),
    ...(salary ? { salary } : {}),
    ...(employmentType ? { employmentType } : {}),
    ...(duration ? { duration } : {}),
    ...(startDate ? { startDate } : {}),
    ...(description ? { description } : {}),
  };
}

/** The visible "Application submitted" state, or null (the hidden copy in listing pages does not count). */
export function findApplicationSuccess(doc: Document, rules: RuleSet, isVisible: IsVisible): Element | null {
  const r = site(rules);
  for (const selector of r.selectors.success) {
    for (const element of queryAll(doc, selector, 5)) {
      if (!isVisible(element)) continue;
      const texts = [element, ...queryAll(element, 'h1, h2, h3, h4, h5, div, p, span', 50)].map((e) => textOf(e, 120));
      if (texts.some((t) => matchAnyText(r.texts.applicationSubmitted, t))) return element;
    }
  }
  return null;
}

/**
 * The listing card of a job, for content scripts that remember which card
 * the user applied from (a listing's success dialog does not name the job).
 */
export function internshalaCardJob(url: URL, card: Element, doc: Document, rules: RuleSet = shippedRules): ExtractedJob | null {
  return extractInternshalaJob(url, card, doc, rules);
}

export function extractInternshala(url: URL, doc: Document, options: ExtractOptions): PageExtraction {
  const { rules, isVisible } = options;
  const kind = internshalaPageKind(url, rules);
  if (kind === 'other' || kind === 'applications') return { kind, job: null, applied: false, signals: [] };
  const success = findApplicationSuccess(doc, rules, isVisible);
  if (options.job === 'signals' && !success) return { kind, job: null, applied: false, signals: [] };
  const job = kind === 'job' ? extractInternshalaJob(url, doc, doc, rules) : null;
  return {
    kind,
    job,
    applied: success !== null,
    signals: success ? [{ type: 'application_success', evidence: textOf(success, 120) }] : [],
  };
}

export function internshalaObserveRoots(doc: Document): Element[] {
  return [doc.body ?? doc.documentElement];
}

export const internshalaSite: SiteModule = {
  id: 'internshala',
  matches: (url, rules) => isInternshalaHost(url, rules),
  extract: extractInternshala,
  observeRoots: internshalaObserveRoots,
};
