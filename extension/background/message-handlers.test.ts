import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccountService } from './account/account';
import type { FetchLike } from './api';
import { backgroundMessages } from './message-handlers';
import type { MessageRegistry } from './messages/registry';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from './storage';
import type { SyncController } from './sync/controller';
import { UndoStore, type SessionArea } from './capture/undo';
import { shippedRules } from '../../shared/rules/shipped';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
const popup = { id: RUNTIME_ID, url: `${ORIGIN}popup.html` };
const contentScript = { id: RUNTIME_ID, url: 'https://www.linkedin.com/jobs/view/1/', tab: {} };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const session = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2025-03-01T10:00:00.000Z' },
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  syncUrl: 'http://localhost:5123/db/userdb-ab12/',
};

let store: ExtensionStore;
let sync: {
  restart: ReturnType<typeof vi.fn>;
  stop: ReturnType<typeof vi.fn>;
  reSync: ReturnType<typeof vi.fn>;
  localJobCount: ReturnType<typeof vi.fn>;
  localDataCounts: ReturnType<typeof vi.fn>;
  wipeLocalData: ReturnType<typeof vi.fn>;
  localWrites: ReturnType<typeof vi.fn>;
};
let fetchFn: ReturnType<typeof vi.fn<FetchLike>>;
let messages: MessageRegistry;

beforeEach(() => {
  fakeBrowser.reset();
  store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
  sync = {
    restart: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    reSync: vi.fn(async () => {}),
    localJobCount: vi.fn(async () => 0),
    localDataCounts: vi.fn(async () => ({ jobs: 0, resumes: 0 })),
    wipeLocalData: vi.fn(async () => {}),
    localWrites: vi.fn(async () => {}),
  };
  fetchFn = vi.fn<FetchLike>(async () => json(201, session));
  const controller = sync as unknown as SyncController;
  messages = backgroundMessages({
    pages: { runtimeId: RUNTIME_ID, extensionOrigin: ORIGIN },
    account: new AccountService({ store, sync: controller, fetch: fetchFn }),
    sync: controller,
    ml: { store, fetch: fetchFn },
    capture: {
      jobs: () => Promise.reject(new Error('no database in this test')),
      undo: new UndoStore(fakeBrowser.storage.session as unknown as SessionArea),
      rules: async () => shippedRules,
    },
  });
});

async function stored(key: string) {
  return (await fakeBrowser.storage.local.get(key))[key];
}

describe('backgroundMessages', () => {
  it('ignores messages that are not for the background', () => {
    expect(messages.answer({ type: 'something:else' }, popup)).toBeUndefined();
    expect(messages.answer('hello', popup)).toBeUndefined();
  });

  it('refuses account messages from content scripts and other extensions', async () => {
    const register = { type: 'auth:register', name: 'Eve', email: 'eve@example.com', password: 'password123' };
    for (const sender of [contentScript, { id: 'otherextension', url: `chrome-extension://otherextension/popup.html` }]) {
      expect(await messages.answer(register, sender)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    }
    expect(await messages.answer({ type: 'settings:setServerUrl', serverUrl: 'https://evil.example' }, contentScript)).toMatchObject({
      ok: false,
    });
    expect(fetchFn).not.toHaveBeenCalled();
    expect(await stored(STORAGE_KEYS.serverUrl)).toBeUndefined();
  });

  it('answers OIDC messages with their own checks: a refusal from content scripts, and a malformed one from a page', async () => {
    expect(await messages.answer({ type: 'auth:oidcSignIn' }, contentScript)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    expect(await messages.answer({ type: 'auth:oidcSignIn', localData: 'everything' }, popup)).toEqual({
      ok: false,
      error: { message: 'Malformed request.' },
    });
  });

  it('registers on the configured server without signing in, then the emailed code signs in: tokens apart from the account, and sync starts', async () => {
    await messages.answer({ type: 'settings:setServerUrl', serverUrl: 'http://127.0.0.1:5123/' }, popup);
    fetchFn.mockResolvedValueOnce(json(202, { verificationRequired: true, email: 'ada@example.com', message: 'sent' }));
    const registered = await messages.answer(
      { type: 'auth:register', name: 'Ada', email: 'ada@example.com', password: 'password123' },
      popup,
    );
    // Exactly the fields the server accepts: it refuses unknown ones, the message's `type` included.
    expect(fetchFn).toHaveBeenCalledWith('http://127.0.0.1:5123/api/auth/register', expect.objectContaining({
      method: 'POST',
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'password123' }),
    }));
    expect(registered).toEqual({ ok: true, verificationRequired: true, email: 'ada@example.com' });
    expect(await stored(STORAGE_KEYS.tokens)).toBeUndefined();
    expect(sync.restart).not.toHaveBeenCalled();

    fetchFn.mockResolvedValueOnce(json(200, session));
    // The password typed at sign-up goes with the code: the server activates only the registration it was mailed for.
    const reply = await messages.answer({ type: 'auth:verifyOtp', email: 'ada@example.com', code: '012345', password: 'analytical-engine-1843' }, popup);
    expect(fetchFn).toHaveBeenLastCalledWith(
      'http://127.0.0.1:5123/api/auth/verify-otp',
      expect.objectContaining({ body: JSON.stringify({ email: 'ada@example.com', code: '012345', password: 'analytical-engine-1843' }) }),
    );
    expect(reply).toMatchObject({ ok: true, account: { user: { email: 'ada@example.com' } }, serverUrl: 'http://127.0.0.1:5123' });
    expect(await stored(STORAGE_KEYS.account)).toEqual({ user: session.user, serverUrl: 'http://127.0.0.1:5123' });
    expect(await stored(STORAGE_KEYS.tokens)).toEqual({
      serverUrl: 'http://127.0.0.1:5123',
      syncUrl: 'http://127.0.0.1:5123/db/userdb-ab12/',
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
    expect(sync.restart).toHaveBeenCalledTimes(1);
  });

  it('passes the server’s message and field errors to the popup', async () => {
    fetchFn.mockResolvedValueOnce(
      json(400, {
        error: { code: 'validation_failed', message: 'Invalid password', fields: { password: 'must be at least 8 characters' } },
      }),
    );
    const reply = await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'x' }, popup);

    expect(reply).toEqual({
      ok: false,
      error: { message: 'Invalid password', fields: { password: 'must be at least 8 characters' } },
    });
    expect(await stored(STORAGE_KEYS.tokens)).toBeUndefined();
    expect(sync.restart).not.toHaveBeenCalled();
  });

  it('tells the popup to ask for the code when the account is not verified yet', async () => {
    fetchFn.mockResolvedValueOnce(json(403, { error: { code: 'email_not_verified', message: 'Confirm your email address first' } }));
    const reply = await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'password123' }, popup);
    expect(reply).toEqual({ ok: false, error: { code: 'email-not-verified', message: 'Confirm your email address first' } });
    expect(await stored(STORAGE_KEYS.tokens)).toBeUndefined();
  });

  it('asks for a reset code, resends a verification code and resets the password on the configured server', async () => {
    fetchFn.mockImplementation(async () => json(202, { message: 'sent' }));
    expect(await messages.answer({ type: 'auth:forgotPassword', email: 'ada@example.com' }, popup)).toEqual({ ok: true });
    expect(await messages.answer({ type: 'auth:resendOtp', email: 'ada@example.com' }, popup)).toEqual({ ok: true });
    fetchFn.mockImplementation(async () => json(200, { passwordReset: true }));
    const reset = { type: 'auth:resetPassword', email: 'ada@example.com', code: '123456', password: 'a new long passphrase' };
    expect(await messages.answer(reset, popup)).toEqual({ ok: true });
    expect(fetchFn.mock.calls.map(([url]) => url)).toEqual([
      'http://localhost:5000/api/auth/forgot-password',
      'http://localhost:5000/api/auth/resend-otp',
      'http://localhost:5000/api/auth/reset-password',
    ]);
    expect(await messages.answer(reset, contentScript)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
  });

  it('says the server is unreachable when it is', async () => {
    fetchFn.mockRejectedValueOnce(new TypeError('fetch failed'));
    const reply = await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'password123' }, popup);
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining("Can't reach the server at http://localhost:5000") } });
  });

  it('signs out: stops sync and forgets tokens and account, keeping local jobs unless asked to remove them', async () => {
    await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'password123' }, popup);
    sync.stop.mockClear();
    const reply = await messages.answer({ type: 'auth:logout' }, popup);

    expect(reply).toEqual({ ok: true, account: null, serverUrl: 'http://localhost:5000' });
    // The refresh token is revoked on the server, not only forgotten here.
    expect(fetchFn).toHaveBeenCalledWith('http://localhost:5000/api/auth/logout', expect.objectContaining({ body: JSON.stringify({ refreshToken: 'refresh-1' }) }));
    expect(sync.stop).toHaveBeenCalledTimes(1);
    expect(sync.wipeLocalData).not.toHaveBeenCalled();
    expect(await stored(STORAGE_KEYS.tokens)).toBeUndefined();
    expect(await stored(STORAGE_KEYS.account)).toBeUndefined();

    await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'password123' }, popup);
    await messages.answer({ type: 'auth:logout', localData: 'wipe' }, popup);
    expect(sync.wipeLocalData).toHaveBeenCalledTimes(1);
  });

  it('passes writes reported by pages to the sync, and refuses malformed ones', async () => {
    expect(await messages.answer({ type: 'sync:localWrites', ids: ['linkedin:1'] }, popup)).toEqual({ ok: true });
    expect(sync.localWrites).toHaveBeenCalledWith(['linkedin:1']);
    expect(messages.answer({ type: 'sync:localWrites', ids: [''] }, popup)).toBeUndefined();
  });

  it('validates the server address, and locks it while signed in', async () => {
    expect(await messages.answer({ type: 'settings:setServerUrl', serverUrl: 'ftp://example.com' }, popup)).toMatchObject({
      ok: false,
      error: { fields: { serverUrl: 'Enter an http:// or https:// address.' } },
    });
    await messages.answer({ type: 'auth:login', email: 'ada@example.com', password: 'password123' }, popup);
    expect(
      await messages.answer({ type: 'settings:setServerUrl', serverUrl: 'https://other.example' }, popup),
    ).toMatchObject({ ok: false, error: { message: 'Sign out before changing the server.' } });
    expect(await stored(STORAGE_KEYS.serverUrl)).toBeUndefined();
  });
});

describe('content-script messages', () => {
  it('routes undo and lookup to the content handlers, which check the sender and size', async () => {
    const lookup = { type: 'job:lookup', platform: 'linkedin', siteJobId: '4012345678' };
    expect(await messages.answer(lookup, { url: contentScript.url })).toEqual({ ok: false, error: 'unknown sender' });
    expect(await messages.answer({ type: 'job:undo', jobId: 'linkedin:1', token: 'x' }, contentScript)).toEqual({
      ok: false,
      error: 'invalid undo',
    });
    expect(await messages.answer({ ...lookup, siteJobId: 'x'.repeat(2000) }, contentScript)).toEqual({ ok: false, error: 'invalid lookup' });
    // Account messages still go through the extension-page check.
    expect(await messages.answer({ type: 'auth:logout' }, contentScript)).toEqual({
      ok: false,
      error: { message: 'Not allowed from here.' },
    });
  });
});

describe('popup and dashboard job messages', () => {
  const track = {
    type: 'job:track',
    job: { platform: 'other', title: 'Platform Engineer', company: 'Example GmbH', url: 'https://careers.example.com/jobs/42' },
  };
  const resolve = { type: 'job:resolveDuplicate', jobId: 'linkedin:4099999999', action: 'merge' };

  it('answers job:track and job:resolveDuplicate from content scripts with a refusal, before touching the database', async () => {
    for (const message of [track, resolve]) {
      expect(await messages.answer(message, contentScript)).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    }
  });

  it('passes them on from the extension’s own pages', async () => {
    // This test's database refuses to open: reaching it proves the sender check let the popup through.
    await expect(messages.answer(track, popup)).rejects.toThrow('no database in this test');
    await expect(messages.answer(resolve, { ...popup, url: `${ORIGIN}dashboard.html` })).rejects.toThrow('no database in this test');
  });
});
