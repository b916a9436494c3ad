import { ApiError, refresh as refreshTokens, type FetchLike } from './api';
import type { Tokens, TokenStore } from './tokens';

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

/**
 * A fetch for the replication: adds the access token and, on a 401, refreshes
 * the token once and retries. Refresh tokens rotate (the old one dies), so all
 * requests that fail together share one refresh call.
 */
export function createAuthFetch(options: AuthFetchOptions): FetchLike {
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  let refreshing: Promise<Tokens | undefined> | undefined;

  const tracked: FetchLike = async (input, init) => {
    try {
      const response = await baseFetch(input, init);
      options.onNetwork?.(true);
      return response;
    } catch (error) {
      options.onNetwork?.(false);
      throw error;
    }
  };

  async function refreshOnce(stale: Tokens): Promise<Tokens | undefined> {
    refreshing ??= (async () => {
      try {
        const next = await refreshTokens(tracked, stale.serverUrl, stale.refreshToken);
        const tokens = { ...stale, ...next };
        await options.store.set(tokens);
        return tokens;
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'http' && (error.status === 401 || error.status === 400)) {
          await options.onSessionExpired?.();
          return undefined;
        }
        // Offline or a server error: keep the refresh token and let the caller retry later.
        throw error;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
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
