import type { User } from './api';
import type { SyncIssue } from './sync/sync-issues';
import type { SyncState } from './sync/sync-state';
import type { Tokens, TokenStore } from './account/tokens';

/**
 * Everything the extension keeps outside the job database lives in
 * `browser.storage.local`, which web pages cannot read. Keys:
 * - `serverUrl`: the sync server the user chose (absent: DEFAULT_SERVER_URL)
 * - `account`: who is signed in, without secrets (the popup shows it)
 * - `tokens`: access and refresh tokens and the sync URL (background only)
 * - `syncState`: the published sync status
 * - `syncIssues`: documents set aside because the server refused them
 * - `pendingChanges`: the single list of waiting ids older versions kept, read once and emptied (../sync/pending-changes.ts now keeps one key per id and a `pendingSummary` count)
 * - `localOwner`: the account whose data this device holds (absent: nobody's yet)
 * - `localEpoch`: changes when local data is wiped, so replication starts afresh
 */
export const STORAGE_KEYS = {
  serverUrl: 'serverUrl',
  account: 'account',
  tokens: 'tokens',
  syncState: 'syncState',
  syncIssues: 'syncIssues',
  pendingChanges: 'pendingChanges',
  localOwner: 'localOwner',
  localEpoch: 'localEpoch',
  /** The signed-in account's last known server-side preferences (Settings shows them offline). */
  accountPreferences: 'accountPreferences',
  /** The last pooled figures fetched from the server (job details and Insights show them offline). */
  communityFigures: 'communityFigures',
} as const;

/**
 * A copy of something the server answered, kept for offline use, with whose
 * it is: a copy made for another account or server is never shown.
 */
export interface ServerCopy<T> {
  owner: string;
  fetchedAt: string;
  value: T;
}

/** Identifies an account across sign-outs: the same person on the same server. */
export interface LocalOwner {
  serverUrl: string;
  userId: string;
  email: string;
}

export const DEFAULT_SERVER_URL = 'http://localhost:5000';

export interface Account {
  user: User;
  serverUrl: string;
  /** Set when the server refused the refresh token: local data stays, sync waits for a sign-in. */
  needsLogin?: boolean;
}

/** The subset of `browser.storage.local` used here, so tests can pass a fake. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export class ExtensionStore implements TokenStore {
  constructor(private readonly area: StorageArea) {}

  private async read<T>(key: string): Promise<T | undefined> {
    const items = await this.area.get(key);
    return items[key] as T | undefined;
  }

  async serverUrl(): Promise<string> {
    return (await this.read<string>(STORAGE_KEYS.serverUrl)) ?? DEFAULT_SERVER_URL;
  }

  setServerUrl(serverUrl: string): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.serverUrl]: serverUrl });
  }

  account(): Promise<Account | undefined> {
    return this.read<Account>(STORAGE_KEYS.account);
  }

  get(): Promise<Tokens | undefined> {
    return this.read<Tokens>(STORAGE_KEYS.tokens);
  }

  set(tokens: Tokens): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.tokens]: tokens });
  }

  signIn(account: Account, tokens: Tokens): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.account]: account, [STORAGE_KEYS.tokens]: tokens });
  }

  async expire(): Promise<void> {
    const account = await this.account();
    await this.area.remove(STORAGE_KEYS.tokens);
    if (account) await this.area.set({ [STORAGE_KEYS.account]: { ...account, needsLogin: true } });
  }

  signOut(): Promise<void> {
    return this.area.remove([STORAGE_KEYS.tokens, STORAGE_KEYS.account, STORAGE_KEYS.accountPreferences, STORAGE_KEYS.communityFigures]);
  }

  /** The copy kept under `key` when it was made for `owner` (see ownerOf). */
  async serverCopy<T>(key: typeof STORAGE_KEYS.accountPreferences | typeof STORAGE_KEYS.communityFigures, owner: string): Promise<ServerCopy<T> | undefined> {
    const copy = await this.read<ServerCopy<T>>(key);
    return copy?.owner === owner ? copy : undefined;
  }

  setServerCopy<T>(key: typeof STORAGE_KEYS.accountPreferences | typeof STORAGE_KEYS.communityFigures, copy: ServerCopy<T>): Promise<void> {
    return this.area.set({ [key]: copy });
  }

  syncState(): Promise<SyncState | undefined> {
    return this.read<SyncState>(STORAGE_KEYS.syncState);
  }

  setSyncState(state: SyncState): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.syncState]: state });
  }

  async syncIssues(): Promise<SyncIssue[]> {
    return (await this.read<SyncIssue[]>(STORAGE_KEYS.syncIssues)) ?? [];
  }

  setSyncIssues(issues: SyncIssue[]): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.syncIssues]: issues });
  }

  async pendingChanges(): Promise<string[]> {
    return (await this.read<string[]>(STORAGE_KEYS.pendingChanges)) ?? [];
  }

  setPendingChanges(ids: string[]): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.pendingChanges]: ids });
  }

  localOwner(): Promise<LocalOwner | undefined> {
    return this.read<LocalOwner>(STORAGE_KEYS.localOwner);
  }

  setLocalOwner(owner: LocalOwner): Promise<void> {
    return this.area.set({ [STORAGE_KEYS.localOwner]: owner });
  }

  async localEpoch(): Promise<string> {
    return (await this.read<string>(STORAGE_KEYS.localEpoch)) ?? '';
  }

  /** After a wipe: no owner, nothing pending or refused, and a new epoch for replication checkpoints. */
  async resetLocalData(epoch: string): Promise<void> {
    await this.area.remove([STORAGE_KEYS.localOwner, STORAGE_KEYS.pendingChanges, STORAGE_KEYS.syncIssues]);
    await this.area.set({ [STORAGE_KEYS.localEpoch]: epoch });
  }
}
