import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { freePort } from '../chaos/server-process';
import { createVerifiedAccount, readLatestCode, type VerifiedSession } from '../helpers/accounts';
import { storedUserDatabases } from '../helpers/couch-mode';
import { storedOriginals } from '../helpers/stored-files';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { plainJobFields } from '../fixtures/jobs';

/**
 * Attacks that must be refused. Each test tries one, checks the answer, and
 * checks that nothing leaked or changed. The closing note's table follows
 * these tests one to one.
 */

let server: TestServer;
let counter = 0;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function email(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.com`;
}

async function call(target: TestServer, method: string, route: string, options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${target.url}${route}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let json: { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}
const api = (method: string, route: string, options: Parameters<typeof call>[3] = {}) => call(server, method, route, options);

async function account(label: string): Promise<VerifiedSession & { password: string }> {
  const session = await createVerifiedAccount(server, { name: label, email: email(label), password: PASSWORD });
  return { ...session, password: PASSWORD };
}

const dbPath = (session: VerifiedSession) => new URL(session.syncUrl).pathname;

async function putJob(session: VerifiedSession, id: string) {
  const response = await api('POST', `${dbPath(session)}_bulk_docs`, {
    token: session.accessToken,
    body: {
      docs: [{ _id: id, ...plainJobFields({ title: 'Secret job', company: 'Secret Co' }) }],
    },
  });
  return response;
}

function signAccess(secret: string, claims: object, options: jwt.SignOptions = {}) {
  return jwt.sign({ typ: 'access', ...claims }, secret, { algorithm: 'HS256', expiresIn: 60, issuer: 'trackruit', audience: 'trackruit-sync', ...options });
}

describe("another user's data", () => {
  it('no route reaches it: profile, export, delete, /me and the other database through the sync gate', async () => {
    const alice = await account('alice');
    const mallory = await account('mallory');
    await api('PATCH', '/api/auth/profile', { token: alice.accessToken, body: { name: 'Alice', preferences: { theme: 'dark' } } });

    // Every per-user route acts on the token's user only; there is no id to swap.
    const me = await api('GET', '/api/auth/me', { token: mallory.accessToken });
    expect(me.json.user).toMatchObject({ id: mallory.user.id });
    const exported = await api('GET', '/api/account/export', { token: mallory.accessToken });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain(alice.user.id);
    expect(exported.text).not.toContain(alice.user.email);
    // Query and body parameters naming the other user are ignored or refused.
    const withQuery = await api('GET', `/api/account/export?userId=${alice.user.id}`, { token: mallory.accessToken });
    expect(withQuery.text).not.toContain(alice.user.email);
    const profile = await api('PATCH', '/api/auth/profile', { token: mallory.accessToken, body: { id: alice.user.id, name: 'Owned' } });
    expect(profile.status).toBe(400);
    expect(profile.json.error?.fields).toMatchObject({ id: 'is not an accepted field' });

    // Deleting with one's own token and the victim's password deletes nothing of the victim's.
    const deletion = await api('DELETE', '/api/account', { token: mallory.accessToken, body: { password: 'alice guessed password' } });
    expect(deletion.status).toBe(401);

    // The sync gate: Mallory's token on Alice's database.
    expect((await putJob(alice, 'job:alice')).status).toBe(201);
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', '_all_docs?include_docs=true', undefined],
      ['GET', '_changes?include_docs=true', undefined],
      ['POST', '_bulk_docs', { docs: [{ _id: 'job:planted', schemaVersion: 2 }] }],
      ['GET', 'job:alice', undefined],
    ] as const) {
      const response = await api(method, `${dbPath(alice)}${suffix}`, { token: mallory.accessToken, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${suffix}`).toBe(403);
      expect(response.text).not.toContain('Secret job');
    }
    const aliceMe = await api('GET', '/api/auth/me', { token: alice.accessToken });
    expect(aliceMe.json.user).toMatchObject({ name: 'Alice', preferences: { theme: 'dark' } });
    const aliceDocs = await api('GET', `${dbPath(alice)}_all_docs`, { token: alice.accessToken });
    expect((aliceDocs.json as { rows: { id: string }[] }).rows.map((row) => row.id)).toEqual(['job:alice']);
  });

  it('deletion removes the user, databases, files and tokens; the old access token stops at once, also on /db', async () => {
    const victim = await account('deleted');
    expect((await putJob(victim, 'job:1')).status).toBe(201);
    const filesDir = path.join(server.dataDir, 'files', victim.user.id);
    const uploaded = await fetch(`${server.url}/api/files/resumes/r1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${victim.accessToken}`, 'content-type': 'application/pdf' },
      body: '%PDF-1.7 test',
    });
    expect(uploaded.status).toBe(201);
    // Wherever the server keeps files (its disk, or CouchDB with COUCHDB_URL), the export lists them.
    expect((await storedOriginals(server, victim.user.id)).records).toEqual(['r1']);

    const exported = await api('GET', '/api/account/export', { token: victim.accessToken });
    expect(exported.json).toMatchObject({ user: { id: victim.user.id }, files: expect.arrayContaining([expect.objectContaining({ size: 13 })]) });
    expect((exported.json as { jobs: { _id: string }[] }).jobs.map((job) => job._id)).toEqual(['job:1']);

    const missingPassword = await api('DELETE', '/api/account', { token: victim.accessToken, body: {} });
    expect(missingPassword.status).toBe(400);
    const deleted = await api('DELETE', '/api/account', { token: victim.accessToken, body: { password: PASSWORD } });
    expect(deleted.status).toBe(204);

    expect((await api('GET', '/api/auth/me', { token: victim.accessToken })).status).toBe(401);
    expect((await api('GET', dbPath(victim), { token: victim.accessToken })).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: victim.refreshToken } })).status).toBe(401);
    expect((await api('POST', '/api/auth/login', { body: { email: victim.user.email, password: PASSWORD } })).status).toBe(401);
    await expect(fs.access(filesDir)).rejects.toThrow();
    expect(await storedOriginals(server, victim.user.id)).toEqual({ records: [], blobs: [] });
    expect(await storedUserDatabases(server)).not.toContain(dbPath(victim).split('/')[2]!);
  });
});

describe('tokens', () => {
  it("refuses forged, expired, alg none, wrong-issuer, wrong-audience and other users' re-signed tokens", async () => {
    const user = await account('tokens');
    const secret = server.config.jwtAccessSecret;
    const [header, payload] = user.accessToken.split('.');
    const claims = jwt.decode(user.accessToken) as jwt.JwtPayload;
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const attacks: Record<string, string> = {
      'forged signature': `${header}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`,
      'wrong secret': signAccess('another-secret-of-sufficient-length-0123456789', {}, { subject: user.user.id }),
      'refresh secret': signAccess(server.config.jwtRefreshSecret, {}, { subject: user.user.id }),
      expired: jwt.sign({ typ: 'access', exp: Math.floor(Date.now() / 1000) - 5 }, secret, { algorithm: 'HS256', issuer: 'trackruit', audience: 'trackruit-sync', subject: user.user.id }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'alg HS512': jwt.sign({ typ: 'access' }, secret, { algorithm: 'HS512', expiresIn: 60, issuer: 'trackruit', audience: 'trackruit-sync', subject: user.user.id }),
      'wrong issuer': signAccess(secret, {}, { subject: user.user.id, issuer: 'evil' }),
      'wrong audience': signAccess(secret, {}, { subject: user.user.id, audience: 'trackruit-refresh' }),
      'no audience': jwt.sign({ typ: 'access' }, secret, { algorithm: 'HS256', expiresIn: 60, issuer: 'trackruit', subject: user.user.id }),
      'refresh token as access': user.refreshToken,
      'payload swapped to another user': `${header}.${b64({ ...claims, sub: 'someone-else' })}.${user.accessToken.split('.')[2]}`,
    };
    for (const [name, token] of Object.entries(attacks)) {
      for (const route of ['/api/auth/me', '/api/account/export', dbPath(user)]) {
        const response = await api('GET', route, { token });
        expect(response.status, `${name} on ${route}`).toBe(401);
        expect(response.text).not.toContain(user.user.email);
      }
    }
    expect((await api('GET', '/api/auth/me', { token: user.accessToken })).status).toBe(200);
  });

  it('refresh-token reuse revokes the family: the replayed token and the newer one both stop working', async () => {
    const user = await account('reuse');
    const first = await api('POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(first.status).toBe(200);
    const newer = first.json.refreshToken as string;
    const replay = await api('POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.json.error?.code).toBe('invalid_token');
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: newer } })).status).toBe(401);
  });

  it('logout revokes the family; change-password and sign-out-everywhere end other sessions, on /db too', async () => {
    const user = await account('sessions');
    const second = (await api('POST', '/api/auth/login', { body: { email: user.user.email, password: PASSWORD } })).json as unknown as VerifiedSession;

    expect((await api('POST', '/api/auth/logout', { body: { refreshToken: second.refreshToken } })).status).toBe(204);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);

    const wrongCurrent = await api('POST', '/api/auth/change-password', { token: user.accessToken, body: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' } });
    expect(wrongCurrent.status).toBe(401);
    const changed = await api('POST', '/api/auth/change-password', { token: user.accessToken, body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(changed.status).toBe(200);
    const fresh = changed.json as { accessToken: string; refreshToken: string };
    // Tokens from before the change are refused at once, everywhere.
    expect((await api('GET', '/api/auth/me', { token: user.accessToken })).status).toBe(401);
    expect((await api('GET', dbPath(user), { token: user.accessToken })).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);
    expect((await api('GET', '/api/auth/me', { token: fresh.accessToken })).status).toBe(200);

    expect((await api('POST', '/api/auth/logout-all', { token: fresh.accessToken })).status).toBe(204);
    expect((await api('GET', '/api/auth/me', { token: fresh.accessToken })).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: fresh.refreshToken } })).status).toBe(401);
  });

  it('a password reset ends every session', async () => {
    const user = await account('reset');
    const startedAt = Date.now();
    expect((await api('POST', '/api/auth/forgot-password', { body: { email: user.user.email } })).status).toBe(202);
    const code = await readLatestCode(server.dataDir, user.user.email, { notBefore: startedAt });
    const weak = await api('POST', '/api/auth/reset-password', { body: { email: user.user.email, code, password: 'password123' } });
    expect(weak.status).toBe(400);
    expect(weak.json.error?.fields?.password).toMatch(/most common passwords/);
    const reset = await api('POST', '/api/auth/reset-password', { body: { email: user.user.email, code, password: 'a reset passphrase here' } });
    expect(reset.status).toBe(200);
    expect((await api('GET', '/api/auth/me', { token: user.accessToken })).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);
    // The code is used up.
    expect((await api('POST', '/api/auth/reset-password', { body: { email: user.user.email, code, password: 'yet another passphrase' } })).status).toBe(400);
    expect((await api('POST', '/api/auth/login', { body: { email: user.user.email, password: 'a reset passphrase here' } })).status).toBe(200);
  });
});

describe('password guessing', () => {
  it('is stopped with 429 and Retry-After after 5 failures, and the back-off grows', async () => {
    const tight = await startTestServer({
      rateLimits: { ...DEFAULT_RATE_LIMITS, failureSteps: [{ failures: 5, windowSeconds: 2 }, { failures: 8, windowSeconds: 60 }] },
    });
    try {
      const victim = await createVerifiedAccount(tight, { name: 'Victim', email: email('victim'), password: PASSWORD });
      const guess = (password: string) => call(tight, 'POST', '/api/auth/login', { body: { email: victim.user.email, password } });
      for (let i = 0; i < 5; i += 1) expect((await guess(`guess number ${i}`)).status).toBe(401);
      const blocked = await guess(PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.json.error?.code).toBe('rate_limited');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.text).not.toContain('accessToken');
      // Another spelling of the same address counts against the same account.
      expect((await call(tight, 'POST', '/api/auth/login', { body: { email: `  ${victim.user.email.toUpperCase()}`, password: 'x' } })).status).toBe(429);

      // First step over: three more failures reach the second step (8), which locks for a minute.
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      for (let i = 0; i < 3; i += 1) expect((await guess(`second round ${i}`)).status).toBe(401);
      const longer = await guess('third round');
      expect(longer.status).toBe(429);
      expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(30);
      // A wrong code also counts, and the account's other routes answer 429 too.
      expect((await call(tight, 'POST', '/api/auth/verify-otp', { body: { email: victim.user.email, code: '000000', password: 'x' } })).status).toBe(429);

      // The guesser cannot also lock the owner out of recovery: a reset with the mailed code still works.
      const askedAt = Date.now();
      expect((await call(tight, 'POST', '/api/auth/forgot-password', { body: { email: victim.user.email } })).status).toBe(202);
      const code = await readLatestCode(tight.dataDir, victim.user.email, { notBefore: askedAt });
      const reset = await call(tight, 'POST', '/api/auth/reset-password', { body: { email: victim.user.email, code, password: 'the owner is back 2026' } });
      expect(reset.status).toBe(200);
    } finally {
      await tight.stop();
    }
  });

  it('two instances sharing REDIS_URL share the limit', async () => {
    const port = await freePort();
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
    const servers: TestServer[] = [];
    try {
      const redisUrl = `redis://127.0.0.1:${port}`;
      const settings = { redisUrl, rateLimits: { ...DEFAULT_RATE_LIMITS, failureSteps: [{ failures: 4, windowSeconds: 60 }] } };
      // redis-server takes a moment to listen.
      for (let attempt = 0; ; attempt += 1) {
        try {
          servers.push(await startTestServer(settings));
          break;
        } catch (error) {
          if (attempt > 40) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      servers.push(await startTestServer(settings));
      const target = `shared-${Date.now()}@example.com`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const response = await call(servers[i % 2]!, 'POST', '/api/auth/login', { body: { email: target, password: `guess ${i}` } });
        statuses.push(response.status);
      }
      // Four failures in total across both instances, then both refuse.
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      for (const running of servers) await running.stop();
      redis.kill('SIGTERM');
    }
  });
});

describe('account enumeration', () => {
  it('register, login, forgot-password and resend-otp answer an existing and an unknown email identically', async () => {
    const existing = await account('existing');
    const known = existing.user.email;
    const unknown = email('unknown');
    const same = async (route: string, body: (address: string) => object) => {
      const a = await api('POST', route, { body: body(known) });
      const b = await api('POST', route, { body: body(unknown) });
      expect(a.status, route).toBe(b.status);
      expect(a.text.replace(known, 'EMAIL'), route).toBe(b.text.replace(unknown, 'EMAIL'));
      return a.status;
    };
    expect(await same('/api/auth/register', (address) => ({ name: 'Someone', email: address, password: 'a fresh passphrase 1' }))).toBe(202);
    expect(await same('/api/auth/login', (address) => ({ email: address, password: 'wrong passphrase 1' }))).toBe(401);
    expect(await same('/api/auth/forgot-password', (address) => ({ email: address }))).toBe(202);
    expect(await same('/api/auth/resend-otp', (address) => ({ email: address }))).toBe(202);
    expect(await same('/api/auth/verify-otp', (address) => ({ email: address, code: '123456' }))).toBe(400);
    // The owner keeps their password; the registration attempt only told them by mail.
    expect((await api('POST', '/api/auth/login', { body: { email: known, password: PASSWORD } })).status).toBe(200);
  });
});

describe('bodies', () => {
  it('refuses oversized, malformed, non-object and non-JSON bodies with JSON errors', async () => {
    const big = await api('POST', '/api/auth/login', { raw: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(server.config.bodyLimitBytes) }) });
    expect(big.status).toBe(413);
    expect(big.json.error?.code).toBe('payload_too_large');
    expect((await api('POST', '/api/auth/login', { raw: '{"email":' })).json.error?.code).toBe('malformed_json');
    expect((await api('POST', '/api/auth/login', { raw: '"just a string"' })).status).toBe(400);
    expect((await api('POST', '/api/auth/login', { raw: 'email=a', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const deep = await api('POST', '/api/auth/login', { raw: `${'{"a":'.repeat(200)}1${'}'.repeat(200)}` });
    expect(deep.status).toBe(400);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and nothing is polluted', async () => {
    const user = await account('pollution');
    const payloads = [
      '{"__proto__":{"role":"admin"},"email":"x@example.com","password":"a fine passphrase","name":"x"}',
      '{"constructor":{"prototype":{"role":"admin"}},"email":"x@example.com","password":"a fine passphrase","name":"x"}',
      '{"name":"x","preferences":{"__proto__":{"isAdmin":true}}}',
      '{"name":"x","preferences":{"nested":[{"prototype":1}]}}',
    ];
    for (const [index, raw] of payloads.entries()) {
      const route = index < 2 ? '/api/auth/register' : '/api/auth/profile';
      const response = await api(index < 2 ? 'POST' : 'PATCH', route, { raw, token: user.accessToken });
      expect(response.status, raw).toBe(400);
      expect(response.json.error?.code).toBe('forbidden_key');
    }
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect((await api('GET', '/api/auth/me', { token: user.accessToken })).json.user).toMatchObject({ role: 'user', name: 'pollution', preferences: {} });
  });

  it('never lets the owner set role, through register or profile; profile fields are checked', async () => {
    const address = email('role');
    const viaRegister = await api('POST', '/api/auth/register', { body: { name: 'R', email: address, password: PASSWORD, role: 'admin' } });
    expect(viaRegister.status).toBe(400);
    expect(viaRegister.json.error?.fields).toEqual({ role: 'cannot be set by the account owner' });

    const user = await account('role');
    const viaProfile = await api('PATCH', '/api/auth/profile', { token: user.accessToken, body: { name: 'R', role: 'admin', emailVerified: false } });
    expect(viaProfile.status).toBe(400);
    expect(viaProfile.json.error?.fields).toEqual({ role: 'cannot be set by the account owner', emailVerified: 'is not an accepted field' });
    const badProfile = await api('PATCH', '/api/auth/profile', {
      token: user.accessToken,
      body: { avatarUrl: 'javascript:alert(1)', preferences: { 'bad key!': 1, ok: { nested: true } } },
    });
    expect(badProfile.status).toBe(400);
    expect(Object.keys(badProfile.json.error?.fields ?? {}).sort()).toEqual(['avatarUrl', 'preferences.bad key!', 'preferences.ok']);
    expect((await api('PATCH', '/api/auth/profile', { token: user.accessToken, body: { avatarUrl: 'http://example.com/a.png' } })).status).toBe(400);
    const good = await api('PATCH', '/api/auth/profile', { token: user.accessToken, body: { avatarUrl: 'https://example.com/a.png', preferences: { theme: 'dark' } } });
    expect(good.status).toBe(200);
    expect(good.json.user).toMatchObject({ role: 'user', avatarUrl: 'https://example.com/a.png', preferences: { theme: 'dark' } });
  });
});

describe('headers', () => {
  it('sends helmet security headers and keeps CORS to extension and configured origins', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
