import { z } from 'zod';
import { PATH_PLACEHOLDER_NAMES, TEXT_PLACEHOLDER_NAMES, templateProblems } from './template';

/**
 * The detection rule set: selectors, attribute hooks, localised texts and URL
 * patterns as data. A newer set can come from the server, so this schema is a
 * security boundary: every string and array is bounded, texts and paths are
 * templates (never regular expressions), and selectors refuse the constructs
 * that make a query slow, so a hostile set cannot stall the content script.
 *
 * Unknown keys are dropped, not refused (no `.strict()`): a server serves one
 * set to every extension version in the field, so a set that gains a field for
 * newer extensions must still reach older ones, which read the fields they
 * know and never see the rest. Fields this format added are filled in for
 * sets written before it (./format.ts).
 */

export const RULE_LIMITS = {
  /** Serialized size of a whole rule set. */
  bytes: 256 * 1024,
  selectorLength: 300,
  selectors: 25,
  textLength: 200,
  texts: 60,
  pathLength: 200,
  paths: 20,
  paramLength: 40,
  hostLength: 253,
  hosts: 20,
  knownHosts: 20,
} as const;

const selector = z
  .string()
  .min(1)
  .max(RULE_LIMITS.selectorLength)
  .refine((s) => !/:has\s*\(/i.test(s), 'selectors may not use :has() (a query per element, too slow)')
  .refine((s) => (s.match(/[ >+~]/g) ?? []).length <= 12, 'selector too deep (at most 12 combinators)')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'control characters are not allowed');
const selectors = z.array(selector).max(RULE_LIMITS.selectors);

function template(max: number, allowed: readonly string[]) {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      for (const problem of templateProblems(value, allowed)) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const text = template(RULE_LIMITS.textLength, TEXT_PLACEHOLDER_NAMES);
const texts = z.array(text).min(1).max(RULE_LIMITS.texts);
const path = template(RULE_LIMITS.pathLength, PATH_PLACEHOLDER_NAMES).refine((p) => p.startsWith('/'), 'paths start with /');
const paths = z.array(path).max(RULE_LIMITS.paths);
const param = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'query parameter names are letters, digits, _ . -')
  .max(RULE_LIMITS.paramLength);
const attribute = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_:-]*$/, 'attribute names are letters, digits, _ : -')
  .max(RULE_LIMITS.paramLength);
const host = z
  .string()
  .max(RULE_LIMITS.hostLength)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'hosts are lower-case domain names');
const hosts = z.array(host).min(1).max(RULE_LIMITS.hosts);

export const jobIdFormatSchema = z
  .object({
    format: z.enum(['digits', 'alnum']),
    minLength: z.number().int().min(1).max(64),
    maxLength: z.number().int().min(1).max(64),
  })
  .refine((f) => f.minLength <= f.maxLength, 'minLength must not exceed maxLength');

/**
 * An attribute value that carries a job id inside it ("urn:li:jobPosting:{id}",
 * "https://www.linkedin.com/jobs/view/{id}/"): the path template language, so
 * it is never a regular expression, and it must name the {id}.
 */
const idInValue = template(RULE_LIMITS.pathLength, PATH_PLACEHOLDER_NAMES).refine((v) => v.includes('{id}'), 'value templates name the {id}');

/** Where a job id can come from, tried in order. */
const jobIdSource = z.union([
  z.object({ param }),
  z.object({ path }),
  /** Without `value` the whole attribute is the id. */
  z.object({ selector, attribute, value: idInValue.optional() }),
]);
const jobIdSources = z.array(jobIdSource).max(RULE_LIMITS.paths);

const relativeTime = z
  .object({
    text: text.refine((t) => !t.includes('{company}') && !t.includes('{when}'), 'relative times use only {n}'),
    unit: z.enum(['second', 'minute', 'hour', 'day', 'week', 'month']),
    /** For texts without {n} ("just now" → 0, "yesterday" → 1). */
    n: z.number().int().min(0).max(1000).optional(),
  });

const linkedinRules = z
  .object({
    /** LinkedIn's hosts; their subdomains too (guest pages come from fr.linkedin.com, it.linkedin.com, ...). */
    hosts,
    jobId: jobIdFormatSchema,
    urls: z
      .object({
        jobIdSources,
        jobView: paths,
        /** Paths that show a list of jobs; a job id in the URL makes them a job page (the detail pane). */
        jobLists: paths,
        applications: paths,
        authwall: paths,
        /** Paths below which jobs may appear at all (the content script's cheap pre-check). */
        jobsArea: paths,
      }),
    selectors: z
      .object({
        authwall: selectors,
        jobIdAttributes: jobIdSources,
        title: selectors,
        company: selectors,
        /**
         * The SDUI layout marks nothing in its top card: there, inside these
         * roots, the title is the first text block after the first link to a
         * company page (`companyLinks`), and the location line the block after it.
         */
        topCardRoots: selectors,
        companyLinks: selectors,
        /** Lines like "Berlin, Germany · 2 days ago · 40 applicants": split on "·". */
        topCardLine: selectors,
        location: selectors,
        description: selectors,
        employmentType: selectors,
        detailPane: selectors,
        modalOutlets: selectors,
        dialogs: selectors,
        /** Elements inside dialogs and panes whose own text is compared with the texts below. */
        textElements: selectors,
        buttons: selectors,
        /** The older layout's inline "Applied 3 minutes ago" feedback. */
        appliedFeedback: selectors,
        /** State lines inside the detail pane (SDUI shows a plain "Applied"). */
        appliedState: selectors,
        /**
         * Where a state line is about something else: other jobs (similar jobs,
         * cards), the description, and controls and forms (a filter chip or a form
         * field that says "Applied" is not an application). Matched with closest().
         */
        notAppliedState: selectors,
        /** Job cards in result lists; a card's id comes from jobIdAttributes or its link. */
        cards: selectors,
        /** State text inside a card ("Applied", "Viewed"). */
        cardState: selectors,
      }),
    texts: z
      .object({
        easyApply: texts,
        applicationSent: texts,
        sentTo: texts,
        applied: texts,
        offsitePrompt: texts,
        yes: texts,
        no: texts,
        employmentTypes: texts,
        relativeTime: z.array(relativeTime).min(1).max(RULE_LIMITS.texts * 2),
      }),
  });

const internshalaRules = z
  .object({
    hosts,
    jobId: jobIdFormatSchema,
    urls: z
      .object({
        internshipDetail: paths,
        jobDetail: paths,
        lists: paths,
        applications: paths,
      }),
    selectors: z
      .object({
        jobIdAttributes: jobIdSources,
        card: selectors,
        title: selectors,
        company: selectors,
        locations: selectors,
        salary: selectors,
        description: selectors,
        detailItem: selectors,
        detailItemHeading: selectors,
        detailItemBody: selectors,
        success: selectors,
        canonical: selectors,
      }),
    texts: z
      .object({
        applicationSubmitted: texts,
        duration: texts,
        startDate: texts,
        salary: texts,
      }),
  });

const knownHost = z
  .object({
    host,
    platform: z.enum(['indeed', 'naukri', 'linkedin', 'internshala', 'other']),
    jobId: jobIdFormatSchema,
    jobIdSources,
    title: selectors,
    company: selectors,
    location: selectors,
    description: selectors,
  });

const genericRules = z
  .object({
    jsonLd: selectors,
    /** Largest JSON-LD script read, in characters. */
    maxScriptChars: z.number().int().min(1).max(1_000_000),
    maxScripts: z.number().int().min(1).max(50),
    /** Deepest nesting followed when looking for a JobPosting. */
    maxDepth: z.number().int().min(1).max(32),
    jobPostingTypes: texts,
    knownHosts: z.array(knownHost).max(RULE_LIMITS.knownHosts),
    /**
     * Markup only a bot check has (Cloudflare's challenge fields and script):
     * such a page is not a job, whatever its title says. Hidden inputs, so
     * present is enough.
     */
    botChecks: selectors,
    /** A sign-in form (a password field): shown, and with no JobPosting, the page is a wall. */
    signInForms: selectors,
    /** Suffixes sites add to og:title / <title> (" | {company} Careers", " - job post"), cut from the title. */
    titleSuffixes: z.array(text).max(RULE_LIMITS.texts),
    /** Query parameters dropped from canonical URLs (tracking). */
    trackingParams: z.array(param).max(60),
  });

/** A path segment as it stands between two slashes ("confirmation", "thanks"), compared whole. */
const pathSegment = z
  .string()
  .min(1)
  .max(RULE_LIMITS.paramLength)
  .regex(/^[A-Za-z0-9_.~-]+$/, 'path segments are letters, digits, _ . ~ -');

/**
 * One applicant tracking system's application pages (shared/sites/ats/): what
 * marks a submitted application there. Its hosts only narrow where the
 * detector runs: the content script is registered for the hosts the person
 * granted (extension/background/capture/ats-hosts.ts), so a served set can
 * never widen what the extension reads.
 */
const atsSiteRules = z.object({
  /** With `subdomains`, any host below them too (Workday's tenants). */
  hosts,
  subdomains: z.boolean(),
  /** The confirmation view: present (and visible) only once the application went through. */
  success: selectors,
  /** The site's own "could not submit" views: never a submission, even beside a success hook. */
  failure: selectors,
  /** Where confirmation sentences can stand: headings, status regions, short paragraphs. */
  textElements: selectors,
  /** The confirmation sentences (whole-text, case-insensitive, `{company}` allowed). */
  texts,
  /**
   * Path segments of the pages only a submission leads to (Greenhouse's
   * /confirmation, Lever's /thanks, Workday's apply flow): only there does a
   * confirmation sentence count without the confirmation view's hook, and
   * only with no form left to fill in. Job descriptions end with "Thanks for
   * applying!" often enough that a sentence alone proves nothing elsewhere.
   */
  confirmationSegments: z.array(pathSegment).max(RULE_LIMITS.paths),
  /** The job's title and company as the application pages show them. */
  title: selectors,
  company: selectors,
});

/**
 * Keyed by system, not a list: where the job sits in each one's URLs is code
 * (shared/sites/ats/job-page.ts), so a system this extension does not know,
 * added to a later set for newer extensions, is an unknown key and dropped.
 */
const atsRules = z.object({
  greenhouse: atsSiteRules,
  lever: atsSiteRules,
  ashby: atsSiteRules,
  workday: atsSiteRules,
});

export const ruleSetSchema = z
  .object({
    version: z.number().int().min(1).max(2_147_483_647),
    sites: z
      .object({
        linkedin: linkedinRules,
        internshala: internshalaRules,
        generic: genericRules,
        /** Added in format 3; a set written before gets the built-in one (./format.ts). */
        ats: atsRules,
      }),
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type LinkedInRules = RuleSet['sites']['linkedin'];
export type InternshalaRules = RuleSet['sites']['internshala'];
export type GenericRules = RuleSet['sites']['generic'];
export type KnownHostRules = GenericRules['knownHosts'][number];
export type AtsRuleSet = RuleSet['sites']['ats'];
export type AtsSiteRules = AtsRuleSet[keyof AtsRuleSet];
export type JobIdSource = z.infer<typeof jobIdSource>;
export type RelativeTimeRule = z.infer<typeof relativeTime>;
