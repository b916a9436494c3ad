/**
 * How hard the auth routes push back. Not environment variables: the
 * defaults suit one person's devices behind one address; tests tighten them.
 */
export interface RateLimitSettings {
  /** Every /api/auth and /api/account request, per client IP. */
  ipPerWindow: number;
  /** Failed sign-in, code, reset and password checks, per client IP (password spraying across accounts). */
  ipFailuresPerWindow: number;
  /** Every request naming an email (or made by a signed-in user), per account. */
  accountPerWindow: number;
  /** Requests that send mail (register, resend-otp, forgot-password), per email. */
  mailPerWindow: number;
  windowSeconds: number;
  /** Every /api/files request (resume originals: list, download, upload, parse, delete), per signed-in user. */
  filesPerWindow: number;
  /** Uploads, deletions and server-side parses, per signed-in user: each writes up to 10 MB or holds the parser. */
  fileWritesPerWindow: number;
  /**
   * Every /db request, per signed-in user (all their devices together). Live sync is one
   * longpoll at a time plus a push per batch of edits; an initial sync of 20,000 jobs is
   * about 100 requests.
   */
  syncPerWindow: number;
  /**
   * Every /api/extension request, per signed-in user (all their devices together): a
   * page capture, a sync of up to 500 jobs or a rules check each; a browser left open
   * makes a few a minute.
   */
  extensionPerWindow: number;
  /** Every /api/extension request, per client IP (several people behind one address), counted before the token is checked. */
  extensionIpPerWindow: number;
  /** Every /api/ml request (match, ATS check, interview odds), per signed-in user: each can hold a core for up to about half a second. */
  mlPerWindow: number;
  /**
   * Every request to the REST API over a user's own data (/api/jobs, /api/resumes,
   * /api/analytics), per signed-in user: a mobile app refreshing its lists or a
   * script paging through 20,000 jobs (200 pages of 100) stays well within it.
   */
  apiPerWindow: number;
  /**
   * Increasing back-off after failures for one account: each step allows
   * `failures` failed attempts per `windowSeconds`, so after 5 failures the
   * account waits a minute, after 10 a quarter of an hour, and so on.
   */
  failureSteps: readonly { failures: number; windowSeconds: number }[];
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  ipPerWindow: 300,
  ipFailuresPerWindow: 50,
  accountPerWindow: 60,
  mailPerWindow: 6,
  windowSeconds: 15 * 60,
  filesPerWindow: 300,
  fileWritesPerWindow: 60,
  syncPerWindow: 20_000,
  mlPerWindow: 300,
  apiPerWindow: 1_800,
  extensionPerWindow: 900,
  extensionIpPerWindow: 3_000,
  failureSteps: [
    { failures: 5, windowSeconds: 60 },
    { failures: 10, windowSeconds: 15 * 60 },
    { failures: 20, windowSeconds: 60 * 60 },
    { failures: 40, windowSeconds: 24 * 60 * 60 },
  ],
};
