import { parseRuleSet, shippedRules, type RuleSet } from '../../../shared/rules';
import { pickActiveRules, RULES_STORAGE_KEY } from '../../rules/active-rules';
import { apiUrl, type FetchLike } from '../api';
import type { ExtensionStore, StorageArea } from '../storage';

/** `browser.storage.local` key: when the rules were last asked for (epoch ms). */
export const RULES_CHECKED_AT_KEY = 'detectionRulesCheckedAt';
export const RULES_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const EXTENSION_CONFIG_PATH = 'api/extension/config';

export type RulesUpdate =
  | { outcome: 'signed_out' }
  | { outcome: 'not_due' }
  | { outcome: 'updated'; version: number }
  | { outcome: 'unchanged'; version: number }
  | { outcome: 'failed'; reason: string };

export interface RulesUpdaterDeps {
  store: Pick<ExtensionStore, 'account'>;
  area: StorageArea;
  fetch?: FetchLike;
  now?: () => number;
  shipped?: RuleSet;
}

/**
 * Keeps the detection rules current from the user's own server. It asks only
 * while someone is signed in, only that server, and at most every six hours
 * (sign-in asks at once). A set is stored only when it passes the schema and
 * is newer than the one in use, so a broken or old server cannot make
 * detection worse than what shipped.
 */
export class RulesUpdater {
  private running: Promise<RulesUpdate> | undefined;
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly shipped: RuleSet;

  constructor(private readonly deps: RulesUpdaterDeps) {
    this.fetch = deps.fetch ?? ((input, init) => fetch(input, init));
    this.now = deps.now ?? Date.now;
    this.shipped = deps.shipped ?? shippedRules;
  }

  /** Called on every background start and alarm: a storage read unless a check is due. */
  async updateIfDue(): Promise<RulesUpdate> {
    if (this.running) return this.running;
    const checkedAt = (await this.deps.area.get(RULES_CHECKED_AT_KEY))[RULES_CHECKED_AT_KEY];
    if (typeof checkedAt === 'number' && checkedAt <= this.now() && this.now() - checkedAt < RULES_CHECK_INTERVAL_MS) {
      return { outcome: 'not_due' };
    }
    return this.update();
  }

  /** Asks now (sign-in); concurrent callers share one request. */
  update(): Promise<RulesUpdate> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<RulesUpdate> {
    const account = await this.deps.store.account();
    if (!account || account.needsLogin) return { outcome: 'signed_out' };
    // Recorded before asking: a failing server is retried in six hours, not on every wake.
    await this.deps.area.set({ [RULES_CHECKED_AT_KEY]: this.now() });

    let response: Response;
    try {
      // no-cache: revalidate with the server's ETag, so an unchanged set costs a 304.
      response = await this.fetch(apiUrl(account.serverUrl, EXTENSION_CONFIG_PATH), { cache: 'no-cache', credentials: 'omit' });
    } catch {
      return { outcome: 'failed', reason: 'server unreachable' };
    }
    if (!response.ok) return { outcome: 'failed', reason: `server answered ${response.status}` };
    const body: unknown = await response.json().catch(() => undefined);
    const offered = typeof body === 'object' && body !== null ? (body as { rules?: unknown }).rules : undefined;
    const parsed = parseRuleSet(offered);
    if (!parsed.ok) return { outcome: 'failed', reason: 'invalid rule set' };

    const current = pickActiveRules((await this.deps.area.get(RULES_STORAGE_KEY))[RULES_STORAGE_KEY], this.shipped);
    if (parsed.rules.version <= current.version) return { outcome: 'unchanged', version: current.version };
    await this.deps.area.set({ [RULES_STORAGE_KEY]: parsed.rules });
    return { outcome: 'updated', version: parsed.rules.version };
  }
}

type StoredAccount = { needsLogin?: boolean; serverUrl?: string; user?: { id?: string } } | undefined;

/**
 * Whether a change of the stored `account` is a sign-in: an account appears,
 * comes back from an expired session, or changes user or server. The
 * background watches storage for it, so every way of signing in asks for the
 * rules at once without the account code knowing about rules.
 */
export function isSignIn(change: { oldValue?: unknown; newValue?: unknown }): boolean {
  const next = change.newValue as StoredAccount;
  const previous = change.oldValue as StoredAccount;
  if (!next || next.needsLogin) return false;
  if (!previous || previous.needsLogin) return true;
  return previous.serverUrl !== next.serverUrl || previous.user?.id !== next.user?.id;
}
