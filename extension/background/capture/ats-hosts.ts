/**
 * The applicant tracking systems' application pages TrackRuit may read once
 * the person allows it from Settings: optional host permissions, never asked
 * for at install (wxt.config.ts), and the only places the ATS content script
 * is registered for. Keep in step with the built-in rule set's `sites.ats` hosts
 * (shared/rules/shipped.ts); hosts a served set adds are never read: the script runs only on these.
 */
export const ATS_HOST_PATTERNS = [
  'https://boards.greenhouse.io/*',
  'https://job-boards.greenhouse.io/*',
  'https://boards.eu.greenhouse.io/*',
  'https://job-boards.eu.greenhouse.io/*',
  'https://jobs.lever.co/*',
  'https://jobs.eu.lever.co/*',
  'https://jobs.ashbyhq.com/*',
  'https://*.myworkdayjobs.com/*',
  'https://*.myworkdaysite.com/*',
] as const;
