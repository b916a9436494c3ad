/** What the background needs to talk to the sync server on the user's behalf. */
export interface Tokens {
  serverUrl: string;
  syncUrl: string;
  accessToken: string;
  refreshToken: string;
}

export interface TokenStore {
  get(): Promise<Tokens | undefined>;
  set(tokens: Tokens): Promise<void>;
}

/** For Node tests and for code that has no browser storage. */
export function memoryTokenStore(initial?: Tokens): TokenStore {
  let tokens = initial;
  return {
    get: async () => tokens,
    set: async (next) => {
      tokens = next;
    },
  };
}

/**
 * The bearer token only ever goes to the server the user typed in: if the
 * server reports a sync URL on another origin (a proxy, a misconfigured public
 * URL), its path is used on the configured origin instead.
 */
export function syncUrlOnServer(serverUrl: string, syncUrl: string): string {
  const server = new URL(serverUrl);
  const sync = new URL(syncUrl, server);
  const rebased = new URL(sync.pathname, server.origin);
  const href = rebased.toString();
  return href.endsWith('/') ? href : `${href}/`;
}
