import type { LinkedInRules, RuleSet } from '../rules/schema';
import { shippedRules } from '../rules/shipped';
import { compileText, matchAnyText, matchesAnyPath, normaliseText } from '../rules/template';
import {
  firstBlockText,
  firstText,
  hostMatches,
  jobIdFrom,
  queryAll,
  textOf,
  textWithoutControls,
} from './dom';
import { findJobPosting } from './json-ld';
import { parseRelativeTime } from './relative-time';
import type { ExtractedJob, ExtractOptions, IsVisible, PageExtraction, PageKind, Signal, SiteModule } from './types';

/**
 * LinkedIn detection as small pure functions of a URL and a Document, driven
 * by the rule set (selectors, texts in five languages, URL templates), so they
 * can be tested against saved pages and corrected from the server. Detection
 * goes URL first, then stable attributes, then visible text; generated class
 * names only as a last resort. Both layouts (older readable classes and the
 * 2025-26 SDUI attribute hooks) are covered by the same rules.
 */

const LIMITS = { title: 300, company: 200, location: 200, description: 50_000, evidence: 120 };
/** Elements compared with texts per container: a dialog or pane has far fewer. */
const MAX_TEXT_ELEMENTS = 400;

const site = (rules: RuleSet): LinkedInRules => rules.sites.linkedin;
const everyoneVisible: IsVisible = () => true;

/** LinkedIn's hosts and their subdomains: logged-out pages are served from country hosts (fr., it., ...). */
export function isLinkedInHost(url: URL, rules: RuleSet = shippedRules): boolean {
  return url.protocol === 'https:' && hostMatches(url.hostname, site(rules).hosts, true);
}

/** Job pages are the only LinkedIn pages where an application can be confirmed. */
export function isLinkedInJobsPage(url: URL, rules: RuleSet = shippedRules): boolean {
  const r = site(rules);
  return isLinkedInHost(url, rules) && matchesAnyPath(r.urls.jobsArea, url.pathname, r.jobId);
}

export function linkedInJobIdFromUrl(url: URL, rules: RuleSet = shippedRules): string | undefined {
  if (!isLinkedInHost(url, rules)) return undefined;
  const r = site(rules);
  return jobIdFrom(url, null, r.urls.jobIdSources, r.jobId);
}

export function linkedInJobId(url: URL, doc: Document, rules: RuleSet = shippedRules): string | undefined {
  const r = site(rules);
  return linkedInJobIdFromUrl(url, rules) ?? jobIdFrom(url, doc, r.selectors.jobIdAttributes, r.jobId);
}

export function canonicalLinkedInJobUrl(jobId: string): string {
  return `https://www.linkedin.com/jobs/view/${jobId}/`;
}

/** What kind of LinkedIn page this is, from the URL first and the DOM only for the authwall. */
export function linkedInPageKind(url: URL, doc: Document | null, rules: RuleSet = shippedRules): PageKind {
  if (!isLinkedInHost(url, rules)) return 'other';
  const r = site(rules);
  const path = url.pathname;
  if (matchesAnyPath(r.urls.authwall, path, r.jobId)) return 'authwall';
  if (doc && r.selectors.authwall.some((s) => queryAll(doc, s, 1).length > 0)) return 'authwall';
  if (matchesAnyPath(r.urls.applications, path, r.jobId)) return 'applications';
  if (matchesAnyPath(r.urls.jobView, path, r.jobId)) return 'job';
  if (matchesAnyPath(r.urls.jobLists, path, r.jobId)) {
    return linkedInJobIdFromUrl(url, rules) ? 'job' : 'job-list';
  }
  return 'other';
}

function unique(elements: Element[]): Element[] {
  return [...new Set(elements)];
}

function all(root: ParentNode, selectors: readonly string[], limit?: number): Element[] {
  return unique(selectors.flatMap((s) => queryAll(root, s, limit)));
}

/** Elements whose own text is worth comparing: leaf-ish, short. The container itself first. */
function textCandidates(container: Element, rules: LinkedInRules): Element[] {
  const inner = all(container, rules.selectors.textElements, MAX_TEXT_ELEMENTS).filter(
    (e) => !(e.tagName === 'DIV' && e.children.length > 0),
  );
  return [container, ...inner].slice(0, MAX_TEXT_ELEMENTS);
}

export interface EasyApplyConfirmation {
  /** The company named in "Your application was sent to <Company>", if shown. */
  company?: string;
  /** The matched text, for evidence. */
  evidence?: string;
}

/**
 * The Easy Apply confirmation: a visible dialog whose header reads
 * "Application sent" (or a translation) or whose body says "Your application
 * was sent to <Company>". A dialog that merely exists is not enough: the text must be there.
 */
export function findEasyApplyConfirmation(
  root: ParentNode,
  rules: RuleSet = shippedRules,
  isVisible: IsVisible = everyoneVisible,
): EasyApplyConfirmation | null {
  const r = site(rules);
  for (const dialog of all(root, r.selectors.dialogs, 50)) {
    if (!isVisible(dialog)) continue;
    let headed: string | undefined;
    let company: string | undefined;
    let sentTo: string | undefined;
    for (const element of textCandidates(dialog, r)) {
      const text = textOf(element, 301);
      if (!text || text.length > 300) continue;
      if (!headed && matchAnyText(r.texts.applicationSent, text)) headed = text;
      const match = company ? null : matchAnyText(r.texts.sentTo, text);
      if (match?.company) {
        company = match.company.slice(0, LIMITS.company);
        sentTo = text;
      }
    }
    if (company) return { company, evidence: (sentTo ?? '').slice(0, LIMITS.evidence) };
    if (headed) return { evidence: headed.slice(0, LIMITS.evidence) };
  }
  return null;
}

export interface AppliedBadge {
  evidence: string;
  /** When the badge dates the application ("3 minutes ago"). */
  appliedAt?: string;
}

function appliedIn(text: string, rules: LinkedInRules, now: Date): AppliedBadge | null {
  const cleaned = text.replace(/^[\s·•|]+|[\s·•|]+$/g, '');
  for (const template of rules.texts.applied) {
    const match = compileText(template).match(cleaned);
    if (!match) continue;
    const appliedAt = match.when ? parseRelativeTime(match.when, rules.texts.relativeTime, now) : undefined;
    // "Applied {when}" only counts when {when} really is a time: "Applied Scientist" is a job title,
    // and "Applied on company site" is for a template of its own.
    if (match.when && !appliedAt) continue;
    return { evidence: cleaned.slice(0, LIMITS.evidence), ...(appliedAt ? { appliedAt } : {}) };
  }
  return null;
}

/** Lines after a state checked for its time: SDUI puts "1 day ago" under "Applied on company site". */
const TIME_LINES = 2;

/** The time the lines right after a state line give ("Applied on company site" / "1 day ago"). */
function timeAfter(element: Element, rules: LinkedInRules, now: Date): string | undefined {
  let next = element.nextElementSibling;
  for (let i = 0; next && i < TIME_LINES; i++, next = next.nextElementSibling) {
    const text = textOf(next, 80);
    const at = text ? parseRelativeTime(text, rules.texts.relativeTime, now) : undefined;
    if (at) return at;
  }
  return undefined;
}

/**
 * Whether an element sits where a state line is about something else (another
 * job, the description, a control, a form). With `card`, only places inside
 * that card count: the selected job's own card is where its state belongs.
 */
function inNotAppliedPlace(element: Element, rules: LinkedInRules, card?: Element): boolean {
  return rules.selectors.notAppliedState.some((selector) => {
    let place: Element | null;
    try {
      place = element.closest(selector);
    } catch {
      return false;
    }
    return place !== null && (!card || (place !== card && card.contains(place)));
  });
}

/** The id a job card stands for: its id attributes, else the job its first link opens. */
function cardJobId(card: Element, rules: LinkedInRules): string | undefined {
  for (const attribute of ['data-occludable-job-id', 'data-job-id']) {
    const id = card.getAttribute(attribute);
    if (id) return id;
  }
  const href = card.querySelector('a[href]')?.getAttribute('href');
  if (!href) return undefined;
  try {
    return jobIdFrom(new URL(href, 'https://www.linkedin.com'), null, rules.urls.jobIdSources, rules.jobId);
  } catch {
    return undefined;
  }
}

/**
 * Whether a result card stands for this job. A card whose link does not even
 * contain the id is not it, which spares the URL parse of every other card:
 * SDUI cards carry no id attribute, and this runs after every burst of changes.
 */
function isCardOf(card: Element, jobId: string, rules: LinkedInRules): boolean {
  const hasIdAttribute = card.hasAttribute('data-occludable-job-id') || card.hasAttribute('data-job-id');
  if (!hasIdAttribute && !card.querySelector('a[href]')?.getAttribute('href')?.includes(jobId)) return false;
  return cardJobId(card, rules) === jobId;
}

/**
 * The job shown as already applied: the older layout's inline "Applied 3
 * minutes ago" feedback, a plain "Applied" state in the SDUI detail pane, or
 * the state line of the selected job's card. Only visible elements count.
 */
export function findAppliedBadge(
  doc: Document,
  jobId: string | undefined,
  rules: RuleSet = shippedRules,
  isVisible: IsVisible = everyoneVisible,
  now: Date = new Date(),
): AppliedBadge | null {
  const r = site(rules);
  const states = all(doc, r.selectors.appliedState, MAX_TEXT_ELEMENTS).filter((e) => !inNotAppliedPlace(e, r));
  const candidates = [...all(doc, r.selectors.appliedFeedback, 20), ...states];
  if (jobId) {
    for (const card of all(doc, r.selectors.cards, 200)) {
      if (!isCardOf(card, jobId, r)) continue;
      candidates.push(...all(card, r.selectors.cardState, 20).filter((e) => !inNotAppliedPlace(e, r, card)));
    }
  }
  for (const element of unique(candidates)) {
    const text = textWithoutControls(element, 301);
    if (!text || text.length > 300) continue;
    const badge = appliedIn(text, r, now);
    if (!badge || !isVisible(element)) continue;
    if (badge.appliedAt) return badge;
    const appliedAt = timeAfter(element, r, now);
    return appliedAt ? { ...badge, appliedAt } : badge;
  }
  return null;
}

export interface OffsiteApplyPrompt {
  /** The "Yes" button: a content script listens for its click to record the application. */
  yes: Element;
  no?: Element;
  /** The element holding the question and the buttons. */
  container: Element;
}

/** Ancestors climbed from the question to find its buttons. */
const PROMPT_CLIMB = 6;

/**
 * LinkedIn's "Did you finish applying?" prompt shown on return from an
 * employer's site, with its Yes / No buttons. Only a visible question with a
 * visible "Yes" counts; searched in dialogs first, then the detail pane.
 * The search starts from the buttons, which are few, rather than from every
 * text element of the detail pane: content scripts run it after every burst
 * of changes on the page.
 */
export function findOffsiteApplyPrompt(
  doc: Document,
  rules: RuleSet = shippedRules,
  isVisible: IsVisible = everyoneVisible,
): OffsiteApplyPrompt | null {
  const r = site(rules);
  const containers = unique([...all(doc, r.selectors.dialogs, 50), ...all(doc, r.selectors.detailPane, 5)]);
  for (const container of containers) {
    for (const yes of all(container, r.selectors.buttons, 50)) {
      if (!matchAnyText(r.texts.yes, buttonText(yes))) continue;
      let scope: Element | null = yes.parentElement;
      for (let i = 0; scope && i < PROMPT_CLIMB; i++, scope = scope === container ? null : scope.parentElement) {
        const question = textCandidates(scope, r).find((element) => {
          const text = textOf(element, 301);
          return text.length > 0 && text.length <= 300 && matchAnyText(r.texts.offsitePrompt, text) !== null;
        });
        if (!question) continue;
        if (!isVisible(question) || !isVisible(yes)) break;
        const no = all(scope, r.selectors.buttons, 50).find((b) => b !== yes && matchAnyText(r.texts.no, buttonText(b)) && isVisible(b));
        return { yes, ...(no ? { no } : {}), container: scope };
      }
    }
  }
  return null;
}

function buttonText(button: Element): string {
  return textOf(button, 60) || normaliseText(button.getAttribute('aria-label')).slice(0, 60);
}

/** The Easy Apply button or link of the job shown, by its (localised) label. */
export function findEasyApplyButton(doc: Document, rules: RuleSet = shippedRules): Element | null {
  const r = site(rules);
  for (const element of all(doc, ['button', 'a[href]'], MAX_TEXT_ELEMENTS)) {
    const label = normaliseText(element.getAttribute('aria-label')).slice(0, 200);
    if (matchAnyText(r.texts.easyApply, textOf(element, 100)) || (label && matchAnyText(r.texts.easyApply, label))) {
      return element;
    }
  }
  return null;
}

/**
 * What a content script should observe: the modal outlet(s) and the detail
 * pane. SDUI renders dialogs straight into <body>, so without an outlet the
 * body is observed instead.
 */
export function linkedInObserveRoots(doc: Document, rules: RuleSet = shippedRules): Element[] {
  const r = site(rules);
  const outlets = all(doc, r.selectors.modalOutlets, 5);
  const panes = all(doc, r.selectors.detailPane, 5);
  const body = doc.body ?? doc.documentElement;
  if (outlets.length === 0) return [body];
  // A pane inside an outlet (or the reverse) is already covered.
  const roots = unique([...outlets, ...panes]);
  return roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
}

function segmentsOf(line: string | undefined): string[] {
  return line ? line.split(/\s*[·•]\s*/).filter(Boolean) : [];
}

/** Text blocks of a top card, in document order. */
const BLOCKS = 'h1, h2, h3, h4, p';
/** Blocks examined after the company link: the title and its line are the next few. */
const MAX_BLOCKS_AFTER = 6;

export interface StructuralTopCard {
  company: string;
  title: string;
  /** The line under the title: "Amsterdam, North Holland, Netherlands · 1 day ago · …". */
  line?: string;
}

/**
 * The SDUI top card, read from its structure, since its class names are
 * hashed and it has no attributes of its own: the first link to a company
 * page with a name, then the first text block after it is the title and the
 * one after that the location line. Blocks inside links and buttons (the
 * logo's name, "More options") are not the title.
 */
export function structuralTopCard(doc: Document, rules: RuleSet = shippedRules): StructuralTopCard | null {
  const r = site(rules);
  for (const root of all(doc, r.selectors.topCardRoots, 5)) {
    const link = all(root, r.selectors.companyLinks, 20).find((a) => textOf(a, LIMITS.company) !== '');
    if (!link) continue;
    const company = textOf(link, LIMITS.company);
    const after: string[] = [];
    for (const block of queryAll(root, BLOCKS, MAX_TEXT_ELEMENTS)) {
      if (after.length >= MAX_BLOCKS_AFTER) break;
      if (!(link.compareDocumentPosition(block) & 4 /* FOLLOWING */) || link.contains(block)) continue;
      if (block.closest('a[href], button, [role="button"]')) continue;
      const text = textOf(block, 601);
      if (text && text.length <= 600 && text !== company) after.push(text);
    }
    const [title, line] = after;
    if (title && title.length <= LIMITS.title) return { company, title, ...(line ? { line } : {}) };
  }
  return null;
}

function employmentTypeOf(doc: Document, r: LinkedInRules): string | undefined {
  for (const element of all(doc, r.selectors.employmentType, 200)) {
    const text = textOf(element, 60);
    if (text && matchAnyText(r.texts.employmentTypes, text)) return text;
  }
  return undefined;
}

/** A job whose id is known, as `extractLinkedInJob` returns it. */
export type LinkedInJob = ExtractedJob & { siteJobId: string };

/**
 * The job on a LinkedIn job page, or null when the page does not show one
 * (no id, or no title). `confirmation` supplies the company when the page
 * hides it; a guest page's JSON-LD fills what the markup lacks.
 */
export function extractLinkedInJob(
  url: URL,
  doc: Document,
  confirmation?: EasyApplyConfirmation,
  options: { rules?: RuleSet; now?: Date } = {},
): LinkedInJob | null {
  return readLinkedInJob(url, doc, confirmation, options)?.job ?? null;
}

/**
 * The layout as the reading that found the title: the older and guest top
 * cards and the SDUI search pane mark it for the rule selectors, the SDUI job
 * view only has its structure, and a page whose markup gave nothing may still
 * carry a JobPosting. Named by reading rather than by LinkedIn's design
 * names, because that is what breaks when LinkedIn changes its markup.
 */
export type LinkedInLayout = 'top-card-selectors' | 'top-card-structure' | 'json-ld';

function readLinkedInJob(
  url: URL,
  doc: Document,
  confirmation: EasyApplyConfirmation | undefined,
  options: { rules?: RuleSet; now?: Date },
): { job: LinkedInJob; layout: LinkedInLayout } | null {
  const rules = options.rules ?? shippedRules;
  const now = options.now ?? new Date();
  const r = site(rules);
  if (!isLinkedInHost(url, rules)) return null;
  const siteJobId = linkedInJobId(url, doc, rules);
  if (!siteJobId) return null;
  const posting = findJobPosting(doc, rules.sites.generic);
  const marked = firstText(doc, r.selectors.title, LIMITS.title);
  const card = marked ? null : structuralTopCard(doc, rules);
  const title = marked ?? card?.title ?? posting?.title?.slice(0, LIMITS.title);
  if (!title) return null;
  const layout: LinkedInLayout = marked ? 'top-card-selectors' : card ? 'top-card-structure' : 'json-ld';
  const company =
    firstText(doc, r.selectors.company, LIMITS.company) ??
    card?.company ??
    confirmation?.company?.slice(0, LIMITS.company) ??
    posting?.company ??
    '';
  const segments = segmentsOf(card?.line ?? firstText(doc, r.selectors.topCardLine, 600));
  const isTime = (s: string) => parseRelativeTime(s, r.texts.relativeTime, now) !== undefined;
  // Some older top cards open their line with the company ("Acme · Berlin · 2 days ago").
  const isCompany = (s: string) => company !== '' && s.toLowerCase() === company.toLowerCase();
  const location =
    firstText(doc, r.selectors.location, LIMITS.location) ??
    segments.find((s) => !isTime(s) && !isCompany(s))?.slice(0, LIMITS.location) ??
    posting?.location;
  // An absolute JSON-LD date beats "1 week ago".
  const postedAt =
    posting?.postedAt ?? segments.map((s) => parseRelativeTime(s, r.texts.relativeTime, now)).find(Boolean);
  const description = firstBlockText(doc, r.selectors.description, LIMITS.description) ?? posting?.description;
  const employmentType = employmentTypeOf(doc, r) ?? posting?.employmentType;
  const salary = posting?.salary;
  const job: LinkedInJob = {
    platform: 'linkedin',
    siteJobId,
    title,
    company,
    url: canonicalLinkedInJobUrl(siteJobId),
    ...(location ? { location } : {}),
    ...(description ? { description } : {}),
    ...(employmentType ? { employmentType } : {}),
    ...(postedAt ? { postedAt } : {}),
    ...(salary ? { salary } : {}),
  };
  return { job, layout };
}

/** Everything LinkedIn shows on this page: kind, job, and application signals. */
export function extractLinkedIn(url: URL, doc: Document, options: ExtractOptions): PageExtraction {
  const { rules, isVisible, now } = options;
  let kind = linkedInPageKind(url, doc, rules);
  if (kind === 'authwall' || kind === 'other' || kind === 'applications') {
    return { kind, job: null, applied: false, signals: [] };
  }
  const signals: Signal[] = [];
  const confirmation = findEasyApplyConfirmation(doc, rules, isVisible);
  if (confirmation) signals.push({ type: 'easy_apply_confirmation', evidence: confirmation.evidence ?? '' });
  const badge = findAppliedBadge(doc, linkedInJobId(url, doc, rules), rules, isVisible, now);
  if (badge) signals.push({ type: 'applied_badge', evidence: badge.evidence });
  const prompt = findOffsiteApplyPrompt(doc, rules, isVisible);
  if (prompt) signals.push({ type: 'offsite_apply_prompt', evidence: textOf(prompt.container, LIMITS.evidence) });
  if (options.job === 'signals' && signals.length === 0) return { kind, job: null, applied: false, signals };
  const read = readLinkedInJob(url, doc, confirmation ?? undefined, { rules, now });
  const job = read?.job ?? null;
  // A list page whose detail pane names a job by its attributes is showing that job.
  if (kind === 'job-list' && job) kind = 'job';
  // Shown as applied, however long ago: the signals tell a submission just made from an earlier one.
  const applied = confirmation !== null || badge !== null;
  return {
    kind,
    job,
    applied,
    signals,
    ...(!confirmation && badge?.appliedAt ? { appliedAt: badge.appliedAt } : {}),
    ...(read ? { layout: read.layout } : {}),
  };
}

export const linkedinSite: SiteModule = {
  id: 'linkedin',
  matches: (url, rules) => isLinkedInHost(url, rules),
  extract: extractLinkedIn,
  observeRoots: linkedInObserveRoots,
};
