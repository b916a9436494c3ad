/**
 * The answers of the admin console's routes and of the job seekers' pooled
 * figures (issue 16), written down once so the server that produces them and
 * the console and extension that read them agree. Shapes only: each route
 * validates and builds its own answer.
 */

/**
 * A figure over a group of people. `null` when the group has fewer than
 * ANALYTICS_MIN_GROUP contributing users (or is hidden so that totals cannot
 * reveal such a group): the console shows "hidden (fewer than N people)".
 */
export type GroupFigure = number | null;

export interface PlatformCountRow {
  /** The group's key: `YYYY-MM`, a site id, `city, country`, a status, a company name. */
  key: string;
  applications: GroupFigure;
  users: GroupFigure;
}

export interface PlatformSiteRow extends PlatformCountRow {
  /** Shares of the site's applications that reached each stage (0..1). */
  responseRate: GroupFigure;
  interviewRate: GroupFigure;
  offerRate: GroupFigure;
  medianResponseDays: GroupFigure;
}

export interface PlatformCompanyRow {
  company: string;
  medianResponseDays: GroupFigure;
  users: GroupFigure;
}

export interface ActiveUsersPoint {
  /** `YYYY-MM-DD` for daily, ISO week `YYYY-Www` for weekly, `YYYY-MM` for monthly. */
  period: string;
  users: GroupFigure;
}

export interface CaptureHealthRow {
  /** `YYYY-MM-DD`. */
  day: string;
  site: string;
  /** The detection rule (page layout) that recognised the captures, or `manual`. */
  layout: string;
  captures: GroupFigure;
}

/** GET /api/admin/analytics (permission analytics:read, second factor). */
export interface PlatformAnalyticsReport {
  generatedAt: string;
  minGroup: number;
  /** Users whose databases contribute (opted-out users excluded). */
  contributors: number;
  applicationsByMonth: PlatformCountRow[];
  bySite: PlatformSiteRow[];
  byLocation: PlatformCountRow[];
  byStatus: PlatformCountRow[];
  byCompany: PlatformCompanyRow[];
  activeUsers: { daily: ActiveUsersPoint[]; weekly: ActiveUsersPoint[]; monthly: ActiveUsersPoint[] };
  captures: { automatic: GroupFigure; manual: GroupFigure };
  captureHealth: CaptureHealthRow[];
}
// GET /api/admin/analytics.csv: the same report as CSV rows `section,key,metric,value`
// (hidden figures as an empty value).

/**
 * GET /api/analytics/community?companies=a,b&sites=x,y (any signed-in user):
 * pooled figures for the asking person, from the same aggregates. Groups too
 * small are left out rather than sent as null.
 */
export interface CommunityFigures {
  generatedAt: string;
  minGroup: number;
  companies: { company: string; medianResponseDays: number; users: number }[];
  sites: { site: string; responseRate: number; users: number }[];
}

/** GET /api/admin/rules (rules:manage). */
export interface RuleSetAdminView {
  /** The rule set being served to extensions now and where it came from. */
  active: { version: string; source: 'built-in' | 'file' | 'uploaded'; uploadedAt?: string; uploadedBy?: string; ruleSet: unknown };
  /** Earlier uploaded versions, newest first, any of which can be restored. */
  history: { version: string; uploadedAt: string; uploadedBy: string }[];
}
// PUT /api/admin/rules (rules:manage): body is a rule set; 400 with the validation errors, or the new view.
// POST /api/admin/rules/rollback (rules:manage): body `{ version }`; serves that earlier version again.

/** GET /api/admin/services (any admin with the second factor). */
export interface ServicesState {
  ml: { engine: 'built-in' | 'external'; semantic: boolean; breaker: 'closed' | 'open' | 'half-open' | null };
  mail: { configured: boolean; sent: number; failed: number; lastError?: string };
  redis: { configured: boolean; connected: boolean };
  storage: { mode: 'embedded' | 'couchdb'; users: number; databases: number };
}
