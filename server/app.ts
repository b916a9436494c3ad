import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { createAccountRouter } from './account/routes';
import { createAccountService } from './account/service';
import { createActivityTracker } from './admin/activity';
import { createFirstOwnerFromEnv } from './admin/first-owner';
import { createAccountChanges } from './admin/account-changes';
import { createRoleService } from './admin/roles';
import { createConsoleRouter } from './admin/console-static';
import { createAdminSessionRouter } from './admin/session-routes';
import { createServicesRouter } from './admin/services-routes';
import { indexUsers } from './admin/user-index';
import { createUsersRouter } from './admin/users-routes';
import { createUsersService } from './admin/users-service';
import { openServerAuditLog } from './audit/open';
import { scheduleAuditRetention } from './audit/retention';
import { createAuditRouter } from './audit/routes';
import { auditSignIns } from './audit/sign-ins';
import { createSecondFactorService } from './auth/second-factor';
import { createSecondFactorStore } from './auth/second-factor-store';
import { getDummyHash } from './auth/passwords';
import { createAuthRouter, requireUser } from './auth/routes';
import { readBearerToken } from './auth/bearer';
import { createAuthService, tokenStillValid } from './auth/service';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { corsMiddleware } from './cors';
import { createDeviceKeys } from './devices/index';
import { createErrorHandler, notFoundHandler } from './errors';
import { createOidcSignIn } from './oidc/index';
import { createOpenApiRouter } from './openapi/routes';
import { createExtensionConfigRouter } from './extension-config';
import { createFilesRouter } from './files/routes';
import { createMailer } from './mail/mailer';
import { createMlCache } from './ml/cache/create';
import { createMlEngine } from './ml/engine';
import { createExternalMl, MAX_EXTERNAL_RESPONSE_BYTES } from './ml/external/breaker';
import { createMlPool } from './ml/pool';
import { createMlRouter } from './ml/routes';
import { createAuthLimiters } from './rate-limit/limiters';
import { createRestRouters } from './rest/router';
import { createUserAnalytics } from './analytics/user/service';
import { createPlatformAnalytics } from './analytics/platform/aggregator';
import { openCheckpointStore } from './analytics/platform/checkpoints';
import { noticeAccountChanges, noticeWrites } from './analytics/platform/notice-changes';
import { createCommunityRouter, createPlatformAnalyticsRouter } from './analytics/platform/routes';
import { CouchFileStore } from './files/couch-store';
import type { FileStore } from './files/file-store';
import { UserFileStore } from './files/store';
import { OperatorRuleFile } from './extension-rules';
import { createCouchStorage } from './storage/couch/index';
import { cacheUserRecords, forgettingChanged } from './storage/cached-users';
import { createRulesAdminRouter } from './rules/admin-routes';
import { createServedRules } from './rules/served';
import { openRuleUploadStore } from './rules/upload-store';
import { shippedRules } from '../shared/rules';
import { createPouchStorage } from './storage/pouchdb/index';
import type { Storage } from './storage/types';
import { createSyncGate, sendSyncError } from './sync/gate-middleware';
import { SERVER_VERSION } from './version';
import { createLogger, logFunction } from './observability/logger';
import { instrumentAnalytics, instrumentMl } from './observability/instrument';
import { createServerMetrics, metricsMiddleware } from './observability/metrics';
import { metricsRoute } from './observability/metrics-route';
import { readinessRoute, redisReadiness, type ReadinessCheck } from './observability/readiness';
import { requestLog } from './observability/request-log';
import type { Logger } from 'pino';
import { openPouchClaims } from './weekly-summary/pouch-claims';
import { openRedisClaims } from './weekly-summary/redis-claims';
import { createWeeklySummaryScheduler } from './weekly-summary/scheduler';
import { createUnsubscribeRouter } from './weekly-summary/unsubscribe-route';
import { createUnsubscribeLinks } from './weekly-summary/unsubscribe-link';

export interface TrackruitApp {
  app: express.Express;
  /** Closes every database (releasing LevelDB locks). Close the HTTP server first. */
  close(): Promise<void>;
}

/** User records kept for token checks (a few KB each). */
const USER_RECORDS_CACHED = 10_000;

export interface CreateAppOptions {
  /** Defaults to CouchDB with config.couchdb (COUCHDB_URL), else the embedded PouchDB storage under config.dataDir. */
  storage?: Storage;
  /** Where the request log and `log` write; defaults to JSON lines on stdout at config.logLevel. */
  logger?: Logger;
  log?: (message: string, error?: unknown) => void;
}

export async function createApp(config: ServerConfig, options: CreateAppOptions = {}): Promise<TrackruitApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const log = options.log ?? logFunction(logger);
  const metrics = createServerMetrics();
  const baseStorage = options.storage ?? (config.couchdb
    ? await createCouchStorage(config.couchdb, log)
    : await createPouchStorage(config.dataDir, {
      idleMs: config.syncLimits.idleDatabaseSeconds * 1000,
      compactAfterWrites: config.syncLimits.compactAfterWrites,
      log,
    }));
  // Every part of the server writes users through the indexed store, so the console's directory stays current,
  // and through the cache of records that token checks read. Only in CouchDB mode do other processes write them:
  // there the directory also follows the users database's changes.
  const cachedUsers = cacheUserRecords(baseStorage.users, { maxEntries: USER_RECORDS_CACHED, maxAgeMs: config.couchdb ? config.sharedUserRecordMaxAgeMs : Infinity });
  const userChanges = baseStorage.shared?.userChanges;
  const indexed = await indexUsers(cachedUsers, userChanges && forgettingChanged(userChanges, cachedUsers));
  // Platform analytics follow every write to a user's jobs and every account change (opt-out, deletion).
  const platform = await createPlatformAnalytics({
    databases: baseStorage.syncDatabases,
    users: indexed.users,
    checkpoints: openCheckpointStore(baseStorage.openSystemDatabase),
    shared: config.couchdb !== null,
    minGroup: config.analyticsMinGroup,
    log,
  });
  const storage: Storage = {
    ...baseStorage,
    users: noticeAccountChanges(indexed.users, platform.changed),
    syncDatabases: noticeWrites(baseStorage.syncDatabases, platform.changed),
  };
  const audit = await openServerAuditLog(baseStorage, config.dataDir, log);
  // Pruning reads the whole log: it runs beside start-up and requests, never before them.
  const retention = config.auditRetentionDays === null ? null : scheduleAuditRetention(audit, config.auditRetentionDays, log);
  const activity = createActivityTracker(storage.users, { log });
  if (config.adminBootstrap) {
    await createFirstOwnerFromEnv({ storage, audit, dataDir: config.dataDir, admin: config.adminBootstrap, log: (message) => log(message) });
  }
  const tokens = createTokenService(config);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox'), logOutbox: config.nodeEnv !== 'test', logHints: config.nodeEnv === 'development', onOutcome: (outcome) => metrics.mail.inc({ outcome }), log });
  const auth = createAuthService(storage, tokens, mailer, {
    otpTtlSeconds: config.otpTtlSeconds,
    otpMaxAttempts: config.otpMaxAttempts,
    otpResendCooldownSeconds: config.otpResendCooldownSeconds,
    codeSecret: config.otpHmacSecret,
    log,
    onActive: (user) => activity.touch(user, 'api'),
  });
  const secondFactorStore = await createSecondFactorStore(storage.openSystemDatabase);
  const secondFactor = createSecondFactorService({ store: secondFactorStore, serverSecret: config.otpHmacSecret, issuer: 'TrackRuit' });
  const limiters = await createAuthLimiters(config.rateLimits, config.redisUrl, (message) => log(message));
  const signIns = auditSignIns(audit, log, { redisUrl: config.redisUrl });
  // With COUCHDB_URL the originals are in CouchDB, so that every instance serves every user's files.
  const files: FileStore = storage.couch ? new CouchFileStore(storage.couch) : new UserFileStore(config.dataDir);
  const devices = await createDeviceKeys({ config, auth, storage, rateLimit: limiters.extension });
  const oidc = await createOidcSignIn({ config, storage, auth, log });
  const account = createAccountService(
    storage,
    config.dataDir,
    [(userId) => files.removeUser(userId), devices.removeUser, oidc.removeUser, (userId) => secondFactor.remove(userId)],
    files instanceof CouchFileStore ? { listFiles: (userId) => files.exportList(userId) } : {},
  );
  // An account whose deletion stopped halfway (a crash, a failed step) is refused everywhere; its data goes now.
  await account.finishPendingDeletions().then(
    (count) => count > 0 && log(`Finished deleting ${count} account(s) whose deletion had stopped halfway`),
    (error: unknown) => log('Could not finish deleting accounts whose deletion had stopped halfway', error),
  );
  // Computed now so the first unknown-email login is not faster than later ones.
  await getDummyHash();
  // Several instances share REDIS_URL when it is set; otherwise the claims live beside the users (one data directory).
  const summaryClaims = config.redisUrl ? await openRedisClaims(config.redisUrl, (message) => log(message)) : await openPouchClaims(storage.openSystemDatabase);
  const unsubscribeLinks = createUnsubscribeLinks(config.otpHmacSecret, () => config.publicUrl);
  const weeklySummaries = config.weeklySummary === null ? null : createWeeklySummaryScheduler({
    users: storage.users,
    databases: storage.syncDatabases,
    claims: summaryClaims,
    mailer,
    links: unsubscribeLinks,
    settings: config.weeklySummary,
    log,
  });
  const operatorRules = new OperatorRuleFile(config.extensionRulesFile, log);
  // Read now so a bad file is reported at start-up, not at the first request.
  await operatorRules.current();
  const ruleUploads = await openRuleUploadStore(storage.openSystemDatabase, log, { shared: config.couchdb !== null });
  const servedRules = createServedRules({ shipped: shippedRules, file: operatorRules, uploads: ruleUploads });

  // Matches, ATS checks and odds run in a worker thread, so a large one never stalls sync or sign-in.
  // Answers are cached (in Redis with REDIS_URL); an external service, when configured, is asked first.
  const mlCache = createMlCache({ redisUrl: config.redisUrl, log });
  const ml = instrumentMl(createMlEngine({
    pool: createMlPool(),
    cache: mlCache,
    ...(config.mlService ? { external: createExternalMl({ ...config.mlService, maxResponseBytes: MAX_EXTERNAL_RESPONSE_BYTES, log }) } : {}),
  }), metrics);

  const app = express();
  app.disable('x-powered-by');
  // First, so every answer (a refusal by helmet, CORS or a limiter too) is logged and counted.
  app.use(requestLog(logger), metricsMiddleware(metrics));
  // The client address behind that many proxies (rate limits, sign-in alerts); none by default.
  app.set('trust proxy', config.trustProxyHops);
  // JSON only: no page may frame, embed or script anything from here. Resources stay
  // readable cross-origin: the extension's privileged fetches skip CORS, so Chrome
  // applies Cross-Origin-Resource-Policy to them (same-origin would block every call).
  app.use(helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  }));
  app.use(corsMiddleware(config.corsOrigins));

  const startedAt = Date.now();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', version: SERVER_VERSION, uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000) });
  });
  const redisReady = config.redisUrl ? redisReadiness(config.redisUrl) : null;
  const readiness: ReadinessCheck[] = [
    // Any read of the users database: it answers null for an id nobody has.
    { name: 'database', check: async () => void (await storage.users.findById('readiness-probe')) },
    ...(redisReady ? [redisReady] : []),
  ];
  app.get('/health/ready', readinessRoute(readiness));
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));

  // The admin console's page and assets: static files, not counted against the per-IP budget of the
  // API routes the console then calls (that budget would go to page loads instead of work).
  app.use('/admin', createConsoleRouter(config.adminConsoleDir));

  // The API description and its documentation page (static, like the console's: no per-IP budget).
  app.use(createOpenApiRouter());

  app.use(createUnsubscribeRouter({ users: storage.users, links: unsubscribeLinks, rateLimit: limiters.ip }));
  app.use('/api/auth/devices', limiters.ip, devices.registrationRouter);
  app.use('/api/auth', createAuthRouter({
    auth,
    limiters,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: () => config.publicUrl,
    onSignIn: (event) => signIns.onSignIn(event),
  }));
  // After the auth router: its per-IP limit and body parsing apply to these routes too.
  app.use('/api/auth', oidc.router);
  app.use('/api/account', createAccountRouter({ auth, account, limiters, bodyLimitBytes: config.bodyLimitBytes, log }));
  app.use('/api/admin', createPlatformAnalyticsRouter({ auth, analytics: platform, secondFactor, limiters }));
  app.use('/api/admin/audit', createAuditRouter({ auth, audit, secondFactor, limiters }));
  app.use('/api/admin/rules', createRulesAdminRouter({ auth, audit, secondFactor, limiters, served: servedRules, uploads: ruleUploads }));
  app.use('/api/admin', createServicesRouter({
    auth, audit, secondFactor, limiters, engine: ml, mailer,
    redisConfigured: config.redisUrl !== null,
    userCount: () => indexed.directory.stats().total,
    databases: storage.syncDatabases,
  }));
  app.use('/api/admin', createAdminSessionRouter({ auth, tokens, secondFactor, audit, limiters, bodyLimitBytes: config.bodyLimitBytes, accessTokenTtlSeconds: config.accessTokenTtlSeconds }));
  const accountChanges = createAccountChanges();
  const users = createUsersService({ storage, directory: indexed.directory, audit, auth, account, secondFactor, devices: devices.store, files, accountChanges });
  app.use('/api/users', createUsersRouter({ auth, roles: createRoleService(storage, audit, accountChanges), users, audit, secondFactor, limiters, bodyLimitBytes: config.bodyLimitBytes }));

  // Every extension route, the rules included, needs a device signature and the same user's token.
  app.use('/api/extension', ...devices.gate, devices.extensionRouter, createExtensionConfigRouter({ served: servedRules }));

  app.use('/api/ml', createMlRouter({ auth, engine: ml, limiters, bodyLimitBytes: config.bodyLimitBytes }));

  // The REST API over the user's own jobs and resumes: the same documents their devices sync.
  const rest = createRestRouters({ auth, limiters, bodyLimitBytes: config.bodyLimitBytes, databases: storage.syncDatabases, analytics: instrumentAnalytics(createUserAnalytics(storage.syncDatabases, ml), metrics), engine: ml, ...(mlCache.kind === 'redis' ? { sharedCache: mlCache } : {}), syncLimits: config.syncLimits });
  app.use('/api/jobs', rest.jobs);
  app.use('/api/resumes', rest.resumes);
  // The pooled figures, from the platform's sums: any signed-in user, under the same per-user limit as their own analytics.
  app.use('/api/analytics/community', requireUser(auth), limiters.api, createCommunityRouter(platform));
  app.use('/api/analytics', rest.analytics);

  app.use('/api/files', createFilesRouter({
    store: files,
    authenticate: (token) => auth.authenticate(token),
    // Past the user-record cache: another instance's account deletion must be seen at once here (see the router).
    ...(storage.couch ? { accountExists: async (userId: string) => (await baseStorage.users.findById(userId)) !== null } : {}),
    afterAuthentication: limiters.files,
  }));

  // The gate checks the token's signature; this checks that its user still exists and
  // has not changed password or signed out everywhere since it was issued.
  app.use('/db', (req, res, next) => {
    const token = readBearerToken(req);
    const claims = token ? tokens.verifyAccessTokenClaims(token) : null;
    if (!claims) {
      next(); // the gate answers missing and invalid tokens
      return;
    }
    storage.users.findById(claims.userId).then((user) => {
      if (user && tokenStillValid(user, claims.issuedAtMs)) {
        activity.touch(user, 'sync');
        next();
      }
      else sendSyncError(res, 401, 'invalid_token', 'Access token is invalid or expired');
    }, next);
  });
  // The only way into express-pouchdb.
  app.use('/db', ...createSyncGate({
    tokens,
    syncBodyLimitBytes: config.syncBodyLimitBytes,
    ensureDatabase: (name) => storage.syncDatabases.ensureDatabase(name),
    databases: storage.syncDatabases,
    limits: config.syncLimits,
    rateLimit: limiters.sync,
  }), storage.syncDatabases.handler);

  app.use(notFoundHandler);
  app.use(createErrorHandler(log));

  let closed: Promise<void> | undefined;
  return {
    app,
    close() {
      // Mail lookups run after their answers: let them finish before the mailer and storage close.
      retention?.stop();
      closed ??= Promise.all([retention?.done, weeklySummaries?.stop()]).then(() => summaryClaims.close()).then(() => auth.settled()).then(() => activity.settled()).then(() => Promise.all([signIns.close(), devices.close(), oidc.close(), mailer.close(), limiters.close(), ml.close(), secondFactorStore.close(), platform.close(), ruleUploads.close(), redisReady?.close(), indexed.close()])).then(() => storage.close());
      return closed;
    },
  };
}
