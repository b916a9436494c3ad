import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccountService } from './account';
import type { FetchLike } from '../api';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from '../storage';
import type { SyncController } from '../sync/controller';

const SERVER = 'http://localhost:5123';
const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2025-03-01T10:00:00.000Z' };
const tokens = { serverUrl: SERVER, syncUrl: `${SERVER}/db/userdb-7531/`, accessToken: 'access-1', refreshToken: 'refresh-1' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

type Route = (init: RequestInit | undefined) => Response;

let store: ExtensionStore;
let calls: { method: string; path: string; auth: string | null; body: unknown }[];
let routes: Record<string, Route>;
let events: string[];
let service: AccountService;
let sync: { stop: ReturnType<typeof vi.fn>; restart: ReturnType<typeof vi.fn>; wipeLocalData: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  fakeBrowser.reset();
  store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  await store.signIn({ user, serverUrl: SERVER }, tokens);
  await store.setLocalOwner({ serverUrl: SERVER, userId: user.id, email: user.email });
  calls = [];
  events = [];
  routes = {
    'GET /api/auth/me': () => json(200, { user: { ...user, avatarUrl: null }, syncUrl: tokens.syncUrl }),
  };
  const fetchFn = vi.fn<FetchLike>(async (input, init) => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, auth: new Headers(init?.headers).get('authorization'), body });
    events.push(`${method} ${url.pathname}`);
    const route = routes[`${method} ${url.pathname}`];
    return route ? route(init) : json(404, { error: { message: 'not here' } });
  });
  sync = {
    stop: vi.fn(async () => void events.push('sync:stop')),
    restart: vi.fn(async () => void events.push('sync:restart')),
    wipeLocalData: vi.fn(async () => void events.push('sync:wipe')),
  };
  service = new AccountService({ store, sync: sync as unknown as SyncController, fetch: fetchFn });
});

async function stored(key: string) {
  return (await fakeBrowser.storage.local.get(key))[key];
}

describe('AccountSettingsService', () => {
  it('refuses everything when signed out, without asking the server', async () => {
    await store.signOut();
    expect(await service.settings.profile()).toEqual({ ok: false, error: { message: 'Sign in first.' } });
    expect(await service.settings.deleteAccount({ password: 'x', localData: 'keep' })).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('refreshes an expired access token and keeps the new pair', async () => {
    routes['GET /api/auth/me'] = (init) =>
      new Headers(init?.headers).get('authorization') === 'Bearer access-2'
        ? json(200, { user: { ...user, avatarUrl: 'https://example.com/a.png' }, syncUrl: tokens.syncUrl })
        : json(401, { error: { code: 'invalid_token', message: 'expired' } });
    routes['POST /api/auth/refresh'] = () => json(200, { accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(await service.settings.profile()).toMatchObject({ ok: true, user: { name: 'Ada', avatarUrl: 'https://example.com/a.png' } });
    expect(await store.get()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('saves the profile and shows the new name in the stored account; field errors come back by field', async () => {
    routes['PATCH /api/auth/profile'] = () => json(200, { user: { ...user, name: 'Ada King', avatarUrl: null } });
    expect(await service.settings.updateProfile({ name: 'Ada King', avatarUrl: null })).toMatchObject({ ok: true, user: { name: 'Ada King' } });
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', auth: 'Bearer access-1', body: { name: 'Ada King', avatarUrl: null } });
    expect(await stored(STORAGE_KEYS.account)).toMatchObject({ user: { id: 'u1', name: 'Ada King' } });
    expect(await store.get()).toEqual(tokens);

    routes['PATCH /api/auth/profile'] = () => json(400, { error: { code: 'validation_failed', message: 'Invalid avatarUrl', fields: { avatarUrl: 'must be an https:// URL' } } });
    expect(await service.settings.updateProfile({ avatarUrl: 'http://example.com/a.png' })).toEqual({
      ok: false,
      error: { message: 'Invalid avatarUrl', fields: { avatarUrl: 'must be an https:// URL' } },
    });
  });

  it('changes the password with sync stopped, and keeps the new token pair for sync', async () => {
    routes['POST /api/auth/change-password'] = () => json(200, { accessToken: 'access-new', refreshToken: 'refresh-new' });
    expect(await service.settings.changePassword({ currentPassword: 'old-passphrase', newPassword: 'new-passphrase-77' })).toEqual({ ok: true });
    expect(events).toEqual(['GET /api/auth/me', 'sync:stop', 'POST /api/auth/change-password', 'sync:restart']);
    expect(calls[1]).toMatchObject({ auth: 'Bearer access-1', body: { currentPassword: 'old-passphrase', newPassword: 'new-passphrase-77' } });
    expect(Object.keys(calls[1]!.body as object).sort()).toEqual(['currentPassword', 'newPassword']);
    expect(await store.get()).toEqual({ ...tokens, accessToken: 'access-new', refreshToken: 'refresh-new' });
    expect(await stored(STORAGE_KEYS.account)).toMatchObject({ user });
  });

  it('sends a wrong current password once (no refresh, no retry) and names the field', async () => {
    routes['POST /api/auth/change-password'] = () => json(401, { error: { code: 'invalid_credentials', message: 'The password is incorrect' } });
    expect(await service.settings.changePassword({ currentPassword: 'wrong', newPassword: 'new-passphrase-77' })).toEqual({
      ok: false,
      error: { message: 'The password is incorrect', fields: { currentPassword: 'The password is incorrect' } },
    });
    expect(calls.filter((call) => call.path === '/api/auth/change-password')).toHaveLength(1);
    expect(calls.some((call) => call.path === '/api/auth/refresh')).toBe(false);
    expect(await store.get()).toEqual(tokens);
    expect(sync.restart).toHaveBeenCalled();
  });

  it('signs out everywhere, then here, keeping or removing local data', async () => {
    routes['POST /api/auth/logout-all'] = () => new Response(null, { status: 204 });
    expect(await service.settings.logoutEverywhere('keep')).toEqual({ ok: true });
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth/logout-all', auth: 'Bearer access-1' });
    expect(await store.get()).toBeUndefined();
    expect(await store.account()).toBeUndefined();
    expect(sync.wipeLocalData).not.toHaveBeenCalled();
    // The account still exists: kept jobs are still its own.
    expect(await store.localOwner()).toMatchObject({ userId: 'u1' });

    await store.signIn({ user, serverUrl: SERVER }, tokens);
    expect(await service.settings.logoutEverywhere('wipe')).toEqual({ ok: true });
    expect(sync.wipeLocalData).toHaveBeenCalledTimes(1);
  });

  it('downloads the export as a named JSON file', async () => {
    const data = { exportedAt: '2026-03-04T05:06:07.000Z', format: 'trackruit-account-export', version: 1, user, jobs: [{ _id: 'other:1', title: 'Engineer' }] };
    routes['GET /api/account/export'] = () => json(200, data);
    const reply = await service.settings.exportData();
    expect(reply).toMatchObject({ ok: true, fileName: 'trackruit-account-2026-03-04.json' });
    expect(reply.ok && JSON.parse(reply.json)).toEqual(data);
  });

  it('deletes the account with the password; kept jobs are nobody\'s afterwards', async () => {
    routes['DELETE /api/account'] = () => new Response(null, { status: 204 });
    expect(await service.settings.deleteAccount({ password: 'ada-passphrase', localData: 'keep' })).toEqual({ ok: true });
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/account', auth: 'Bearer access-1', body: { password: 'ada-passphrase' } });
    expect(await store.get()).toBeUndefined();
    expect(await store.account()).toBeUndefined();
    expect(await store.localOwner()).toBeUndefined();
    expect(sync.wipeLocalData).not.toHaveBeenCalled();
  });

  it('keeps the account and the session when the password for deletion is wrong', async () => {
    routes['DELETE /api/account'] = () => json(401, { error: { code: 'invalid_credentials', message: 'The password is incorrect' } });
    expect(await service.settings.deleteAccount({ password: 'nope', localData: 'wipe' })).toEqual({
      ok: false,
      error: { message: 'The password is incorrect', fields: { password: 'The password is incorrect' } },
    });
    expect(await store.get()).toEqual(tokens);
    expect(sync.wipeLocalData).not.toHaveBeenCalled();
  });

  it('account preferences: a change goes out as a patch of one key, is kept, and is shown (changeable no more) when the server cannot be reached', async () => {
    routes['PATCH /api/auth/preferences'] = () => json(200, { user: { ...user, preferences: { theme: 'dark', weeklySummary: true } } });
    expect(await service.settings.setPreference('weeklySummary', true)).toMatchObject({ ok: true, offline: false, preferences: { theme: 'dark', weeklySummary: true } });
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/auth/preferences', body: { preferences: { weeklySummary: true } } });

    routes = {};
    const unreachable = vi.fn<FetchLike>(() => Promise.reject(new TypeError('Failed to fetch')));
    const offline = new AccountService({ store, sync: sync as unknown as SyncController, fetch: unreachable });
    const answer = await offline.settings.preferences();
    expect(answer).toMatchObject({ ok: true, offline: true, preferences: { weeklySummary: true } });
    expect(await offline.settings.setPreference('weeklySummary', false)).toMatchObject({ ok: true, offline: true, preferences: { weeklySummary: true } });

    // Another account on this device never sees that copy; signing out forgets it.
    await store.signIn({ user: { ...user, id: 'u2' }, serverUrl: SERVER }, tokens);
    expect(await offline.settings.preferences()).toMatchObject({ ok: true, offline: true, preferences: {}, fetchedAt: null });
    await store.signOut();
    expect(await stored(STORAGE_KEYS.accountPreferences)).toBeUndefined();
  });
});
