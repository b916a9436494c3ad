import { ApiError, cancelledByCaller, refresh as refreshTokens, type FetchLike } from '../api';
import type { Tokens, TokenStore } from './tokens';
import { DataConsentError } from './data-consent';

export interface AuthFetchOptions {
  store: TokenStore;
  fetch?: FetchLike;
  /** The refresh token was refused: the user must sign in again. */
  onSessionExpired?: () => void | Promise<void>;
  /** Every request's network outcome, for the offline indicator. */
  onNetwork?: (reachable: boolean) => void;
}

export class SignedOutError extends Error {
  constructor() {
    super('Not signed in');
    this.name = 'SignedOutError';
  }
}

function withBearer(init: RequestInit | undefined, accessToken: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${accessToken}`);
  return { ...init, headers };
}

type RefreshOutcome = { tokens: Tokens } | { expired: true };

/**
 * Refreshes in flight, by the refresh token they use. Refresh tokens rotate
 * and the server treats a second use as theft (it ends the session), so every
 * auth fetch in the background (sync, device key, account settings) shares
 * one refresh per token, not one per fetch.
 */
const refreshesInFlight = new Map<string, Promise<RefreshOutcome>>();

/**
 * A fetch for the replication: adds the access token and, on a 401, refreshes
 * the token once and retries.
 */
export function createAuthFetch(options: AuthFetchOptions): FetchLike {
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  const tracked: FetchLike = async (input, init) => {
    try {
      const response = await baseFetch(input, init);
      options.onNetwork?.(true);
      return response;
    } catch (error) {
      // Refused before sending (Firefox's consent revoked) says nothing about the network.
      if (!cancelledByCaller(init) && !(error instanceof DataConsentError)) options.onNetwork?.(false);
      throw error;
    }
  };

  async function refreshOnce(stale: Tokens): Promise<Tokens | undefined> {
    let refreshing = refreshesInFlight.get(stale.refreshToken);
    if (!refreshing) {
      refreshing = (async (): Promise<RefreshOutcome> => {
        try {
          const next = await refreshTokens(tracked, stale.serverUrl, stale.refreshToken);
          const tokens = { ...stale, ...next };
          await options.store.set(tokens);
          return { tokens };
        } catch (error) {
          if (error instanceof ApiError && error.kind === 'http' && (error.status === 401 || error.status === 400)) return { expired: true };
          // Offline or a server error: keep the refresh token and let the caller retry later.
          throw error;
        } finally {
          refreshesInFlight.delete(stale.refreshToken);
        }
      })();
      refreshesInFlight.set(stale.refreshToken, refreshing);
    }
    const outcome = await refreshing;
    if ('tokens' in outcome) return outcome.tokens;
    await options.onSessionExpired?.();
    return undefined;
  }

  return async (input, init) => {
    const tokens = await options.store.get();
    if (!tokens) throw new SignedOutError();
    const response = await tracked(input, withBearer(init, tokens.accessToken));
    if (response.status !== 401) return response;

    // Another request may have refreshed while this one was in flight.
    const current = await options.store.get();
    if (!current) throw new SignedOutError();
    const fresh = current.accessToken !== tokens.accessToken ? current : await refreshOnce(current);
    if (!fresh) return response;
    return tracked(input, withBearer(init, fresh.accessToken));
  };
}
