import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../api';
import { createAuthFetch, SignedOutError } from './auth-fetch';
import { memoryTokenStore, type Tokens } from './tokens';

const SERVER = 'http://sync.test';
const tokens: Tokens = {
  serverUrl: SERVER,
  syncUrl: `${SERVER}/db/userdb-abc/`,
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A server whose valid access token is `valid`; refresh rotates to access-2 / refresh-2. */
function fakeServer(options: { refreshStatus?: number; refreshDelayMs?: number } = {}) {
  let valid = 'access-2';
  const calls: { url: string; authorization: string | null }[] = [];
  const fetchFn = vi.fn<FetchLike>(async (url, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    calls.push({ url, authorization });
    if (url === `${SERVER}/api/auth/refresh`) {
      await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs ?? 0));
      if (options.refreshStatus) return json(options.refreshStatus, { error: { code: 'invalid_token', message: 'nope' } });
      valid = 'access-2';
      return json(200, { accessToken: 'access-2', refreshToken: 'refresh-2' });
    }
    return authorization === `Bearer ${valid}` ? json(200, { ok: true }) : json(401, { error: 'unauthorized' });
  });
  return { fetchFn, calls, refreshCalls: () => calls.filter((call) => call.url.endsWith('/api/auth/refresh')).length };
}

describe('createAuthFetch', () => {
  it('sends the access token and keeps the caller’s headers', async () => {
    const server = fakeServer();
    const store = memoryTokenStore({ ...tokens, accessToken: 'access-2' });
    const authFetch = createAuthFetch({ store, fetch: server.fetchFn });

    const response = await authFetch(`${tokens.syncUrl}_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(200);
    const init = server.fetchFn.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(server.calls[0]?.authorization).toBe('Bearer access-2');
  });

  it('refreshes once for concurrent 401s, stores the rotated tokens and retries each request', async () => {
    const server = fakeServer({ refreshDelayMs: 20 });
    const store = memoryTokenStore(tokens);
    const authFetch = createAuthFetch({ store, fetch: server.fetchFn });

    const responses = await Promise.all([1, 2, 3].map((n) => authFetch(`${tokens.syncUrl}_changes?n=${n}`)));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(server.refreshCalls()).toBe(1);
    expect(await store.get()).toEqual({ ...tokens, accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('shares one refresh between separate auth fetches of the background (a second use of a refresh token ends the session)', async () => {
    const server = fakeServer({ refreshDelayMs: 20 });
    const store = memoryTokenStore(tokens);
    const sync = createAuthFetch({ store, fetch: server.fetchFn });
    const settings = createAuthFetch({ store, fetch: server.fetchFn });

    const responses = await Promise.all([sync(`${tokens.syncUrl}_changes`), settings(`${SERVER}/api/auth/me`)]);

    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(server.refreshCalls()).toBe(1);
  });

  it('marks the session expired when the refresh token is refused, and returns the 401', async () => {
    const server = fakeServer({ refreshStatus: 401 });
    const onSessionExpired = vi.fn();
    const authFetch = createAuthFetch({ store: memoryTokenStore(tokens), fetch: server.fetchFn, onSessionExpired });

    const response = await authFetch(`${tokens.syncUrl}_changes`);

    expect(response.status).toBe(401);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(server.refreshCalls()).toBe(1);
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const onSessionExpired = vi.fn();
    const store = memoryTokenStore(tokens);
    const fetchFn: FetchLike = async (url) => {
      if (url.endsWith('/api/auth/refresh')) throw new TypeError('fetch failed');
      return json(401, {});
    };
    const authFetch = createAuthFetch({ store, fetch: fetchFn, onSessionExpired });

    await expect(authFetch(`${tokens.syncUrl}_changes`)).rejects.toThrow("Can't reach the server");
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(await store.get()).toEqual(tokens);
  });

  it('reports reachability of every request', async () => {
    const reachability: boolean[] = [];
    let up = false;
    const fetchFn: FetchLike = async () => {
      if (!up) throw new TypeError('fetch failed');
      return json(200, {});
    };
    const authFetch = createAuthFetch({
      store: memoryTokenStore(tokens),
      fetch: fetchFn,
      onNetwork: (reachable) => reachability.push(reachable),
    });

    await expect(authFetch(tokens.syncUrl)).rejects.toThrow('fetch failed');
    // A request sync itself gave up (stopping, restarting its live pull) says nothing of the network.
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(authFetch(tokens.syncUrl, { signal: cancelled.signal })).rejects.toThrow('fetch failed');
    up = true;
    await authFetch(tokens.syncUrl);
    expect(reachability).toEqual([false, true]);
  });

  it('refuses to send anything when signed out', async () => {
    const fetchFn = vi.fn<FetchLike>();
    const authFetch = createAuthFetch({ store: memoryTokenStore(), fetch: fetchFn });

    await expect(authFetch(tokens.syncUrl)).rejects.toBeInstanceOf(SignedOutError);
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
