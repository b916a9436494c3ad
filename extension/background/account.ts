import { ApiError, login, register, type FetchLike, type SessionResponse } from './api';
import type { Reply, ReplyError } from './messages';
import { normalizeServerUrl } from './server-url';
import type { Account, ExtensionStore } from './storage';
import type { SyncController } from './sync';
import { syncUrlOnServer } from './tokens';

export interface AccountDeps {
  store: ExtensionStore;
  sync: SyncController;
  fetch?: FetchLike;
}

export type AccountState = { account: Account | null; serverUrl: string };

function toReplyError(error: unknown): ReplyError {
  if (error instanceof ApiError) return { message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  return { message: error instanceof Error ? error.message : 'Something went wrong.' };
}

/** Sign-up, sign-in, sign-out and the server address, as the popup asks for them. */
export class AccountService {
  private readonly fetch: FetchLike;

  constructor(private readonly deps: AccountDeps) {
    this.fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  }

  async state(): Promise<AccountState> {
    return { account: (await this.deps.store.account()) ?? null, serverUrl: await this.deps.store.serverUrl() };
  }

  register(input: { name: string; email: string; password: string }): Promise<Reply<AccountState>> {
    return this.signIn((serverUrl) => register(this.fetch, serverUrl, input));
  }

  login(input: { email: string; password: string }): Promise<Reply<AccountState>> {
    return this.signIn((serverUrl) => login(this.fetch, serverUrl, input));
  }

  async logout(): Promise<Reply<AccountState>> {
    await this.deps.sync.stop();
    // Local jobs stay: the data is the user's, the server is only a copy.
    await this.deps.store.signOut();
    return { ok: true, ...(await this.state()) };
  }

  async setServerUrl(input: string): Promise<Reply<AccountState>> {
    const normalized = normalizeServerUrl(input);
    if (!normalized.ok) return { ok: false, error: { message: normalized.message, fields: { serverUrl: normalized.message } } };
    const account = await this.deps.store.account();
    if (account && !account.needsLogin && account.serverUrl !== normalized.url) {
      const message = 'Sign out before changing the server.';
      return { ok: false, error: { message, fields: { serverUrl: message } } };
    }
    await this.deps.store.setServerUrl(normalized.url);
    return { ok: true, ...(await this.state()) };
  }

  private async signIn(call: (serverUrl: string) => Promise<SessionResponse>): Promise<Reply<AccountState>> {
    const serverUrl = await this.deps.store.serverUrl();
    let session: SessionResponse;
    try {
      session = await call(serverUrl);
    } catch (error) {
      return { ok: false, error: toReplyError(error) };
    }
    await this.deps.store.signIn(
      { user: session.user, serverUrl },
      {
        serverUrl,
        syncUrl: syncUrlOnServer(serverUrl, session.syncUrl),
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
      },
    );
    await this.deps.sync.restart();
    return { ok: true, ...(await this.state()) };
  }
}
