import express from 'express';
import { getDummyHash } from './auth/passwords';
import { createAuthRouter } from './auth/routes';
import { createAuthService } from './auth/service';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { corsMiddleware } from './cors';
import { createDeviceKeys } from './devices/index';
import { createErrorHandler, notFoundHandler } from './errors';
import { createExtensionConfigRouter } from './extension-config';
import { createFilesRouter } from './files/routes';
import { UserFileStore } from './files/store';
import { OperatorRuleFile } from './extension-rules';
import { createPouchStorage } from './storage/pouchdb/index';
import type { Storage } from './storage/types';
import { createSyncGate } from './sync/gate-middleware';
import { SERVER_VERSION } from './version';

export interface TrackruitApp {
  app: express.Express;
  /** Closes every database (releasing LevelDB locks). Close the HTTP server first. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Defaults to the embedded PouchDB storage under config.dataDir. */
  storage?: Storage;
  log?: (message: string, error?: unknown) => void;
}

export async function createApp(config: ServerConfig, options: CreateAppOptions = {}): Promise<TrackruitApp> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const storage = options.storage ?? (await createPouchStorage(config.dataDir));
  const tokens = createTokenService(config);
  const auth = createAuthService(storage, tokens);
  const devices = await createDeviceKeys({ config, auth, storage });
  // Computed now so the first unknown-email login is not faster than later ones.
  await getDummyHash();
  const operatorRules = new OperatorRuleFile(config.extensionRulesFile, log);
  // Read now so a bad file is reported at start-up, not at the first request.
  await operatorRules.current();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(corsMiddleware(config.corsOrigins));

  const startedAt = Date.now();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', version: SERVER_VERSION, uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000) });
  });

  app.use('/api/auth/devices', devices.registrationRouter);
  app.use('/api/auth', createAuthRouter({
    auth,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: () => config.publicUrl,
  }));

  // Every extension route, the rules included, needs a device signature and the same user's token.
  app.use('/api/extension', ...devices.gate, devices.extensionRouter, createExtensionConfigRouter({ operatorRules }));

  app.use('/api/files', createFilesRouter({ store: new UserFileStore(config.dataDir), authenticate: (token) => auth.authenticate(token) }));

  // The only way into express-pouchdb.
  app.use('/db', ...createSyncGate({ tokens, syncBodyLimitBytes: config.syncBodyLimitBytes, ensureDatabase: (name) => storage.syncDatabases.ensureDatabase(name) }), storage.syncDatabases.handler);

  app.use(notFoundHandler);
  app.use(createErrorHandler(log));

  let closed: Promise<void> | undefined;
  return {
    app,
    close() {
      closed ??= Promise.all([devices.close(), storage.close()]).then(() => undefined);
      return closed;
    },
  };
}
