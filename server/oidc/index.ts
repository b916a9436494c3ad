import type { Router } from 'express';
import { clientInfo } from '../auth/routes';
import type { AuthService } from '../auth/service';
import type { ServerConfig } from '../config';
import { HttpError } from '../errors';
import type { Storage } from '../storage/types';
import { createPouchOidcLinkStore, type OidcLinkStore } from './links';
import { createOidcProvider } from './provider';
import { createOidcRouter } from './routes';

export interface OidcSignIn {
  /** Mount at `/api/auth`. */
  router: Router;
  links: OidcLinkStore;
  /** Account deletion: the user's provider links. */
  removeUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createOidcSignIn(options: {
  config: Pick<ServerConfig, 'oidc' | 'dataDir' | 'publicUrl' | 'corsOrigins'>;
  storage: Pick<Storage, 'users' | 'openSystemDatabase'>;
  auth: Pick<AuthService, 'startSession'>;
  log: (message: string, error?: unknown) => void;
}): Promise<OidcSignIn> {
  const { config } = options;
  const links = await createPouchOidcLinkStore(options.storage.openSystemDatabase);
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
    }),
    links,
    removeUser: (userId) => links.removeAllForUser(userId),
    close: () => links.close(),
  };
}
