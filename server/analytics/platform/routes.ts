import { Router } from 'express';
import { z } from 'zod';
import { reportCsv } from '../../../shared/analytics/report-csv';
import { JOB_LIMITS, PLATFORMS } from '../../../shared/schema/job';
import { adminAccess } from '../../admin/access';
import { handle, requireUser } from '../../auth/routes';
import type { SecondFactorService } from '../../auth/second-factor';
import type { AuthService } from '../../auth/service';
import type { AuthLimiters } from '../../rate-limit/limiters';
import { listOf, parseQuery } from '../../rest/list-query';
import type { PlatformAnalytics } from './aggregator';

/**
 * GET /api/admin/analytics and /analytics.csv (analytics:read with the second
 * factor): the platform report, small groups hidden. GET
 * /api/analytics/community: the pooled figures a signed-in person asks for
 * about their own companies and sites. Both answer from the running sums.
 */

/** Companies one request may ask about: a job's details asks for one, Insights for a page of them. */
export const MAX_COMMUNITY_COMPANIES = 50;

const communityQuerySchema = z
  .object({
    companies: z
      .string()
      .max(MAX_COMMUNITY_COMPANIES * (JOB_LIMITS.companyLength + 1))
      .transform((value) => [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))])
      .pipe(z.array(z.string().max(JOB_LIMITS.companyLength, `each company must be at most ${JOB_LIMITS.companyLength} characters`)).max(MAX_COMMUNITY_COMPANIES, `at most ${MAX_COMMUNITY_COMPANIES} companies`))
      .default([]),
    sites: listOf(PLATFORMS).default([]),
  })
  .strict();

export function createPlatformAnalyticsRouter(options: { auth: AuthService; analytics: PlatformAnalytics; secondFactor: Pick<SecondFactorService, 'isEnrolled'>; limiters: AuthLimiters }): Router {
  const router = Router();
  // As the other admin routes: the per-IP limit, then the account, its permission and second factor.
  const access = [options.limiters.ip, requireUser(options.auth), ...adminAccess('analytics:read', options.secondFactor)];
  const noQuery = z.object({}).strict();

  router.get('/analytics', ...access, handle(async (req, res) => {
    parseQuery(noQuery, req.query);
    res.status(200).json(options.analytics.report());
  }));

  router.get('/analytics.csv', ...access, handle(async (req, res) => {
    parseQuery(noQuery, req.query);
    const report = options.analytics.report();
    res.status(200).type('text/csv; charset=utf-8').attachment(`platform-analytics-${report.generatedAt.slice(0, 10)}.csv`).send(reportCsv(report));
  }));

  return router;
}

/** Mounted at /api/analytics/community behind the token check and the per-user limit of /api/analytics. */
export function createCommunityRouter(analytics: PlatformAnalytics): Router {
  const router = Router();
  router.get('/', handle(async (req, res) => {
    const query = parseQuery(communityQuerySchema, req.query);
    res.status(200).json(analytics.community({ companies: query.companies, sites: [...new Set(query.sites)] }));
  }));
  return router;
}
