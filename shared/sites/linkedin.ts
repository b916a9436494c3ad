import type { CapturedJob } from '../jobs/capture';

/**
 * LinkedIn detection as small pure functions of a URL and a Document, so they
 * can be tested against saved pages. Detection goes URL first, then stable
 * attributes, then visible text; generated class names only as a last resort.
 */

const JOB_ID = /^\d{5,20}$/;
const JOB_VIEW_PATH = /^\/jobs\/view\/(?:[^/]*-)?(\d{5,20})(?:\/|$)/;

export function isLinkedInHost(url: URL): boolean {
  return url.protocol === 'https:' && (url.hostname === 'www.linkedin.com' || url.hostname === 'linkedin.com');
}

/** Job pages are the only LinkedIn pages where an application can be confirmed. */
export function isLinkedInJobsPage(url: URL): boolean {
  return isLinkedInHost(url) && url.pathname.startsWith('/jobs');
}

export function linkedInJobIdFromUrl(url: URL): string | undefined {
  if (!isLinkedInHost(url)) return undefined;
  const current = url.searchParams.get('currentJobId');
  if (current && JOB_ID.test(current)) return current;
  const view = JOB_VIEW_PATH.exec(url.pathname);
  if (view?.[1]) return view[1];
  const selected = url.searchParams.get('selectedJobId');
  if (selected && JOB_ID.test(selected)) return selected;
  return undefined;
}

export function linkedInJobId(url: URL, doc: Document): string | undefined {
  const fromUrl = linkedInJobIdFromUrl(url);
  if (fromUrl) return fromUrl;
  const fromApplyButton = doc.querySelector('.jobs-apply-button[data-job-id], #jobs-apply-button-id[data-job-id]');
  const id = fromApplyButton?.getAttribute('data-job-id') ?? undefined;
  return id && JOB_ID.test(id) ? id : undefined;
}

export function canonicalLinkedInJobUrl(jobId: string): string {
  return `https://www.linkedin.com/jobs/view/${jobId}/`;
}

const CONFIRMATION_HEADINGS = [/^application sent$/i, /^your application was sent$/i];
const SENT_TO = /your application was sent to\s+(.+?)[.!]?\s*$/i;

const MODAL_SELECTORS = [
  '[aria-labelledby="post-apply-modal"]',
  '.jpac-modal-header',
  '.artdeco-modal',
  '[role="dialog"]',
].join(',');

function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export interface EasyApplyConfirmation {
  /** The company named in "Your application was sent to <Company>", if shown. */
  company?: string;
}

/**
 * The Easy Apply confirmation: the post-apply dialog whose header reads
 * "Application sent" or whose body says "Your application was sent to <Company>".
 * A dialog that merely exists is not enough: the text must be there.
 */
export function findEasyApplyConfirmation(root: ParentNode): EasyApplyConfirmation | null {
  for (const dialog of Array.from(root.querySelectorAll(MODAL_SELECTORS))) {
    const confirmation = confirmationIn(dialog);
    if (confirmation) return confirmation;
  }
  return null;
}

function confirmationIn(dialog: Element): EasyApplyConfirmation | null {
  let headed = false;
  let company: string | undefined;
  for (const element of Array.from(dialog.querySelectorAll('h1, h2, h3, h4, p, span, div'))) {
    if (element.children.length > 0 && element.tagName === 'DIV') continue;
    const text = normalise(element.textContent);
    if (!text || text.length > 300) continue;
    if (CONFIRMATION_HEADINGS.some((heading) => heading.test(text))) headed = true;
    const sentTo = SENT_TO.exec(text);
    if (sentTo?.[1]) company = sentTo[1].trim();
  }
  if (company) return { company };
  return headed ? {} : null;
}

const TITLE_SELECTORS = [
  '.job-details-jobs-unified-top-card__job-title',
  '.jobs-unified-top-card__job-title',
  '.top-card-layout__title',
  '[data-sdui-screen*="JobDetails"] h1',
  'main h1',
];
const COMPANY_SELECTORS = [
  '.job-details-jobs-unified-top-card__company-name',
  '.jobs-unified-top-card__company-name',
  '.topcard__org-name-link',
  '[data-sdui-screen*="JobDetails"] a[href*="/company/"]',
];
const LOCATION_SELECTORS = [
  '.job-details-jobs-unified-top-card__primary-description-container .tvm__text',
  '.job-details-jobs-unified-top-card__bullet',
  '.topcard__flavor--bullet',
];
const DESCRIPTION_SELECTORS = [
  '.jobs-description__content',
  '#job-details',
  '[componentkey^="JobDetails_AboutTheJob_"]',
  '.show-more-less-html__markup',
];

const LIMITS = { title: 300, company: 200, location: 200, description: 50_000 };

function firstText(doc: ParentNode, selectors: string[], max: number): string | undefined {
  for (const selector of selectors) {
    const text = normalise(doc.querySelector(selector)?.textContent);
    if (text) return text.slice(0, max);
  }
  return undefined;
}

function descriptionText(doc: ParentNode): string | undefined {
  for (const selector of DESCRIPTION_SELECTORS) {
    const element = doc.querySelector(selector);
    // textContent keeps line structure better than innerText-free DOMs allow; collapse runs of blank lines.
    const text = element?.textContent?.replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
    if (text) return text.slice(0, LIMITS.description);
  }
  return undefined;
}

/**
 * The job on a LinkedIn job page, or null when the page does not show one
 * (no id, or no title). `confirmation` supplies the company when the page hides it.
 */
export function extractLinkedInJob(
  url: URL,
  doc: Document,
  confirmation?: EasyApplyConfirmation,
): CapturedJob | null {
  const siteJobId = linkedInJobId(url, doc);
  if (!siteJobId) return null;
  const title = firstText(doc, TITLE_SELECTORS, LIMITS.title);
  if (!title) return null;
  const company = firstText(doc, COMPANY_SELECTORS, LIMITS.company) ?? confirmation?.company?.slice(0, LIMITS.company) ?? '';
  const location = firstText(doc, LOCATION_SELECTORS, LIMITS.location);
  const description = descriptionText(doc);
  return {
    platform: 'linkedin',
    siteJobId,
    title,
    company,
    url: canonicalLinkedInJobUrl(siteJobId),
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
  };
}
