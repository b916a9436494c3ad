import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenService } from '../../server/auth/tokens';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { createVerifiedAccount, readLatestCode, readOutbox, type VerifiedSession } from '../helpers/accounts';
import { CookieJar, startTestProvider, type TestProvider } from '../helpers/oidc-test-provider';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Gaps closed after the accounts server was built: a re-registration of an
 * unverified address cannot make its owner verify someone else's password;
 * accounts without a password (OpenID Connect) can set one and be deleted
 * after a recent sign-in; forgot-password and resend-otp cost the same for
 * known and unknown addresses; /api/files is rate limited per user.
 */

const PASSWORD = 'correct horse battery staple';
const ATTACKER_PASSWORD = 'the attacker knows this one';
const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oidc';

let server: TestServer;
let provider: TestProvider;
let counter = 0;

beforeAll(async () => {
  // The provider's refusal logs are expected noise here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  let callback = '';
  provider = await startTestProvider(() => [callback]);
  server = await startTestServer({
    oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: null, scopes: 'openid email profile' },
    // Room for the timing samples below; the limits themselves are tested elsewhere.
    rateLimits: { ...DEFAULT_RATE_LIMITS, ipPerWindow: 10_000, accountPerWindow: 1_000, mailPerWindow: 1_000 },
  });
  callback = `${server.url}/api/auth/google/callback`;
});

afterAll(async () => {
  await server?.stop();
  await provider?.stop();
  vi.restoreAllMocks();
});

function email(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.com`;
}

type Json = { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown>;

async function call(target: TestServer, method: string, route: string, options: { body?: unknown; token?: string; bytes?: Uint8Array; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.type) headers['content-type'] = options.type;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${target.url}${route}`, {
    method,
    headers,
    body: options.bytes ? new Uint8Array(options.bytes) : options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // not JSON (a file)
  }
  return { status: response.status, headers: response.headers, text, json };
}
const api = (method: string, route: string, options: Parameters<typeof call>[3] = {}) => call(server, method, route, options);

describe('re-registration of an unverified address', () => {
  it('cannot make the owner verify an account that has the other registrant\'s password', async () => {
    const address = email('owner');
    const ownerRegistration = await api('POST', '/api/auth/register', { body: { email: address, password: PASSWORD, name: 'Owner' } });
    expect(ownerRegistration.status).toBe(202);
    const ownerCode = await readLatestCode(server.dataDir, address);

    // Someone else registers the same address just before the owner types their code.
    const sentAt = Date.now();
    const attackerRegistration = await api('POST', '/api/auth/register', { body: { email: address, password: ATTACKER_PASSWORD, name: 'Mallory' } });
    // Same answer as for a fresh address and an existing one: nothing to learn from it.
    const fresh = await api('POST', '/api/auth/register', { body: { email: email('fresh'), password: PASSWORD, name: 'Fresh' } });
    for (const answer of [attackerRegistration, fresh]) {
      expect(answer.status).toBe(ownerRegistration.status);
      expect({ ...answer.json, email: '' }).toEqual({ ...ownerRegistration.json, email: '' });
    }

    // The owner's code belonged to the owner's registration, which the new one replaced: refused.
    const ownerVerify = await api('POST', '/api/auth/verify-otp', { body: { email: address, code: ownerCode, password: PASSWORD } });
    expect(ownerVerify.status).toBe(400);
    expect(ownerVerify.json.error?.code).toBe('invalid_code');
    expect(ownerVerify.json.accessToken).toBeUndefined();

    // The newest code in the mailbox belongs to the attacker's registration. A client that sends
    // the password it just registered (optional field) has it refused instead of activating theirs.
    const attackerCode = await readLatestCode(server.dataDir, address, { notBefore: sentAt });
    expect(attackerCode).not.toBe(ownerCode);
    const withOwnerPassword = await api('POST', '/api/auth/verify-otp', { body: { email: address, code: attackerCode, password: PASSWORD } });
    expect(withOwnerPassword.status).toBe(400);
    expect(withOwnerPassword.json.error?.code).toBe('invalid_code');
    expect(withOwnerPassword.json.accessToken).toBeUndefined();

    // Nothing is verified: neither password signs in.
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: ATTACKER_PASSWORD } })).json.error?.code).toBe('email_not_verified');
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: PASSWORD } })).status).toBe(401);

    // The owner registers again and verifies: their own password, and only it, works.
    const again = Date.now();
    expect((await api('POST', '/api/auth/register', { body: { email: address, password: PASSWORD, name: 'Owner' } })).status).toBe(202);
    const ownerCode2 = await readLatestCode(server.dataDir, address, { notBefore: again });
    const verified = await api('POST', '/api/auth/verify-otp', { body: { email: address, code: ownerCode2, password: PASSWORD } });
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({ email: address, name: 'Owner', emailVerified: true, hasPassword: true });
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: PASSWORD } })).status).toBe(200);
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: ATTACKER_PASSWORD } })).status).toBe(401);
    // The attacker's code is dead too.
    expect((await api('POST', '/api/auth/verify-otp', { body: { email: address, code: attackerCode, password: ATTACKER_PASSWORD } })).status).toBe(400);
  });

  it('activates exactly the password registered with the code', async () => {
    const address = email('two-registrations');
    await api('POST', '/api/auth/register', { body: { email: address, password: ATTACKER_PASSWORD, name: 'First' } });
    await readLatestCode(server.dataDir, address);
    const second = Date.now();
    await api('POST', '/api/auth/register', { body: { email: address, password: PASSWORD, name: 'Second' } });
    const code = await readLatestCode(server.dataDir, address, { notBefore: second });
    const verified = await api('POST', '/api/auth/verify-otp', { body: { email: address, code, password: PASSWORD } });
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({ name: 'Second' });
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: PASSWORD } })).status).toBe(200);
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: ATTACKER_PASSWORD } })).status).toBe(401);
  });
});

/** The browser's part of an OpenID Connect sign-in; returns the session the one-time login code exchanges for. */
async function oidcSignIn(address: string): Promise<VerifiedSession> {
  const subject = `subject-${randomUUID()}`;
  provider.accounts.set(subject, { email: address, email_verified: true, name: 'Grace' });
  provider.nextAccount = subject;
  const jar = new CookieJar();
  let url = new URL(`${server.url}/api/auth/google?redirect_uri=${encodeURIComponent(EXTENSION_REDIRECT)}`);
  for (let hop = 0; hop < 20 && !url.href.startsWith(EXTENSION_REDIRECT); hop += 1) {
    const toProvider = url.origin === provider.issuer;
    const response = await fetch(url, { redirect: 'manual', headers: toProvider ? { cookie: jar.header() } : {} });
    if (toProvider) jar.store(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url);
  }
  const code = new URLSearchParams(url.hash.slice(1)).get('code');
  const exchanged = await api('POST', '/api/auth/google/exchange', { body: { code } });
  expect(exchanged.status).toBe(200);
  return exchanged.json as unknown as VerifiedSession;
}

describe('an account without a password (OpenID Connect)', () => {
  it('sets a first password after a recent sign-in, without a current password', async () => {
    const address = email('oidc-set');
    const session = await oidcSignIn(address);
    expect((await api('GET', '/api/auth/me', { token: session.accessToken })).json.user).toMatchObject({ email: address, hasPassword: false });

    // A token whose sign-in is older than 5 minutes (signed with the server's own secret) is not enough.
    const tokens = createTokenService(server.config);
    const stale = tokens.signAccessToken(session.user.id, Date.now() - 10 * 60_000);
    const refused = await api('POST', '/api/auth/change-password', { token: stale, body: { newPassword: 'a brand new passphrase' } });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('recent_sign_in_required');
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: 'a brand new passphrase' } })).status).toBe(401);

    const set = await api('POST', '/api/auth/change-password', { token: session.accessToken, body: { newPassword: 'a brand new passphrase' } });
    expect(set.status).toBe(200);
    const pair = set.json as { accessToken: string; refreshToken: string };
    expect((await api('GET', '/api/auth/me', { token: pair.accessToken })).json.user).toMatchObject({ hasPassword: true });
    expect((await api('POST', '/api/auth/login', { body: { email: address, password: 'a brand new passphrase' } })).status).toBe(200);
    // The other sessions ended, as with any password change.
    expect((await api('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);

    // From now on it is a change: the current password is required.
    const noCurrent = await api('POST', '/api/auth/change-password', { token: pair.accessToken, body: { newPassword: 'yet another passphrase 2' } });
    expect(noCurrent.status).toBe(400);
    expect(noCurrent.json.error?.fields).toEqual({ currentPassword: 'is required' });
  });

  it('is deleted after a recent sign-in only; a refresh does not make a sign-in recent', async () => {
    const address = email('oidc-delete');
    const session = await oidcSignIn(address);

    // Refreshing gives new tokens that keep the sign-in's time.
    const refreshed = await api('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
    const first = jwt.decode(session.accessToken) as { auth_time_ms: number };
    const next = jwt.decode((refreshed.json as { accessToken: string }).accessToken) as { auth_time_ms: number; iat_ms: number };
    expect(next.auth_time_ms).toBe(first.auth_time_ms);
    expect(next.iat_ms).toBeGreaterThanOrEqual(first.auth_time_ms);

    const stale = createTokenService(server.config).signAccessToken(session.user.id, Date.now() - 6 * 60_000);
    const refused = await api('DELETE', '/api/account', { token: stale, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('recent_sign_in_required');
    expect((await api('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);

    const deleted = await api('DELETE', '/api/account', { token: (refreshed.json as { accessToken: string }).accessToken });
    expect(deleted.status).toBe(204);
    expect((await api('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
  });

  it('a password account still needs its password to be deleted, however recent the sign-in', async () => {
    const session = await createVerifiedAccount(server, { name: 'Pat', email: email('pat'), password: PASSWORD });
    const missing = await api('DELETE', '/api/account', { token: session.accessToken, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.fields).toEqual({ password: 'is required' });
    expect((await api('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(200);
  });
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('forgot-password and resend-otp cost the same for known and unknown addresses', () => {
  it.each([
    ['/api/auth/forgot-password', true],
    ['/api/auth/resend-otp', false],
  ] as const)('%s', async (route, verified) => {
    const known = email('known');
    if (verified) await createVerifiedAccount(server, { name: 'Known', email: known, password: PASSWORD });
    else await api('POST', '/api/auth/register', { body: { email: known, password: PASSWORD, name: 'Known' } });
    await readLatestCode(server.dataDir, known);
    const before = Date.now();

    const timings = { known: [] as number[], unknown: [] as number[] };
    const answers = new Set<string>();
    // Warm-up, then interleaved so load from the other engineers hits both sides alike.
    for (let i = -2; i < 20; i += 1) {
      for (const side of ['known', 'unknown'] as const) {
        const address = side === 'known' ? known : email('nobody');
        const started = performance.now();
        const answer = await api('POST', route, { body: { email: address } });
        const took = performance.now() - started;
        expect(answer.status).toBe(202);
        answers.add(JSON.stringify({ ...answer.json, email: '' }));
        if (i >= 0) timings[side].push(took);
      }
    }
    expect(answers.size).toBe(1);
    const knownMedian = median(timings.known);
    const unknownMedian = median(timings.unknown);
    console.info(`${route}: median ${knownMedian.toFixed(2)} ms known, ${unknownMedian.toFixed(2)} ms unknown (20 each)`);
    // Generous: the work before the answer is identical; this only catches a gross regression.
    expect(Math.max(knownMedian, unknownMedian) / Math.min(knownMedian, unknownMedian)).toBeLessThan(2);

    // The work still happens after the answer: a known account gets its reset code (once: cool-down),
    // an unverified one keeps its registration code (sent less than the cool-down ago); nobody else gets mail.
    if (verified) await readLatestCode(server.dataDir, known, { notBefore: before });
    const after = (await readOutbox(server.dataDir)).filter((mail) => mail.writtenAt >= before);
    expect(after.every((mail) => mail.to.includes(known))).toBe(true);
  });
});

describe('/api/files rate limits', () => {
  let files: TestServer;
  beforeAll(async () => {
    files = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, filesPerWindow: 5, fileWritesPerWindow: 2 } });
  });
  afterAll(async () => {
    await files?.stop();
  });

  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  it('count per user, answer 429 with when to retry, and keep writes to a smaller budget', async () => {
    const alice = await createVerifiedAccount(files, { name: 'Alice', email: email('alice'), password: PASSWORD });
    const bob = await createVerifiedAccount(files, { name: 'Bob', email: email('bob'), password: PASSWORD });
    const filesApi = (method: string, route: string, options: Parameters<typeof call>[3] = {}) => call(files, method, route, options);

    expect((await filesApi('PUT', '/api/files/resumes/r1', { token: alice.accessToken, bytes: pdf, type: 'application/pdf' })).status).toBe(201);
    expect((await filesApi('PUT', '/api/files/resumes/r2', { token: alice.accessToken, bytes: pdf, type: 'application/pdf' })).status).toBe(201);
    const thirdWrite = await filesApi('PUT', '/api/files/resumes/r3', { token: alice.accessToken, bytes: pdf, type: 'application/pdf' });
    expect(thirdWrite.status).toBe(429);
    expect(thirdWrite.json.error?.code).toBe('rate_limited');
    expect(thirdWrite.json.error?.message).toMatch(/Try again in \d+ (second|seconds)/);
    expect(thirdWrite.headers.get('ratelimit')).toMatch(/remaining=0/);
    expect((await filesApi('DELETE', '/api/files/resumes/r1', { token: alice.accessToken })).status).toBe(429);

    // Reads have the larger budget: 5 requests in all, the writes (refused ones too) included.
    const list = await filesApi('GET', '/api/files/resumes', { token: alice.accessToken });
    expect(list.status).toBe(200);
    expect((list.json as { files: { resumeId: string }[] }).files.map((file) => file.resumeId).sort()).toEqual(['r1', 'r2']);
    const download = await filesApi('GET', '/api/files/resumes/r1', { token: alice.accessToken });
    expect(download.status).toBe(429);
    expect(download.json.error?.code).toBe('rate_limited');

    // Another user is not affected, and a request without a token is refused before it counts for anyone.
    expect((await filesApi('GET', '/api/files/resumes', { token: bob.accessToken })).status).toBe(200);
    expect((await filesApi('PUT', '/api/files/resumes/b1', { token: bob.accessToken, bytes: pdf, type: 'application/pdf' })).status).toBe(201);
    expect((await filesApi('GET', '/api/files/resumes')).status).toBe(401);
  });
});
