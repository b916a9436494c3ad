import {
  ApiError,
  changePassword,
  deleteAccount,
  exportAccount,
  getProfile,
  logoutAll,
  patchPreferences,
  updateProfile,
  type AccountPreferences,
  type FetchLike,
  type Profile,
} from '../api';
import type { AccountSwitch } from '../../../shared/account/preferences';
import { createAuthFetch, SignedOutError } from './auth-fetch';
import type { LocalDataChoice, Reply, ReplyError } from '../messages/page-messages';
import { STORAGE_KEYS, type Account, type ExtensionStore } from '../storage';
import type { SyncController } from '../sync/controller';

export interface AccountSettingsDeps {
  store: ExtensionStore;
  sync: SyncController;
  fetch: FetchLike;
  toReplyError: (error: unknown) => ReplyError;
}

/** The server names no field for a wrong password; the form shows it next to the one asked for. */
function wrongPasswordIn(field: string) {
  return (error: unknown): never => {
    if (error instanceof ApiError && error.code === 'invalid_credentials') {
      throw new ApiError(error.message, error.kind, error.status, error.code, { [field]: error.message });
    }
    throw error;
  };
}

const NOT_SIGNED_IN: Reply = { ok: false, error: { message: 'Sign in first.' } };

/**
 * The account's preferences as Settings shows them. `offline`: the server could
 * not be reached, so these are the last ones fetched (at `fetchedAt`, null when
 * never) and nothing can be changed until it can.
 */
export interface PreferencesAnswer {
  preferences: AccountPreferences;
  fetchedAt: string | null;
  offline: boolean;
}

/** Copies kept for offline use belong to one account on one server. */
export function ownerOf(account: Account): string {
  return `${account.serverUrl}|${account.user.id}`;
}

/** The account export as a file: the text to save and its name. */
export interface ExportFile {
  fileName: string;
  json: string;
}

/**
 * What a signed-in person does with their account from Settings: profile,
 * password, sign out everywhere, export and deletion. Tokens stay here; pages
 * only see the answers.
 */
export class AccountSettingsService {
  private readonly authFetch: FetchLike;

  constructor(private readonly deps: AccountSettingsDeps) {
    this.authFetch = createAuthFetch({ store: deps.store, fetch: deps.fetch, onSessionExpired: () => deps.store.expire() });
  }

  profile(): Promise<Reply<{ user: Profile }>> {
    return this.signedIn((serverUrl) => getProfile(this.authFetch, serverUrl));
  }

  updateProfile(patch: { name?: string | undefined; avatarUrl?: string | null | undefined }): Promise<Reply<{ user: Profile }>> {
    const body = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.avatarUrl !== undefined ? { avatarUrl: patch.avatarUrl } : {}),
    };
    return this.signedIn(async (serverUrl) => {
      const answer = await updateProfile(this.authFetch, serverUrl, body);
      // The popup and Settings show the stored account's name.
      const [account, tokens] = await Promise.all([this.deps.store.account(), this.deps.store.get()]);
      if (account && tokens && account.user.id === answer.user.id) {
        const { id, email, name, createdAt } = answer.user;
        await this.deps.store.signIn({ ...account, user: { id, email, name, ...(createdAt ? { createdAt } : {}) } }, tokens);
      }
      return answer;
    });
  }

  preferences(): Promise<Reply<PreferencesAnswer>> {
    return this.signedIn((serverUrl, account) => this.preferencesFrom(account, () => getProfile(this.authFetch, serverUrl)));
  }

  /** Changes one switch on the server; offline, the answer says nothing changed (the page keeps the toggle as it was). */
  setPreference(key: AccountSwitch, value: boolean): Promise<Reply<PreferencesAnswer>> {
    return this.signedIn((serverUrl, account) => this.preferencesFrom(account, () => patchPreferences(this.authFetch, serverUrl, { [key]: value })));
  }

  private async preferencesFrom(account: Account, request: () => Promise<{ user: Profile }>): Promise<PreferencesAnswer> {
    const owner = ownerOf(account);
    try {
      const { user } = await request();
      const copy = { owner, fetchedAt: new Date().toISOString(), value: user.preferences ?? {} };
      await this.deps.store.setServerCopy(STORAGE_KEYS.accountPreferences, copy);
      return { preferences: copy.value, fetchedAt: copy.fetchedAt, offline: false };
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'network')) throw error;
      const copy = await this.deps.store.serverCopy<AccountPreferences>(STORAGE_KEYS.accountPreferences, owner);
      return { preferences: copy?.value ?? {}, fetchedAt: copy?.fetchedAt ?? null, offline: true };
    }
  }

  /**
   * Sync is stopped around the change: the server refuses every token issued
   * before it, and a replication request refreshing with the old refresh
   * token in between would be told the session is over and sign this device out.
   */
  changePassword(input: { currentPassword: string; newPassword: string }): Promise<Reply> {
    return this.signedIn(async (serverUrl) => {
      const fetchFn = await this.withFreshToken(serverUrl);
      await this.deps.sync.stop();
      try {
        // Only the fields the server takes: it refuses unknown ones (the message's `type` included).
        const pair = await changePassword(fetchFn, serverUrl, { currentPassword: input.currentPassword, newPassword: input.newPassword }).catch(wrongPasswordIn('currentPassword'));
        const tokens = await this.deps.store.get();
        if (tokens) await this.deps.store.set({ ...tokens, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
      } finally {
        await this.deps.sync.restart();
      }
      return {};
    });
  }

  /** Every session ends on the server, this one included; then this device signs out. */
  logoutEverywhere(localData: LocalDataChoice): Promise<Reply> {
    return this.signedIn(async (serverUrl) => {
      await logoutAll(this.authFetch, serverUrl);
      await this.signOutHere(localData, false);
      return {};
    });
  }

  exportData(): Promise<Reply<ExportFile>> {
    return this.signedIn(async (serverUrl) => {
      const data = await exportAccount(this.authFetch, serverUrl);
      return { fileName: `trackruit-account-${data.exportedAt.slice(0, 10)}.json`, json: JSON.stringify(data, null, 2) };
    });
  }

  /**
   * Kept local jobs lose their owner: the account is gone, so they are
   * nobody's and join whichever account signs in next, like jobs captured
   * before any sign-in.
   */
  deleteAccount(input: { password: string; localData: LocalDataChoice }): Promise<Reply> {
    return this.signedIn(async (serverUrl) => {
      const fetchFn = await this.withFreshToken(serverUrl);
      await deleteAccount(fetchFn, serverUrl, input.password).catch(wrongPasswordIn('password'));
      await this.signOutHere(input.localData, true);
      return {};
    });
  }

  private async signOutHere(localData: LocalDataChoice, accountGone: boolean): Promise<void> {
    await this.deps.sync.stop();
    await this.deps.store.signOut();
    if (localData === 'wipe') await this.deps.sync.wipeLocalData();
    // A new epoch: the next account's replication starts afresh and pushes them all.
    else if (accountGone) await this.deps.store.resetLocalData(crypto.randomUUID());
  }

  /**
   * Routes that take a password answer 401 for a wrong one, which the
   * refreshing fetch would take for an expired token: it would rotate the
   * session and send the password again, counting a second failure. So the
   * token is made fresh first (by asking "me"), and the password request
   * goes out once, with the current token.
   */
  private async withFreshToken(serverUrl: string): Promise<FetchLike> {
    await getProfile(this.authFetch, serverUrl);
    const tokens = await this.deps.store.get();
    if (!tokens) throw new SignedOutError();
    return (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${tokens.accessToken}`);
      return this.deps.fetch(input, { ...init, headers });
    };
  }

  private async signedIn<T extends object>(call: (serverUrl: string, account: Account) => Promise<T>): Promise<Reply<T>> {
    const [account, tokens] = await Promise.all([this.deps.store.account(), this.deps.store.get()]);
    if (!account || account.needsLogin || !tokens) return NOT_SIGNED_IN;
    try {
      return { ok: true, ...(await call(tokens.serverUrl, account)) };
    } catch (error) {
      if (error instanceof SignedOutError) return NOT_SIGNED_IN;
      if (error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials') {
        return { ok: false, error: { message: 'Your session has expired. Sign in again.' } };
      }
      return { ok: false, error: this.deps.toReplyError(error) };
    }
  }
}
