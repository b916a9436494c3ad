import express, { type Request, Router } from 'express';
import { z } from 'zod';
import { asyncRoute, HttpError } from '../errors';
import type { Storage } from '../storage/types';
import { syncUrlFor } from '../sync/db-name';
import { resolveOidcAccount, OidcSignInError } from './accounts';
import { isAllowedClientRedirect, withFragment } from './client-redirect';
import type { OidcConfig } from './config';
import type { OidcLinkStore } from './links';
import { inProcessValues, OneTimeStore, type OneTimeValues } from './one-time-store';
import { describeOidcError, providerName, type OidcProvider, type PendingAuthorization } from './provider';

export const STATE_TTL_MS = 10 * 60 * 1000;
export const LOGIN_CODE_TTL_MS = 60 * 1000;

type Session = { user: { id: string }; accessToken: string; refreshToken: string };

export interface OidcRouterOptions {
  config: OidcConfig | null;
  provider: OidcProvider | null;
  users: Storage['users'];
  links: OidcLinkStore;
  /** Signs the user in as any other sign-in does (tokens, sync database, new-device mail). */
  startSession(userId: string, req: Request): Promise<Session>;
  publicUrl: () => string;
  allowedOrigins: readonly string[];
  log: (message: string, error?: unknown) => void;
  now?: () => number;
  /**
   * Where sign-ins in progress and login codes are kept: in this process by
   * default, in Redis (shared by every instance) when the server has one.
   */
  oneTime?: { pending: OneTimeValues<PendingAuthorization>; loginCodes: OneTimeValues<string> };
}


const exchangeBodySchema = z.object({ code: z.string().min(1).max(128) }).strict();

const disabled = () =>
  new HttpError(404, 'oidc_disabled', 'Sign-in with Google is not configured on this server (OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are unset)');
/** Every slot for sign-ins in progress is taken (a flood of starts); the ones in progress are kept. */
const busy = () => new HttpError(503, 'oidc_busy', 'Too many sign-ins are in progress on this server; try again in a few minutes');

/**
 * "Continue with Google" through any OpenID Connect provider:
 * - `GET /providers`: whether it is on, and its name, for the popup;
 * - `GET /google?redirect_uri=`: starts an authorization-code flow with PKCE,
 *   state and nonce kept here (10 minutes, single use);
 * - `GET /google/callback`: checks everything, finds or creates the account,
 *   and sends the browser back to the extension with a one-time login code
 *   (60 seconds) in the URL fragment;
 * - `POST /google/exchange {code}`: the code for the usual session body, so
 *   tokens never travel in a URL.
 */
export function createOidcRouter(options: OidcRouterOptions): Router {
  const router = Router();
  const now = options.now ?? (() => Date.now());
  const pending = options.oneTime?.pending ?? inProcessValues(new OneTimeStore<PendingAuthorization>(STATE_TTL_MS, now));
  const loginCodes = options.oneTime?.loginCodes ?? inProcessValues(new OneTimeStore<string>(LOGIN_CODE_TTL_MS, now));
  const redirectUri = () => options.config?.redirectUri ?? `${options.publicUrl()}/api/auth/google/callback`;

  router.get('/providers', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const config = options.config;
    res.json({ oidc: config ? { enabled: true, name: providerName(config.issuer) } : { enabled: false } });
  });

  router.get('/google', asyncRoute(async (req, res) => {
    if (!options.config || !options.provider) throw disabled();
    const clientRedirect = req.query.redirect_uri;
    if (!isAllowedClientRedirect(clientRedirect, options.allowedOrigins, options.config.extensionIds ?? [])) {
      throw new HttpError(400, 'validation_failed', 'Invalid redirect_uri', {
        redirect_uri: 'must be the extension\'s sign-in address (https://<extension id>.chromiumapp.org/ in Chrome, https://<hash>.extensions.allizom.org/ in Firefox) or a page on an allowed origin',
      });
    }
    let started;
    try {
      started = await options.provider.start(redirectUri(), clientRedirect);
    } catch (error) {
      options.log('OIDC: discovery failed (provider unreachable, or its issuer is not OIDC_ISSUER):', describeOidcError(error));
      throw new HttpError(502, 'oidc_unavailable', 'The sign-in provider cannot be reached; try again later');
    }
    if (!(await pending.set(started.state, started.pending, req.ip ?? ''))) {
      res.setHeader('Retry-After', '120');
      throw busy();
    }
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, started.url);
  }));

  router.get('/google/callback', asyncRoute(async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!options.config || !options.provider) throw disabled();
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const authorization = state ? await pending.take(state) : null;
    // Without a state this server issued, nothing here may be trusted, not even where to go back to.
    if (!authorization) throw new HttpError(400, 'invalid_state', 'This sign-in link is unknown, expired or already used; start again from the extension');

    const back = (params: Record<string, string>) => res.redirect(302, withFragment(authorization.clientRedirectUri, params));
    if (typeof req.query.error === 'string') {
      back({ error: req.query.error === 'access_denied' ? 'access_denied' : 'provider_error' });
      return;
    }
    const callbackUrl = new URL(redirectUri());
    callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    let identity;
    try {
      identity = await options.provider.finish(callbackUrl, state, authorization);
    } catch (error) {
      options.log('OIDC: sign-in refused (code exchange or ID token checks failed):', describeOidcError(error));
      back({ error: 'invalid_response' });
      return;
    }
    let userId: string;
    try {
      userId = (await resolveOidcAccount(identity, { users: options.users, links: options.links })).user.id;
    } catch (error) {
      if (error instanceof OidcSignInError) {
        back({ error: error.code });
        return;
      }
      throw error;
    }
    const code = await loginCodes.add(userId, req.ip ?? '');
    back(code ? { code } : { error: 'server_busy' });
  }));

  router.post('/google/exchange', express.json({ limit: 4096 }), asyncRoute(async (req, res) => {
    if (!options.config || !options.provider) throw disabled();
    const parsed = exchangeBodySchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'validation_failed', 'Invalid code', { code: 'is required (the login code from the sign-in redirect)' });
    const userId = await loginCodes.take(parsed.data.code);
    if (!userId) throw new HttpError(400, 'invalid_code', 'This login code is unknown, expired or already used; sign in again');
    const session = await options.startSession(userId, req);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ ...session, syncUrl: syncUrlFor(options.publicUrl(), session.user.id) });
  }));

  return router;
}
