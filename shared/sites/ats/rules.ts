/**
 * What marks a submitted application on the applicant tracking systems'
 * hosted pages, as data: hosts, the CSS hooks of their confirmation views,
 * and their confirmation sentences as text templates (shared/rules/template).
 * Researched from public automation code that waits for these states (see
 * tests/fixtures/ats/README.md); the reconstructions in tests/fixtures/ats/
 * follow it. Kept beside the detector rather than in the served rule set
 * (shared/rules/) while that format is being versioned: moving it there is a
 * data move, so a site change can then be fixed from the server.
 */

export type AtsId = 'greenhouse' | 'lever' | 'ashby' | 'workday';

export interface AtsRules {
  id: AtsId;
  /** Hosts the pages are served from; with `subdomains`, any host below them too. */
  hosts: readonly string[];
  subdomains: boolean;
  /** The confirmation view: present (and visible) only once the application went through. */
  success: readonly string[];
  /** The site's own "could not submit" views: never a submission, even beside a success hook. */
  failure: readonly string[];
  /** Where confirmation sentences can stand: headings, status regions, short paragraphs. */
  textElements: readonly string[];
  /** The confirmation sentences (whole-text, case-insensitive, `{company}` allowed). */
  texts: readonly string[];
  /**
   * Path segments of the pages only a submission leads to (Greenhouse's
   * /confirmation, Lever's /thanks, Workday's apply flow): only there does a
   * confirmation sentence count without the confirmation view's hook, and
   * only with no form left to fill in. Job descriptions end with "Thanks for
   * applying!" often enough that a sentence alone proves nothing elsewhere.
   */
  confirmationSegments: readonly string[];
  /** The job's title and company as the application pages show them. */
  title: readonly string[];
  company: readonly string[];
}

const TEXT_ELEMENTS = ['h1', 'h2', 'h3', '[role="status"]', '[role="alert"]', 'p', 'div'] as const;

/** English copy the four sites ship by default; employers can replace it, which is why the hooks come first. */
const SUBMITTED_TEXTS = [
  'Thank you for applying',
  'Thank you for applying to {company}',
  'Thanks for applying',
  'Thanks for applying to {company}',
  'Thank you for your application',
  'Application submitted',
  'Application received',
  'Your application has been submitted',
  'Your application has been received',
  'Your application was successfully submitted',
  'Your application was submitted successfully',
  'Your application has been successfully submitted',
] as const;

export const ATS_RULES: readonly AtsRules[] = [
  {
    id: 'greenhouse',
    hosts: ['boards.greenhouse.io', 'job-boards.greenhouse.io', 'boards.eu.greenhouse.io', 'job-boards.eu.greenhouse.io'],
    subdomains: false,
    // Classic boards: #application_confirmation at /<board>/jobs/<id>/confirmation; newer boards: the same URL.
    success: ['#application_confirmation', '.application-confirmation'],
    failure: [],
    textElements: TEXT_ELEMENTS,
    texts: SUBMITTED_TEXTS,
    confirmationSegments: ['confirmation'],
    title: ['#header .app-title', '.app-title', '.job__title h1', '.job__title', 'h1.section-header'],
    company: ['#header .company-name', '.company-name'],
  },
  {
    id: 'lever',
    hosts: ['jobs.lever.co', 'jobs.eu.lever.co'],
    subdomains: false,
    // Submitting lands on /<company>/<posting>/thanks with this container.
    success: ['.application-confirmation'],
    failure: [],
    textElements: TEXT_ELEMENTS,
    texts: SUBMITTED_TEXTS,
    confirmationSegments: ['thanks'],
    title: ['.posting-headline h2', '.posting-header h2'],
    company: ['.main-header-logo img[alt]'],
  },
  {
    id: 'ashby',
    hosts: ['jobs.ashbyhq.com'],
    subdomains: false,
    // Rendered in place of the form after the submit mutation succeeds; the URL does not change.
    success: ['.ashby-application-form-success-container'],
    failure: ['.ashby-application-form-failure-container', '.ashby-application-form-blocked-application-container'],
    textElements: TEXT_ELEMENTS,
    texts: SUBMITTED_TEXTS,
    confirmationSegments: [],
    title: ['.ashby-job-posting-heading', 'h1'],
    company: [],
  },
  {
    id: 'workday',
    hosts: ['myworkdayjobs.com', 'myworkdaysite.com'],
    subdomains: true,
    // Workday's apply flow ends on a page its automation ids name; the sentence confirms it.
    success: ['[data-automation-id="applyFlowCompleted"]', '[data-automation-id="applicationSubmitted"]'],
    failure: ['[data-automation-id="errorMessage"]'],
    textElements: [...TEXT_ELEMENTS, '[data-automation-id]'],
    texts: SUBMITTED_TEXTS,
    confirmationSegments: ['apply'],
    title: ['[data-automation-id="jobPostingHeader"]'],
    company: ['[data-automation-id="companyName"]'],
  },
];
