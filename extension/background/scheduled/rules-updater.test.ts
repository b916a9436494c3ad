import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { shippedRules, type RuleSet } from '../../../shared/rules';
import { loadActiveRules, RULES_STORAGE_KEY } from '../../rules/active-rules';
import type { FetchLike } from '../api';
import { isSignIn, RULES_CHECK_INTERVAL_MS, RULES_CHECKED_AT_KEY, RulesUpdater } from './rules-updater';
import { ExtensionStore, type StorageArea } from '../storage';

const SERVER = 'http://127.0.0.1:5123';
const account = { user: { id: 'u1', email: 'ada@example.com', name: 'Ada' }, serverUrl: SERVER };
const tokens = { serverUrl: SERVER, syncUrl: `${SERVER}/db/userdb-ab/`, accessToken: 'a', refreshToken: 'r' };

function newer(bump: number): RuleSet {
  const rules = structuredClone(shippedRules);
  rules.version = shippedRules.version + bump;
  rules.sites.linkedin.selectors.title = ['.renamed-title', ...rules.sites.linkedin.selectors.title];
  return rules;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let area: StorageArea;
let store: ExtensionStore;
let fetchFn: ReturnType<typeof vi.fn<FetchLike>>;
let clock: number;
let updater: RulesUpdater;

beforeEach(() => {
  fakeBrowser.reset();
  area = fakeBrowser.storage.local as unknown as StorageArea;
  store = new ExtensionStore(area);
  fetchFn = vi.fn<FetchLike>(async () => json(200, { rules: newer(1) }));
  clock = Date.UTC(2026, 10, 20, 10, 0, 0);
  updater = new RulesUpdater({ store, area, fetch: fetchFn, now: () => clock });
});

async function stored(key: string) {
  return (await area.get(key))[key];
}

describe('RulesUpdater', () => {
  it('asks nobody while signed out, or while the session has expired', async () => {
    expect(await updater.updateIfDue()).toEqual({ outcome: 'signed_out' });
    await store.signIn({ ...account, needsLogin: true }, tokens);
    expect(await updater.update()).toEqual({ outcome: 'signed_out' });
    expect(fetchFn).not.toHaveBeenCalled();
    expect(await stored(RULES_STORAGE_KEY)).toBeUndefined();
  });

  it('fetches from the signed-in server only, without credentials, and stores a newer valid set', async () => {
    await store.setServerUrl('https://elsewhere.example');
    await store.signIn(account, tokens);
    expect(await updater.updateIfDue()).toEqual({ outcome: 'updated', version: shippedRules.version + 1 });
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe(`${SERVER}/api/extension/config`);
    expect(init).toEqual({ cache: 'no-cache', credentials: 'omit' });
    expect(await stored(RULES_STORAGE_KEY)).toEqual(newer(1));
    expect(await stored(RULES_CHECKED_AT_KEY)).toBe(clock);
    // Content scripts now detect with it.
    expect((await loadActiveRules(area)).sites.linkedin.selectors.title[0]).toBe('.renamed-title');
  });

  it('asks at most every six hours, unless asked to update now (sign-in)', async () => {
    await store.signIn(account, tokens);
    await updater.updateIfDue();
    clock += RULES_CHECK_INTERVAL_MS - 1;
    expect(await updater.updateIfDue()).toEqual({ outcome: 'not_due' });
    expect(fetchFn).toHaveBeenCalledTimes(1);

    fetchFn.mockResolvedValueOnce(json(200, { rules: newer(2) }));
    expect(await updater.update()).toEqual({ outcome: 'updated', version: shippedRules.version + 2 });
    clock += RULES_CHECK_INTERVAL_MS;
    expect(await updater.updateIfDue()).toEqual({ outcome: 'unchanged', version: shippedRules.version + 2 });
    expect(fetchFn).toHaveBeenCalledTimes(3);
  });

  it('shares one request between concurrent wakes', async () => {
    await store.signIn(account, tokens);
    const results = await Promise.all([updater.updateIfDue(), updater.updateIfDue(), updater.update()]);
    expect(results.map((result) => result.outcome)).toEqual(['updated', 'updated', 'updated']);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('keeps what it has when the server offers an older, equal, invalid or no set', async () => {
    await store.signIn(account, tokens);
    await updater.update();
    const invalid = { ...newer(9), sites: { ...newer(9).sites, linkedin: { ...newer(9).sites.linkedin, hosts: [] } } };
    const answers: [Response | Error, string][] = [
      [json(200, { rules: shippedRules }), 'unchanged'],
      [json(200, { rules: newer(1) }), 'unchanged'],
      [json(200, { rules: invalid }), 'failed'],
      [json(200, { nothing: true }), 'failed'],
      [new Response('<html>', { status: 200 }), 'failed'],
      [json(503, { error: { code: 'down', message: 'down' } }), 'failed'],
      [new TypeError('fetch failed'), 'failed'],
    ];
    for (const [answer, outcome] of answers) {
      if (answer instanceof Error) fetchFn.mockRejectedValueOnce(answer);
      else fetchFn.mockResolvedValueOnce(answer);
      expect((await updater.update()).outcome).toBe(outcome);
    }
    expect(await stored(RULES_STORAGE_KEY)).toEqual(newer(1));
  });

  it('records a failed attempt, so a down server is not asked on every wake', async () => {
    await store.signIn(account, tokens);
    fetchFn.mockRejectedValueOnce(new TypeError('fetch failed'));
    expect(await updater.updateIfDue()).toEqual({ outcome: 'failed', reason: 'server unreachable' });
    clock += 60_000;
    expect(await updater.updateIfDue()).toEqual({ outcome: 'not_due' });
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});

describe('loadActiveRules', () => {
  it('uses the shipped rules when nothing, something invalid or something older is stored', async () => {
    expect(await loadActiveRules(area)).toBe(shippedRules);
    await area.set({ [RULES_STORAGE_KEY]: { version: shippedRules.version + 1, sites: {} } });
    expect(await loadActiveRules(area)).toBe(shippedRules);
    await area.set({ [RULES_STORAGE_KEY]: { ...structuredClone(shippedRules), version: shippedRules.version } });
    expect(await loadActiveRules(area)).toBe(shippedRules);
    await area.set({ [RULES_STORAGE_KEY]: newer(3) });
    expect((await loadActiveRules(area)).version).toBe(shippedRules.version + 3);
  });

  it('falls back to the shipped rules when storage fails', async () => {
    const broken = { get: () => Promise.reject(new Error('Extension context invalidated')) };
    expect(await loadActiveRules(broken)).toBe(shippedRules);
  });
});

describe('isSignIn', () => {
  const signedIn = { ...account, user: { ...account.user } };
  it('is true when an account appears, returns from an expired session, or changes user or server', () => {
    expect(isSignIn({ newValue: signedIn })).toBe(true);
    expect(isSignIn({ oldValue: { ...signedIn, needsLogin: true }, newValue: signedIn })).toBe(true);
    expect(isSignIn({ oldValue: { ...signedIn, serverUrl: 'https://old.example' }, newValue: signedIn })).toBe(true);
    expect(isSignIn({ oldValue: { ...signedIn, user: { ...signedIn.user, id: 'u0' } }, newValue: signedIn })).toBe(true);
  });

  it('is false for sign-out, expiry and rewrites of the same account', () => {
    expect(isSignIn({ oldValue: signedIn })).toBe(false);
    expect(isSignIn({ oldValue: signedIn, newValue: { ...signedIn, needsLogin: true } })).toBe(false);
    expect(isSignIn({ oldValue: signedIn, newValue: { ...signedIn } })).toBe(false);
  });
});
