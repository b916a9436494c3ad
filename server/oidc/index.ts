import type { Router } from 'express';
import { clientInfo } from '../auth/routes';
import type { AuthService } from '../auth/service';
import type { ServerConfig } from '../config';
import { HttpError } from '../errors';
import type { Storage } from '../storage/types';
import { createPouchOidcLinkStore, type OidcLinkStore } from './links';
import { createOidcProvider, type PendingAuthorization } from './provider';
import { closeRedis, connectRedis, readyWithin } from '../redis/connect';
import { redisOneTimeValues } from './redis-one-time-values';
import { createOidcRouter, LOGIN_CODE_TTL_MS, STATE_TTL_MS } from './routes';

export interface OidcSignIn {
  /** Mount at `/api/auth`. */
  router: Router;
  links: OidcLinkStore;
  /** Account deletion: the user's provider links. */
  removeUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createOidcSignIn(options: {
  config: Pick<ServerConfig, 'oidc' | 'dataDir' | 'publicUrl' | 'corsOrigins' | 'redisUrl'>;
  storage: Pick<Storage, 'users' | 'openSystemDatabase'>;
  auth: Pick<AuthService, 'startSession'>;
  log: (message: string, error?: unknown) => void;
}): Promise<OidcSignIn> {
  const { config } = options;
  const links = await createPouchOidcLinkStore(options.storage.openSystemDatabase);
  // With several instances (REDIS_URL), a sign-in may start on one and finish on another.
  const redis = config.oidc && config.redisUrl ? connectRedis({ url: config.redisUrl, purpose: 'Google sign-in (sign-ins refused until it is back)', log: (message) => options.log(message) }) : undefined;
  if (redis) await readyWithin(redis, 3000);
  const oneTime = redis
    ? { pending: redisOneTimeValues<PendingAuthorization>(redis, { purpose: 'oidc-state', ttlMs: STATE_TTL_MS }), loginCodes: redisOneTimeValues<string>(redis, { purpose: 'oidc-code', ttlMs: LOGIN_CODE_TTL_MS }) }
    : undefined;
  return {
    router: createOidcRouter({
      config: config.oidc,
      provider: config.oidc ? createOidcProvider(config.oidc) : null,
      users: options.storage.users,
      links,
      async startSession(userId, req) {
        const user = await options.storage.users.findById(userId);
        // Deleted in the minute between the callback and the exchange.
        if (!user) throw new HttpError(400, 'invalid_code', 'This login code is unknown, expired or already used; sign in again');
        return options.auth.startSession(user, clientInfo(req));
      },
      // Read per request: tests learn the port only after listening.
      publicUrl: () => config.publicUrl,
      allowedOrigins: config.corsOrigins,
      log: options.log,
      ...(oneTime ? { oneTime } : {}),
    }),
    links,
    removeUser: (userId) => links.removeAllForUser(userId),
    close: async () => {
      await links.close();
      if (redis) await closeRedis(redis);
    },
  };
}
