import type { RequestHandler, Router } from 'express';
import { SIGNATURE_WINDOW_MS } from '../../shared/device-signature/canonical';
import type { AuthService } from '../auth/service';
import type { ServerConfig } from '../config';
import type { Storage } from '../storage/types';
import { createExtensionJobsRouter } from './extension-routes';
import { createReplayGuard } from './replay-guard';
import { createDeviceRouter } from './routes';
import { signedRequestGate } from './signed-request';
import { createPouchDeviceStore, type DeviceStore } from './store';

export interface DeviceKeys {
  store: DeviceStore;
  /** Mount at `/api/auth/devices`. */
  registrationRouter: Router;
  /** Mount in front of everything under `/api/extension`: the rate limits (when given) and the signature check. */
  gate: RequestHandler[];
  /** `/verify`, `/jobs/add`, `/jobs/sync`; mount under `/api/extension` after the gate. */
  extensionRouter: Router;
  /** Account deletion: every device key of the user. */
  removeUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createDeviceKeys(options: {
  config: Pick<ServerConfig, 'dataDir' | 'bodyLimitBytes' | 'syncBodyLimitBytes' | 'redisUrl'>;
  auth: Pick<AuthService, 'authenticate' | 'authenticateSession'>;
  storage: Pick<Storage, 'syncDatabases' | 'openSystemDatabase'>;
  /** `ip` runs first, `account` once the token is checked and before the body is read. */
  rateLimit?: { ip: RequestHandler; account: RequestHandler };
  now?: () => number;
}): Promise<DeviceKeys> {
  const { config, auth } = options;
  const store = await createPouchDeviceStore(options.storage.openSystemDatabase);
  const replays = await createReplayGuard({ databases: options.storage.openSystemDatabase, redisUrl: config.redisUrl, windowMs: SIGNATURE_WINDOW_MS, ...(options.now ? { now: options.now } : {}) });
  return {
    store,
    registrationRouter: createDeviceRouter({ auth, devices: store, bodyLimitBytes: config.bodyLimitBytes }),
    // 500 jobs of up to 1 MB each would not fit the API limit: the sync limit applies.
    gate: [
      ...(options.rateLimit ? [options.rateLimit.ip] : []),
      ...signedRequestGate({
        auth,
        devices: store,
        replays,
        bodyLimitBytes: config.syncBodyLimitBytes,
        ...(options.rateLimit ? { afterIdentify: options.rateLimit.account } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
    ],
    extensionRouter: createExtensionJobsRouter({
      openDatabase: (name) => options.storage.syncDatabases.open(name),
      noteWrites: (name, count) => options.storage.syncDatabases.noteWrites(name, count),
    }),
    removeUser: async (userId) => {
      await store.removeAllForUser(userId);
    },
    close: async () => {
      await replays.close();
      await store.close();
    },
  };
}
