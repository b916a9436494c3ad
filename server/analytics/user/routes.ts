import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_WEEKS } from '../../../shared/insights/options';
import { currentUser } from '../../auth/routes';
import { asyncRoute } from '../../errors';
import { parseQuery } from '../../rest/list-query';
import type { UserAnalytics } from './service';

/**
 * /api/analytics: the signed-in user's own numbers, the Insights page's, from
 * their synced jobs. Mounted behind the token check and the per-user limit.
 */

export const optionsSchema = z
  .object({
    /** Minutes east of UTC (UTC+5:30 is 330), so weeks start on the user's Monday. */
    utcOffsetMinutes: z.coerce.number().int().min(-720).max(840).default(0),
    weeks: z.coerce.number().int().min(1).max(104).default(DEFAULT_WEEKS),
  })
  .strict();

export function createUserAnalyticsRouter(analytics: UserAnalytics): Router {
  const router = Router();
  const insightsOf = async (query: unknown, userId: string) => analytics.insights(userId, parseQuery(optionsSchema, query));

  router.get('/user', asyncRoute(async (req, res) => {
    const insights = await insightsOf(req.query, currentUser(res).id);
    const stage = (name: string) => insights.funnel.find((step) => step.stage === name)?.count ?? 0;
    res.json({
      totals: {
        jobs: insights.statusBreakdown.total,
        applied: stage('applied'),
        responded: stage('responded'),
        interviews: stage('interview'),
        offers: stage('offer'),
      },
      responseRate: insights.responseRate,
      responseTime: insights.responseTime,
      computedAt: insights.computedAt,
      cached: insights.cached,
    });
  }));

  router.get('/status', asyncRoute(async (req, res) => {
    const insights = await insightsOf(req.query, currentUser(res).id);
    res.json({ ...insights.statusBreakdown, computedAt: insights.computedAt, cached: insights.cached });
  }));

  router.get('/success-rates', asyncRoute(async (req, res) => {
    const insights = await insightsOf(req.query, currentUser(res).id);
    res.json({
      funnel: insights.funnel,
      responseRate: insights.responseRate,
      bySite: insights.bySite,
      byLocation: insights.byLocation,
      computedAt: insights.computedAt,
      cached: insights.cached,
    });
  }));

  router.get('/engagement', asyncRoute(async (req, res) => {
    const insights = await insightsOf(req.query, currentUser(res).id);
    res.json({ applicationsPerWeek: insights.applicationsPerWeek, responseTime: insights.responseTime, computedAt: insights.computedAt, cached: insights.cached });
  }));

  router.get('/skill-gaps', asyncRoute(async (req, res) => {
    parseQuery(z.object({}).strict(), req.query);
    res.json(await analytics.skillGaps(currentUser(res).id));
  }));

  router.get('/export', asyncRoute(async (req, res) => {
    parseQuery(z.object({}).strict(), req.query);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="trackruit-jobs-${new Date().toISOString().slice(0, 10)}.csv"`);
    // Written as it is read, waiting for the client to take each part: a large export never sits whole in memory.
    const write = (text: string) => new Promise<void>((resolve) => {
      if (res.write(text)) resolve();
      else {
        res.once('drain', resolve);
        res.once('close', resolve);
      }
    });
    await analytics.csv(currentUser(res).id, write);
    res.end();
  }));

  return router;
}
