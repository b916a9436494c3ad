import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccountService } from '../../extension/background/account/account';
import { handleOidcMessage, type IdentityApi } from '../../extension/background/account/oidc-sign-in';
import { ExtensionStore, STORAGE_KEYS, type StorageArea } from '../../extension/background/storage';
import { SyncController } from '../../extension/background/sync/controller';
import { openDatabase } from '../../extension/db/database';
import { upsertJobWith } from '../../extension/db/jobs';
import { jobFromCapture } from '../../shared/jobs/capture';
import { acmeCapture } from '../fixtures/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestProvider, walkSignIn, type TestProvider, type Walk } from '../helpers/oidc-test-provider';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Sign-in with an OpenID Connect provider, end to end against a real
 * oidc-provider: the test plays the browser of chrome.identity.launchWebAuthFlow,
 * following redirects from the server to the provider and back.
 */

const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oidc';
const PASSWORD = 'a long and unguessable password 9';

let provider: TestProvider;
let server: TestServer;
/** What the servers log through their `log(message, error?)`. */
const logged = vi.fn<(message: string, error?: unknown) => void>();

beforeAll(async () => {
  let callback = '';
  provider = await startTestProvider(() => [callback]);
  server = await startTestServer({
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: null, scopes: 'openid email profile' },
  }, { log: logged });
  callback = `${server.url}/api/auth/google/callback`;
});

afterAll(async () => {
  await server?.stop();
  await provider?.stop();
});

afterEach(() => {
  vi.useRealTimers();
});

function loggedText(): string {
  return logged.mock.calls.map((call: unknown[]) => call.map(String).join(' ')).join('\n');
}

let counter = 0;
const identity_ = (overrides: { email?: string; email_verified?: boolean; name?: string } = {}) => identity(overrides);
function identity(overrides: { email?: string; email_verified?: boolean; name?: string } = {}): { subject: string; email: string } {
  counter += 1;
  const subject = `subject-${counter}-${randomUUID()}`;
  const email = overrides.email ?? `google-${counter}-${Date.now()}@example.com`;
  provider.accounts.set(subject, { email, email_verified: overrides.email_verified ?? true, name: overrides.name ?? `Person ${counter}` });
  provider.nextAccount = subject;
  return { subject, email };
}

/**
 * The browser's part (walkSignIn in the provider helper), started at this
 * file's server and stopping at the extension's address.
 */
function walk(options: { redirectUri?: string; alter?: (url: URL) => void } = {}): Promise<Walk> {
  return walkSignIn({ start: server.url, issuer: provider.issuer, extensionRedirect: options.redirectUri ?? EXTENSION_REDIRECT, ...(options.alter ? { alter: options.alter } : {}) });
}

function fragment(url: URL | undefined): URLSearchParams {
  expect(url, 'the browser came back to the extension').toBeDefined();
  return new URLSearchParams(url!.hash.slice(1));
}

async function exchange(code: string) {
  const response = await fetch(`${server.url}/api/auth/google/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
}

async function login(email: string, password: string) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function me(accessToken: string) {
  const response = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return (await response.json()) as { user: { id: string; email: string; name: string; emailVerified?: boolean } };
}

describe('sign-in with the provider', () => {
  it('creates a verified account without a password, through a login code in the fragment', async () => {
    const { email } = identity({ name: 'Ada Lovelace' });
    const walked = await walk();
    const params = fragment(walked.final);
    expect([...params.keys()]).toEqual(['code']);
    // Nothing but the one-time code travels in the URL.
    expect(walked.final!.href).not.toMatch(/accessToken|refreshToken|eyJ/);

    const session = await exchange(params.get('code')!);
    expect(session.status).toBe(200);
    expect(Object.keys(session.body).sort()).toEqual(['accessToken', 'refreshToken', 'syncUrl', 'user']);
    expect(session.body.user).toMatchObject({ email, name: 'Ada Lovelace', emailVerified: true });
    expect((await me(session.body.accessToken as string)).user.email).toBe(email);

    // No password was ever set: any password gets the same answer as a wrong one.
    const unknown = await login(`nobody-${randomUUID()}@example.com`, PASSWORD);
    const refused = await login(email, PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(unknown.body);

    // Signing in again reaches the same account.
    provider.nextAccount = [...provider.accounts].find(([, value]) => value.email === email)![0];
    const again = await exchange(fragment((await walk()).final).get('code')!);
    expect((again.body.user as { id: string }).id).toBe((session.body.user as { id: string }).id);
  });

  it('signs in from Firefox, whose identity API comes back to https://<SHA-1 of the add-on id>.extensions.allizom.org/', async () => {
    const { email } = identity({ name: 'Grace Hopper' });
    // identity.getRedirectURL('oidc') for the add-on id in wxt.config.ts.
    const firefoxRedirect = 'https://c864d161d7a050c8dc3da7e9d67b4c0e3af46e7b.extensions.allizom.org/oidc';
    const walked = await walk({ redirectUri: firefoxRedirect });
    expect(walked.final?.href.startsWith(`${firefoxRedirect}#`)).toBe(true);
    const session = await exchange(fragment(walked.final).get('code')!);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email, emailVerified: true });
  });

  it('links to an existing account by a verified email', async () => {
    const email = `linked-${Date.now()}@example.com`;
    const existing = await createVerifiedAccount(server, { name: 'Grace', email, password: PASSWORD });
    identity({ email: email.toUpperCase(), name: 'Grace at Google' });
    const session = await exchange(fragment((await walk()).final).get('code')!);
    expect(session.status).toBe(200);
    expect((session.body.user as { id: string; name: string })).toMatchObject({ id: existing.user.id, name: 'Grace' });
    // The password still works for the same account.
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('forgets the link when the account is deleted: the same Google account then makes a new one', async () => {
    const email = `deleted-${Date.now()}@example.com`;
    const existing = await createVerifiedAccount(server, { name: 'Leaving', email, password: PASSWORD });
    identity({ email });
    const linked = await exchange(fragment((await walk()).final).get('code')!);
    expect((linked.body.user as { id: string }).id).toBe(existing.user.id);
    const deleted = await fetch(`${server.url}/api/account`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${linked.body.accessToken as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(deleted.status).toBe(204);
    const fresh = await exchange(fragment((await walk()).final).get('code')!);
    expect(fresh.status).toBe(200);
    expect((fresh.body.user as { id: string }).id).not.toBe(existing.user.id);
  });

  it('does not link nor create anything for an unverified email', async () => {
    const email = `unverified-${Date.now()}@example.com`;
    const existing = await createVerifiedAccount(server, { name: 'Carol', email, password: PASSWORD });
    identity({ email, email_verified: false });
    const walked = await walk();
    expect(fragment(walked.final).get('error')).toBe('email_not_verified');
    expect(fragment(walked.final).get('code')).toBeNull();
    // Carol's account is as it was: her password signs in, and the provider account still gets nothing.
    const carol = await login(email, PASSWORD);
    expect((carol.body.user as { id: string }).id).toBe(existing.user.id);
    expect(fragment((await walk()).final).get('error')).toBe('email_not_verified');

    identity({ email: `nobody-${Date.now()}@example.com`, email_verified: false });
    expect(fragment((await walk()).final).get('error')).toBe('email_not_verified');
  });

  it('takes an unverified password account over for the proven owner, dropping the unproven password', async () => {
    const email = `squatted-${Date.now()}@example.com`;
    // Someone registers the owner's address and never proves it.
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Squatter', email, password: PASSWORD }),
    });
    expect(registered.status).toBe(202);
    identity({ email });
    const session = await exchange(fragment((await walk()).final).get('code')!);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email, emailVerified: true });
    // The squatter's password no longer opens the account.
    const squatter = await login(email, PASSWORD);
    expect(squatter.status).toBe(401);
    expect(squatter.body.error?.code).toBe('invalid_credentials');
  });
});

describe('what is refused', () => {
  it('refuses a forged state, and a replayed callback', async () => {
    identity();
    const forged = await walk({
      alter(url) {
        if (url.pathname === '/api/auth/google/callback') url.searchParams.set('state', randomUUID());
      },
    });
    expect(forged.final).toBeUndefined();
    expect(forged.refusal?.status).toBe(400);
    expect(forged.refusal?.body.error?.code).toBe('invalid_state');

    const genuine = await walk();
    expect(fragment(genuine.final).get('code')).toBeTruthy();
    const replay = await fetch(genuine.callback!, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('location')).toBeNull();
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('invalid_state');
  });

  it('refuses an ID token with another nonce than the one this sign-in sent', async () => {
    const { email } = identity();
    logged.mockClear();
    const walked = await walk({
      alter(url) {
        // The authorization request reaching the provider carries another nonce.
        if (url.origin === provider.issuer && url.pathname === '/auth' && url.searchParams.has('nonce')) {
          url.searchParams.set('nonce', 'attacker-chosen-nonce');
        }
      },
    });
    const params = fragment(walked.final);
    expect(params.get('error')).toBe('invalid_response');
    expect(params.get('code')).toBeNull();
    // No account was made for the provider's user.
    expect((await login(email, PASSWORD)).body).toEqual((await login(`nobody-${randomUUID()}@example.com`, PASSWORD)).body);
    expect(loggedText()).toContain('claim nonce');
  });

  it('refuses a code injected from another sign-in (PKCE verifier mismatch)', async () => {
    identity();
    // The attacker's own sign-in yields a callback with an unused code; they keep it...
    let stolen: URL | undefined;
    await walk({
      alter(url) {
        if (url.pathname === '/api/auth/google/callback' && !stolen) {
          stolen = new URL(url);
          url.href = EXTENSION_REDIRECT;
        }
      },
    });
    expect(stolen?.searchParams.get('code')).toBeTruthy();
    // ...and splice it into the victim's flow, with the victim's state.
    logged.mockClear();
    const victim = await walk({
      alter(url) {
        if (url.pathname === '/api/auth/google/callback') url.searchParams.set('code', stolen!.searchParams.get('code')!);
      },
    });
    expect(fragment(victim.final).get('error')).toBe('invalid_response');
    expect(loggedText()).toContain('invalid_grant');
  });

  it('sends codes only to the extension\'s chromiumapp.org address or an allowed origin', async () => {
    for (const redirectUri of ['https://evil.example/steal', 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/', 'javascript:alert(1)']) {
      const response = await fetch(`${server.url}/api/auth/google?redirect_uri=${encodeURIComponent(redirectUri)}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('uses a login code once, and not after 60 seconds', async () => {
    identity();
    const code = fragment((await walk()).final).get('code')!;
    expect((await exchange(code)).status).toBe(200);
    const reused = await exchange(code);
    expect(reused.status).toBe(400);
    expect(reused.body.error?.code).toBe('invalid_code');
    expect(Object.keys(reused.body)).toEqual(['error']);

    const late = fragment((await walk()).final).get('code')!;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    const expired = await exchange(late);
    expect(expired.status).toBe(400);
    expect(expired.body.error?.code).toBe('invalid_code');

    expect((await exchange('not-a-code')).body.error?.code).toBe('invalid_code');
  });

  it('expires a pending sign-in after 10 minutes', async () => {
    identity();
    const walked = await walk({
      alter(url) {
        if (url.pathname === '/api/auth/google/callback') vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 + 1_000 });
      },
    });
    vi.useRealTimers();
    expect(walked.refusal?.body.error?.code).toBe('invalid_state');
  });
});

describe('OIDC_EXTENSION_IDS', () => {
  it('sends codes to the listed extensions only', async () => {
    const listed = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    const strict = await startTestServer({
      oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: null, scopes: 'openid email profile', extensionIds: [listed] },
    }, { log: logged });
    try {
      const other = await fetch(`${strict.url}/api/auth/google?redirect_uri=${encodeURIComponent(EXTENSION_REDIRECT)}`, { redirect: 'manual' });
      expect(other.status).toBe(400);
      expect(other.headers.get('location')).toBeNull();
      const ours = await fetch(`${strict.url}/api/auth/google?redirect_uri=${encodeURIComponent(`https://${listed}.chromiumapp.org/oidc`)}`, { redirect: 'manual' });
      expect(ours.status).toBe(302);
      expect(ours.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
    } finally {
      await strict.stop();
    }
  });
});

describe('a provider that is not the configured issuer', () => {
  it('refuses to start when discovery names another issuer than configured', async () => {
    // The same provider reached under another name: its metadata says it is 127.0.0.1, not localhost.
    const impostor = await startTestServer({
      oidc: { issuer: provider.issuer.replace('127.0.0.1', 'localhost'), clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: null, scopes: 'openid email profile' },
    }, { log: logged });
    try {
      logged.mockClear();
      const start = await fetch(`${impostor.url}/api/auth/google?redirect_uri=${encodeURIComponent(EXTENSION_REDIRECT)}`, { redirect: 'manual' });
      expect(start.status).toBe(502);
      expect(start.headers.get('location')).toBeNull();
      expect(((await start.json()) as { error: { code: string } }).error.code).toBe('oidc_unavailable');
      expect(loggedText()).toMatch(/OIDC: discovery failed.*issuer/);
    } finally {
      await impostor.stop();
    }
  });
});

describe('when not configured', () => {
  it('says so: providers reports it off, the routes answer 404 with a clear message', async () => {
    const plain = await startTestServer();
    try {
      expect(await (await fetch(`${plain.url}/api/auth/providers`)).json()).toEqual({ oidc: { enabled: false } });
      const start = await fetch(`${plain.url}/api/auth/google?redirect_uri=${encodeURIComponent(EXTENSION_REDIRECT)}`, { redirect: 'manual' });
      expect(start.status).toBe(404);
      expect(((await start.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'oidc_disabled', message: expect.stringContaining('OIDC_ISSUER') });
    } finally {
      await plain.stop();
    }
    expect(await (await fetch(`${server.url}/api/auth/providers`)).json()).toEqual({ oidc: { enabled: true, name: '127.0.0.1' } });
  });
});

describe("the extension's background flow", () => {
  const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;
  const popup = { id: RUNTIME_ID, url: `${ORIGIN}popup.html` };

  /** launchWebAuthFlow as Chrome runs it: follows the flow and resolves with the chromiumapp.org address. */
  const identity: IdentityApi = {
    getRedirectURL: (path = '') => `https://${RUNTIME_ID}.chromiumapp.org/${path}`,
    async launchWebAuthFlow({ url }) {
      const start = new URL(url);
      expect(start.searchParams.get('redirect_uri')).toBe(EXTENSION_REDIRECT);
      const walked = await walk();
      if (!walked.final) throw new Error('Authorization page could not be loaded.');
      return walked.final.href;
    },
  };

  async function device() {
    fakeBrowser.reset();
    const store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
    await store.setServerUrl(server.url);
    const db = await openDatabase({ name: `oidc-device-${randomUUID()}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
    const sync = new SyncController({ store, jobs: async () => db.jobs, retryTime: 200 });
    const account = new AccountService({ store, sync });
    const deps = { account, identity, runtimeId: RUNTIME_ID, extensionOrigin: ORIGIN };
    return { store, db, sync, account, deps, close: async () => { await sync.stop(); await db.close(); } };
  }

  it('shows the button only when the server has a provider', async () => {
    const d = await device();
    try {
      expect(await handleOidcMessage({ type: 'auth:oidcProviders' }, popup, d.deps)).toEqual({ ok: true, oidc: { enabled: true, name: '127.0.0.1' } });
      await d.store.setServerUrl('http://127.0.0.1:9');
      expect(await handleOidcMessage({ type: 'auth:oidcProviders' }, popup, d.deps)).toEqual({ ok: true, oidc: { enabled: false } });
    } finally {
      await d.close();
    }
  });

  it('signs in: tokens in extension storage, none in any URL', async () => {
    const d = await device();
    try {
      const { email } = identity_();
      const reply = await handleOidcMessage({ type: 'auth:oidcSignIn' }, popup, d.deps);
      expect(reply).toMatchObject({ ok: true, account: { user: { email } } });
      const stored = await fakeBrowser.storage.local.get(STORAGE_KEYS.tokens);
      expect(stored[STORAGE_KEYS.tokens]).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), serverUrl: server.url });
    } finally {
      await d.close();
    }
  });

  it('keeps two accounts apart: asks before wiping another account\'s applications', async () => {
    const d = await device();
    try {
      const other = await createVerifiedAccount(server, { name: 'Previous', email: `previous-${Date.now()}@example.com`, password: PASSWORD });
      expect((await d.account.login({ email: other.user.email, password: PASSWORD })).ok).toBe(true);
      await upsertJobWith(d.db.jobs, `linkedin:${acmeCapture.siteJobId}`, (existing) => jobFromCapture(acmeCapture, new Date(), existing));
      await d.account.logout('keep');

      identity_();
      const refused = await handleOidcMessage({ type: 'auth:oidcSignIn' }, popup, d.deps);
      expect(refused).toMatchObject({ ok: false, error: { code: 'local-data-other-account', localData: { count: 1, ownerEmail: other.user.email } } });
      expect(await d.store.account()).toBeUndefined();

      const wiped = await handleOidcMessage({ type: 'auth:oidcSignIn', localData: 'wipe' }, popup, d.deps);
      expect(wiped).toMatchObject({ ok: true });
      expect(await d.db.jobs.count().exec()).toBe(0);
    } finally {
      await d.close();
    }
  });

  it('shows the provider\'s refusal, and refuses messages from web pages', async () => {
    const d = await device();
    try {
      identity_({ email_verified: false });
      const reply = await handleOidcMessage({ type: 'auth:oidcSignIn' }, popup, d.deps);
      expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('no verified email address') } });
      expect(await d.store.account()).toBeUndefined();

      const fromPage = await handleOidcMessage({ type: 'auth:oidcSignIn' }, { id: RUNTIME_ID, url: 'https://evil.example/' }, d.deps);
      expect(fromPage).toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    } finally {
      await d.close();
    }
  });
});
