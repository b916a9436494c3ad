import {
  ApiError,
  forgotPassword,
  login,
  logout as revokeSession,
  register,
  resendOtp,
  resetPassword,
  verifyOtp,
  type FetchLike,
  type SessionResponse,
} from '../api';
import { AccountSettingsService } from './account-settings';
import type { LocalDataChoice, Reply, ReplyError } from '../messages/page-messages';
import { normalizeServerUrl } from './server-url';
import type { Account, ExtensionStore, LocalOwner } from '../storage';
import type { SyncController } from '../sync/controller';
import { syncUrlOnServer } from './tokens';
import type { DataConsent } from './data-consent';
import { DATA_CONSENT_DECLINED } from '../../../shared/consent/firefox-data-collection';

export interface AccountDeps {
  store: ExtensionStore;
  sync: SyncController;
  fetch?: FetchLike;
  /** After every sign-in, not awaited: registers this browser's device key (device-key.ts). */
  afterSignIn?: () => Promise<unknown>;
  /** Firefox's data-collection consent (data-consent.ts); absent means granted. */
  consent?: Pick<DataConsent, 'granted'>;
}

export type AccountState = { account: Account | null; serverUrl: string };

export function toReplyError(error: unknown): ReplyError {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.code === 'email_not_verified' ? { code: 'email-not-verified' as const } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : 'Something went wrong.' };
}

/** Sign-up, sign-in, sign-out and the server address, as the popup asks for them. */
export class AccountService {
  private readonly fetch: FetchLike;
  /** Profile, password, sign out everywhere, export and deletion, for the signed-in user (Settings). */
  readonly settings: AccountSettingsService;

  constructor(private readonly deps: AccountDeps) {
    this.fetch = deps.fetch ?? ((input, init) => fetch(input, init));
    this.settings = new AccountSettingsService({ store: deps.store, sync: deps.sync, fetch: this.fetch, toReplyError });
  }

  async state(): Promise<AccountState> {
    return { account: (await this.deps.store.account()) ?? null, serverUrl: await this.deps.store.serverUrl() };
  }

  /** Asks the server for the account; the reply says a code was mailed, then verifyOtp signs in. */
  async register(input: { name: string; email: string; password: string; localData?: LocalDataChoice | undefined }): Promise<Reply<{ verificationRequired: true; email: string }>> {
    // Only the fields the server takes: it refuses unknown ones (the message's `type` included).
    const body = { name: input.name, email: input.email, password: input.password };
    return this.attempt(async (serverUrl) => {
      const answer = await register(this.fetch, serverUrl, body);
      return { verificationRequired: true as const, email: answer.email };
    });
  }

  verifyOtp(input: { email: string; code: string; password: string; localData?: LocalDataChoice | undefined }): Promise<Reply<AccountState>> {
    const { localData, email, code, password } = input;
    return this.signIn(email, localData, (serverUrl) => verifyOtp(this.fetch, serverUrl, { email, code, password }));
  }

  resendOtp(email: string): Promise<Reply> {
    return this.attempt(async (serverUrl) => {
      await resendOtp(this.fetch, serverUrl, { email });
      return {};
    });
  }

  forgotPassword(email: string): Promise<Reply> {
    return this.attempt(async (serverUrl) => {
      await forgotPassword(this.fetch, serverUrl, { email });
      return {};
    });
  }

  resetPassword(input: { email: string; code: string; password: string }): Promise<Reply> {
    return this.attempt(async (serverUrl) => {
      await resetPassword(this.fetch, serverUrl, { email: input.email, code: input.code, password: input.password });
      return {};
    });
  }

  login(input: { email: string; password: string; localData?: LocalDataChoice | undefined }): Promise<Reply<AccountState>> {
    const body = { email: input.email, password: input.password };
    return this.signIn(body.email, input.localData, (serverUrl) => login(this.fetch, serverUrl, body));
  }

  /** Keeping is the default: the data is the user's, the server only a copy. */
  async logout(localData: LocalDataChoice = 'keep'): Promise<Reply<AccountState>> {
    const tokens = await this.deps.store.get();
    // Best effort: signing out on this device must work offline too; the token then simply expires.
    if (tokens) await revokeSession(this.fetch, tokens.serverUrl, tokens.refreshToken).catch(() => undefined);
    await this.deps.sync.stop();
    await this.deps.store.signOut();
    if (localData === 'wipe') await this.deps.sync.wipeLocalData();
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

  /**
   * The refusal to send an account's details before Firefox's consent (the page asks for it
   * from the person's click; this is the background's own check, so nothing leaves without it).
   */
  async missingConsent(): Promise<ReplyError | undefined> {
    if (!this.deps.consent || (await this.deps.consent.granted())) return undefined;
    return { code: 'data-consent-required', message: DATA_CONSENT_DECLINED };
  }

  private async attempt<T extends object>(call: (serverUrl: string) => Promise<T>): Promise<Reply<T>> {
    const refused = await this.missingConsent();
    if (refused) return { ok: false, error: refused };
    try {
      return { ok: true, ...(await call(await this.deps.store.serverUrl())) };
    } catch (error) {
      return { ok: false, error: toReplyError(error) };
    }
  }

  /**
   * Signs in, keeping accounts apart: jobs this device holds for another
   * account are never pushed into this one. The page is told so, and asks
   * the user to wipe them (choice 'wipe') or to cancel. Jobs that belong to
   * no account yet (captured before any sign-in) join the account.
   * Public for sign-in with an OpenID provider (oidc-sign-in.ts): the same rules.
   */
  async signIn(
    email: string,
    localData: LocalDataChoice | undefined,
    call: (serverUrl: string) => Promise<SessionResponse>,
  ): Promise<Reply<AccountState>> {
    const refused = await this.missingConsent();
    if (refused) return { ok: false, error: refused };
    const serverUrl = await this.deps.store.serverUrl();
    const owner = await this.deps.store.localOwner();
    const counts = owner ? await this.deps.sync.localDataCounts() : { jobs: 0, resumes: 0 };
    const count = counts.jobs + counts.resumes;
    const isOwner = (id?: string) =>
      owner !== undefined && owner.serverUrl === serverUrl && owner.email.toLowerCase() === email.trim().toLowerCase() && (id === undefined || owner.userId === id);
    if (count > 0 && !isOwner() && localData !== 'wipe') return otherAccountReply(owner!, counts);

    let session: SessionResponse;
    try {
      session = await call(serverUrl);
    } catch (error) {
      return { ok: false, error: toReplyError(error) };
    }
    // The same email on the same server can still be a new account (deleted and made again).
    if (count > 0 && !isOwner(session.user.id) && localData !== 'wipe') return otherAccountReply(owner!, counts);
    await this.deps.sync.stop();
    if (count > 0 && !isOwner(session.user.id)) await this.deps.sync.wipeLocalData();

    await this.deps.store.setLocalOwner({ serverUrl, userId: session.user.id, email: session.user.email });
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
    void this.deps.afterSignIn?.().catch((error: unknown) => console.warn('TrackRuit: device registration failed; it is retried at the next signed request', error));
    return { ok: true, ...(await this.state()) };
  }
}

function otherAccountReply(owner: LocalOwner, counts: { jobs: number; resumes: number }): Reply<AccountState> {
  const count = counts.jobs + counts.resumes;
  const held = [plural(counts.jobs, 'application'), plural(counts.resumes, 'resume')].filter((part) => part !== '').join(' and ');
  return {
    ok: false,
    error: {
      code: 'local-data-other-account',
      message: `This device holds ${held} of ${owner.email}. To sign in as another account, remove them from this device first (they stay on ${owner.email}'s server if they were synced).`,
      localData: { count, ownerEmail: owner.email },
    },
  };
}

function plural(count: number, noun: string): string {
  return count === 0 ? '' : count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}
