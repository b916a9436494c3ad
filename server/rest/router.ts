import { Router, type RequestHandler } from 'express';
import { jsonBody, requireUser } from '../auth/routes';
import type { AuthService } from '../auth/service';
import type { UserAnalytics } from '../analytics/user/service';
import { createUserAnalyticsRouter } from '../analytics/user/routes';
import type { MlCache } from '../ml/cache/cache';
import type { MlEngine } from '../ml/engine';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { SyncDatabases } from '../storage/types';
import type { SyncLimits } from '../sync/limits';
import { createJobsRouter } from './jobs-routes';
import { createResumeAnalyses } from './resume-analysis';
import { createResumesRouter } from './resumes-routes';

/**
 * The REST API over the signed-in user's own data, for mobile apps and
 * scripts: /api/jobs, /api/resumes and /api/analytics. Each router checks the
 * token, then the per-user limit, and only then reads a body (so neither an
 * anonymous caller nor one over the limit makes the server parse a megabyte).
 */

/** Largest body: one job or resume document (each at most 1 MiB) with room for JSON around it. */
export const REST_BODY_LIMIT_BYTES = 1024 * 1024 + 64 * 1024;

export interface RestRouters {
  jobs: Router;
  resumes: Router;
  analytics: Router;
}

export function createRestRouters(options: {
  auth: AuthService;
  limiters: AuthLimiters;
  bodyLimitBytes: number;
  databases: SyncDatabases;
  analytics: UserAnalytics;
  engine: MlEngine;
  /** Keeps each resume's last analysis where every instance finds it (the Redis ML cache); this process's memory without it. */
  sharedCache?: MlCache;
  syncLimits: SyncLimits;
}): RestRouters {
  // No per-IP limit in front, as for /db and /api/files: the auth routes' IP budget (300 per 15 minutes)
  // would run out while a script pages through its jobs, and would then refuse its owner's sign-in.
  const guard: RequestHandler[] = [requireUser(options.auth), options.limiters.api];
  const withBody = [...guard, ...jsonBody(Math.min(options.bodyLimitBytes, REST_BODY_LIMIT_BYTES))];
  const mount = (router: Router, handlers: RequestHandler[]) => Router().use(...handlers, router);
  return {
    jobs: mount(createJobsRouter({ databases: options.databases, analytics: options.analytics, limits: options.syncLimits }), withBody),
    resumes: mount(createResumesRouter({ databases: options.databases, analyses: createResumeAnalyses(options.engine, options.sharedCache), limits: options.syncLimits }), withBody),
    analytics: mount(createUserAnalyticsRouter(options.analytics), guard),
  };
}
