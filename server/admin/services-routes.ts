import { Router } from 'express';
import type { ServicesState } from '../../shared/admin/console-api';
import type { AuditLog } from '../audit/log';
import { currentUser, handle, requireUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import { HttpError } from '../errors';
import type { Mailer } from '../mail/mailer';
import type { MlEngine } from '../ml/engine';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { SyncDatabases } from '../storage/types';
import { adminAccess, anyAdminAccess } from './access';

/**
 * GET /api/admin/services (any admin, second factor): the state of what the
 * server depends on, read from the running parts (no probe per request).
 * POST /api/admin/ml/cache/clear (ml:manage): forgets every cached ML answer,
 * in this process or in Redis, e.g. after an external service was fixed.
 * POST /api/admin/ml/breaker/reset (ml:manage): closes the external service's
 * breaker at once, rather than waiting out its reset time.
 */

export interface ServicesDeps {
  auth: AuthService;
  audit: AuditLog;
  secondFactor: Pick<SecondFactorService, 'isEnrolled'>;
  limiters: AuthLimiters;
  engine: Pick<MlEngine, 'status' | 'clearCache' | 'resetBreaker'>;
  mailer: Pick<Mailer, 'stats'>;
  redisConfigured: boolean;
  /** Accounts on the server (from the admin directory, not a scan). */
  userCount: () => number;
  databases: Pick<SyncDatabases, 'list'>;
}

export function createServicesRouter(options: ServicesDeps): Router {
  const router = Router();
  // Per route, not router.use: mounted at /api/admin beside the session routes, it must not touch their requests.
  const signedIn = [options.limiters.ip, requireUser(options.auth)];

  router.get('/services', ...signedIn, ...anyAdminAccess(options.secondFactor), handle(async (_req, res) => {
    const ml = options.engine.status();
    const state: ServicesState = {
      ml: { engine: ml.engine, semantic: ml.semantic, breaker: ml.breaker },
      mail: options.mailer.stats(),
      redis: { configured: options.redisConfigured, connected: options.redisConfigured && ml.cache.kind === 'redis' && ml.cache.reachable },
      // Only the embedded PouchDB storage exists so far (storage/types.ts leaves room for CouchDB).
      storage: { mode: 'embedded', users: options.userCount(), databases: (await options.databases.list('')).length },
    };
    res.status(200).json(state);
  }));

  router.post('/ml/cache/clear', ...signedIn, ...adminAccess('ml:manage', options.secondFactor), handle(async (_req, res) => {
    const { cache } = options.engine.status();
    let removed: number;
    try {
      removed = await options.engine.clearCache();
    } catch {
      throw new HttpError(503, 'cache_unavailable', 'The ML cache (Redis) cannot be reached; nothing was cleared');
    }
    const actor = currentUser(res);
    await options.audit.append({ action: 'ml.cache_cleared', actor: { type: 'user', id: actor.id, email: actor.email }, details: { store: cache.kind, removed } });
    res.status(200).json({ cleared: true, store: cache.kind, removed });
  }));

  router.post('/ml/breaker/reset', ...signedIn, ...adminAccess('ml:manage', options.secondFactor), handle(async (_req, res) => {
    const was = options.engine.resetBreaker();
    if (was === null) throw new HttpError(409, 'no_external_service', 'No external ML service is configured (ML_SERVICE_URL): there is no breaker to reset');
    const actor = currentUser(res);
    await options.audit.append({ action: 'ml.breaker_reset', actor: { type: 'user', id: actor.id, email: actor.email }, details: { was } });
    res.status(200).json({ breaker: options.engine.status().breaker, was });
  }));

  return router;
}
