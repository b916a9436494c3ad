import type { GenericRules, KnownHostRules } from '../rules/schema';
import { matchAnyText } from '../rules/template';
import { canonicalJobUrl } from '../jobs/url-id';
import { firstBlockText, firstText, hostMatches, jobIdFrom, queryAll, queryFirst, spaced } from './dom';
import { findJobPosting, type JobPostingFields } from './json-ld';
import type { ExtractedJob, ExtractOptions, IsVisible, PageExtraction, Signal, SiteModule } from './types';

/**
 * Any page that describes a job: schema.org JobPosting JSON-LD first, then
 * the known host's selectors (Indeed, Naukri), then `og:` / `<meta>` / `<title>`.
 * It never claims an application: only site modules can see one.
 */

const LIMITS = { title: 300, company: 200, location: 200, description: 50_000 };

export function knownHostFor(url: URL, rules: GenericRules): KnownHostRules | undefined {
  return rules.knownHosts.find((known) => hostMatches(url.hostname, [known.host], true));
}

/** A `<meta property|name=key>`'s content, spaced and capped. */
export function meta(doc: Document, key: string): string | undefined {
  const element = queryFirst(doc, [`meta[property="${key}"]`, `meta[name="${key}"]`]);
  const text = spaced(element?.getAttribute('content')?.slice(0, 2_000));
  return text || undefined;
}

function httpUrl(value: string | null | undefined, base: URL): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page's own idea of its URL (JSON-LD url, canonical link, og:url), without tracking parameters. */
function pageUrl(url: URL, doc: Document, rules: GenericRules, posting: JobPostingFields | null): string {
  const candidate =
    posting?.url ??
    httpUrl(queryFirst(doc, ['link[rel="canonical"]'])?.getAttribute('href'), url) ??
    httpUrl(meta(doc, 'og:url'), url) ??
    url.href;
  return canonicalJobUrl(candidate, rules.trackingParams);
}

export function titleFromDocument(doc: Document): string | undefined {
  const text = spaced(doc.title).slice(0, LIMITS.title);
  return text || undefined;
}

/** Separators sites put between a title and their suffix ("Engineer | Acme Careers", "Engineer - job post"). */
const TITLE_SEPARATOR = /\s+[|–—·-]\s+/g;
/** Suffixes cut at most: "Engineer | Berlin | Acme Careers" keeps the city. */
const MAX_SUFFIXES = 2;

/**
 * A page title without the site's suffixes: trailing segments that are the
 * site's name or match a rule's suffix ("{company} Careers", "job post") go;
 * the first segment always stays. A suffix naming the company gives it.
 */
export function cleanTitle(raw: string, rules: GenericRules, siteName?: string): { title: string; company?: string } {
  const separators = [...raw.matchAll(TITLE_SEPARATOR)];
  let end = raw.length;
  let company: string | undefined;
  for (let cut = 0; cut < MAX_SUFFIXES && separators.length > 0; cut++) {
    const separator = separators.pop();
    if (!separator) break;
    const last = raw.slice(separator.index + separator[0].length, end);
    const match = matchAnyText(rules.titleSuffixes, last);
    const isSiteName = siteName !== undefined && last.toLowerCase() === siteName.toLowerCase();
    if (!match && !isSiteName) break;
    company ??= match?.company;
    end = separator.index;
  }
  return { title: raw.slice(0, end), ...(company ? { company: company.slice(0, LIMITS.company) } : {}) };
}

/**
 * A bot check (present at all) or a shown sign-in form: the page stands in
 * front of the job, so its title ("Just a moment...", "Sign in") is not one.
 */
export function isWall(doc: Document, rules: GenericRules, isVisible: IsVisible): boolean {
  if (rules.botChecks.some((selector) => queryAll(doc, selector, 1).length > 0)) return true;
  return rules.signInForms.some((selector) => queryAll(doc, selector, 20).some(isVisible));
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined || value[key] === '') delete value[key];
  return value;
}

export function extractGeneric(url: URL, doc: Document, options: ExtractOptions): PageExtraction {
  const rules = options.rules.sites.generic;
  const known = knownHostFor(url, rules);
  const platform = known?.platform ?? 'other';
  const posting = findJobPosting(doc, rules);
  const signals: Signal[] = [];
  const siteJobId =
    (known ? jobIdFrom(url, doc, known.jobIdSources, known.jobId) : undefined) ?? posting?.identifier;

  if (posting?.title) {
    signals.push({ type: 'structured_data', evidence: 'JobPosting' });
    const job: ExtractedJob = defined({
      platform,
      title: posting.title.slice(0, LIMITS.title),
      company: posting.company ?? (known ? firstText(doc, known.company, LIMITS.company) : undefined) ?? meta(doc, 'og:site_name')?.slice(0, LIMITS.company) ?? '',
      url: pageUrl(url, doc, rules, posting),
      siteJobId,
      location: posting.location,
      description: posting.description,
      salary: posting.salary,
      employmentType: posting.employmentType,
      postedAt: posting.postedAt,
    });
    return { kind: 'job', job, applied: false, signals };
  }

  if (isWall(doc, rules, options.isVisible)) return { kind: 'authwall', job: null, applied: false, signals };
  const siteTitle = known ? firstText(doc, known.title, LIMITS.title) : undefined;
  const siteName = meta(doc, 'og:site_name')?.slice(0, LIMITS.company);
  const pageTitle = siteTitle ? undefined : (meta(doc, 'og:title') ?? titleFromDocument(doc));
  const cleaned = pageTitle ? cleanTitle(pageTitle, rules, siteName) : undefined;
  const title = (siteTitle ?? cleaned?.title)?.slice(0, LIMITS.title);
  if (!title) return { kind: 'other', job: null, applied: false, signals };
  signals.push({ type: 'page_metadata', evidence: siteTitle ? 'site selectors' : 'og:title / <title>' });
  const description =
    (known ? firstBlockText(doc, known.description, LIMITS.description) : undefined) ?? meta(doc, 'og:description') ?? meta(doc, 'description');
  const job: ExtractedJob = defined({
    platform,
    title,
    company:
      (known ? firstText(doc, known.company, LIMITS.company) : undefined) ??
      cleaned?.company ??
      siteName ??
      url.hostname.replace(/^www\./, ''),
    url: pageUrl(url, doc, rules, null),
    siteJobId,
    location: known ? firstText(doc, known.location, LIMITS.location) : undefined,
    description: description?.slice(0, LIMITS.description),
  });
  // A known job site with its own markup found is a job page; elsewhere metadata alone proves nothing.
  return { kind: siteTitle && siteJobId ? 'job' : 'other', job, applied: false, signals };
}

export const genericSite: SiteModule = {
  id: 'generic',
  matches: () => true,
  extract: extractGeneric,
  observeRoots: (doc) => [doc.body ?? doc.documentElement],
};

