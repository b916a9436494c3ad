import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

interface Session {
  user: { id: string; email: string; name: string; createdAt: string; role: string; emailVerified: boolean; avatarUrl: string | null; preferences: Record<string, unknown> };
  accessToken: string;
  refreshToken: string;
  syncUrl: string;
}

const PASSWORD = 'correct horse battery staple';

function uniqueEmail(): string {
  counter += 1;
  return `user${counter}-${Date.now()}@example.com`;
}

async function request(method: string, path: string, options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json: json as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } }, text };
}

async function register(email = uniqueEmail(), name = 'Test User'): Promise<Session> {
  return (await createVerifiedAccount(server, { email, password: PASSWORD, name })) as unknown as Session;
}

function expectErrorShape(json: unknown, code: string) {
  expect(json).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('health', () => {
  it('reports status, version and uptime', async () => {
    const response = await request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', version: '0.1.0', uptimeSeconds: expect.any(Number) });
  });
});

describe('register', () => {
  it('asks for the emailed code, then verify-otp creates the session and the user database behind syncUrl', async () => {
    const email = uniqueEmail();
    const registered = await request('POST', '/api/auth/register', { body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: '  Ada  ' } });
    expect(registered.status).toBe(202);
    expect(registered.json).toMatchObject({ verificationRequired: true, email });
    expect(registered.json).not.toHaveProperty('accessToken');
    // Not verified yet: the right password gets a 403, not a session.
    const early = await request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    expect(early.status).toBe(403);
    expectErrorShape(early.json, 'email_not_verified');

    const code = await readLatestCode(server.dataDir, email);
    const response = await request('POST', '/api/auth/verify-otp', { body: { email, code, password: PASSWORD } });
    expect(response.status).toBe(200);
    const session = response.json as unknown as Session;
    expect(session.user).toEqual({
      id: expect.any(String), email, name: 'Ada', createdAt: expect.any(String), role: 'user', emailVerified: true, avatarUrl: null, preferences: {}, hasPassword: true,
    });
    expect(Object.keys(response.json).sort()).toEqual(['accessToken', 'refreshToken', 'syncUrl', 'user']);
    expect(JSON.stringify(response.json)).not.toContain('argon2');
    const hex = Buffer.from(session.user.id, 'utf8').toString('hex');
    expect(session.syncUrl).toBe(`${server.url}/db/userdb-${hex}/`);

    const claims = jwt.verify(session.accessToken, server.config.jwtAccessSecret) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: session.user.id, typ: 'access', iss: 'trackruit', aud: 'trackruit-sync' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    const refreshClaims = jwt.verify(session.refreshToken, server.config.jwtRefreshSecret) as jwt.JwtPayload;
    expect(refreshClaims).toMatchObject({ sub: session.user.id, typ: 'refresh', jti: expect.any(String), family: expect.any(String) });
    expect((refreshClaims.exp ?? 0) - (refreshClaims.iat ?? 0)).toBe(7 * 24 * 3600);

    const info = await fetch(session.syncUrl, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ db_name: `userdb-${hex}`, doc_count: 0 });
  });

  it('answers a taken email, whatever its case, exactly like a new one, and leaves the account alone', async () => {
    const email = uniqueEmail();
    const session = await register(email);
    const response = await request('POST', '/api/auth/register', { body: { email: email.toUpperCase(), password: 'another password', name: 'Other' } });
    const fresh = uniqueEmail();
    const newOne = await request('POST', '/api/auth/register', { body: { email: fresh, password: 'another password', name: 'Other' } });
    expect(response.status).toBe(202);
    expect(newOne.status).toBe(202);
    expect(response.text.replace(email, 'EMAIL')).toBe(newOne.text.replace(fresh, 'EMAIL'));
    expect((await request('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
    expect((await request('GET', '/api/auth/me', { token: session.accessToken })).json.user).toMatchObject({ name: 'Test User' });
  });

  it('names every invalid field', async () => {
    const response = await request('POST', '/api/auth/register', { body: { email: 'not-an-email', password: 'short', name: '   ' } });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'validation_failed');
    expect(response.json.error?.fields).toEqual({
      email: 'must be a valid email address',
      password: 'must be at least 10 characters',
      name: 'must not be empty',
    });
  });

  it('reports missing fields, wrong types and length limits', async () => {
    const missing = await request('POST', '/api/auth/register', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.fields).toEqual({ email: 'is required', password: 'is required', name: 'is required' });

    const wrongTypes = await request('POST', '/api/auth/register', { body: { email: 5, password: ['x'], name: 'ok' } });
    expect(wrongTypes.json.error?.fields).toEqual({ email: 'must be a string', password: 'must be a string' });

    const tooLong = await request('POST', '/api/auth/register', {
      body: { email: `${'a'.repeat(250)}@example.com`, password: 'p'.repeat(257), name: 'n'.repeat(101) },
    });
    expect(tooLong.json.error?.fields).toEqual({
      email: 'must be at most 254 characters',
      password: 'must be at most 256 characters',
      name: 'must be at most 100 characters',
    });
  });

  it('refuses a body that is not a JSON object', async () => {
    const response = await request('POST', '/api/auth/register', { body: ['a'] });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'validation_failed');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const response = await request('POST', '/api/auth/register', { raw: 'email=a@b.c', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expectErrorShape(response.json, 'unsupported_media_type');
  });
});

describe('login', () => {
  it('returns the same shape as verify-otp for the same user', async () => {
    const email = uniqueEmail();
    const registered = await register(email, 'Grace');
    const response = await request('POST', '/api/auth/login', { body: { email: ` ${email.toUpperCase()}`, password: PASSWORD } });
    expect(response.status).toBe(200);
    const session = response.json as unknown as Session;
    expect(session.user).toEqual(registered.user);
    expect(session.syncUrl).toBe(registered.syncUrl);
    expect(session.accessToken).toEqual(expect.any(String));
    expect(session.refreshToken).not.toBe(registered.refreshToken);
  });

  it('answers a wrong password and an unknown email identically, taking similar time', async () => {
    const email = uniqueEmail();
    await register(email);
    const timed = async (body: unknown) => {
      const start = performance.now();
      const response = await request('POST', '/api/auth/login', { body });
      return { response, ms: performance.now() - start };
    };
    const samples = { wrong: [] as number[], unknown: [] as number[], noHash: [] as number[] };
    let wrongBody = '';
    let unknownBody = '';
    for (let i = 0; i < 5; i += 1) {
      const wrong = await timed({ email, password: 'wrong password!' });
      const unknown = await timed({ email: `nobody-${i}-${Date.now()}@example.com`, password: 'wrong password!' });
      // Same route, refused before any hashing: the cost of the request itself.
      const noHash = await timed({ email: 'not-an-email', password: 'wrong password!' });
      expect(wrong.response.status).toBe(401);
      expect(unknown.response.status).toBe(401);
      expect(noHash.response.status).toBe(400);
      wrongBody = wrong.response.text;
      unknownBody = unknown.response.text;
      samples.wrong.push(wrong.ms);
      samples.unknown.push(unknown.ms);
      samples.noHash.push(noHash.ms);
    }
    expect(wrongBody).toBe(unknownBody);
    expectErrorShape(JSON.parse(wrongBody), 'invalid_credentials');
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2] ?? 0;
    const base = median(samples.noHash);
    // An unknown email must pay for a hash too (the dummy one), not answer at request cost.
    expect(median(samples.unknown) - base).toBeGreaterThan((median(samples.wrong) - base) * 0.5);
  });

  it('validates the body', async () => {
    const response = await request('POST', '/api/auth/login', { body: { email: 'nope' } });
    expect(response.status).toBe(400);
    expect(response.json.error?.fields).toEqual({ email: 'must be a valid email address', password: 'is required' });
  });
});

describe('refresh', () => {
  it('rotates: the new pair works and the old refresh token is refused', async () => {
    const session = await register();
    const first = await request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(['accessToken', 'refreshToken']);
    const rotated = first.json as { accessToken: string; refreshToken: string };
    expect(rotated.refreshToken).not.toBe(session.refreshToken);

    const me = await request('GET', '/api/auth/me', { token: rotated.accessToken });
    expect(me.status).toBe(200);

    const again = await request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(again.status).toBe(401);
    expectErrorShape(again.json, 'invalid_token');
  });

  it('revokes the whole family when a used token is presented again, and only that family', async () => {
    const email = uniqueEmail();
    const session = await register(email);
    const otherLogin = await request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    const otherRefresh = (otherLogin.json as unknown as Session).refreshToken;

    const r2 = (await request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).json.refreshToken as string;
    const r3 = (await request('POST', '/api/auth/refresh', { body: { refreshToken: r2 } })).json.refreshToken as string;
    expect(r3).toEqual(expect.any(String));

    // A thief replays r2: refused, and the legitimate holder's r3 dies with it.
    expect((await request('POST', '/api/auth/refresh', { body: { refreshToken: r2 } })).status).toBe(401);
    const afterReuse = await request('POST', '/api/auth/refresh', { body: { refreshToken: r3 } });
    expect(afterReuse.status).toBe(401);
    expectErrorShape(afterReuse.json, 'invalid_token');

    // The session from the separate login is another family and keeps working.
    expect((await request('POST', '/api/auth/refresh', { body: { refreshToken: otherRefresh } })).status).toBe(200);
  });

  it('refuses access tokens, tampered, expired and garbage refresh tokens', async () => {
    const session = await register();
    const decoded = jwt.decode(session.refreshToken) as jwt.JwtPayload;
    const expired = jwt.sign(
      { typ: 'refresh', family: decoded.family, exp: Math.floor(Date.now() / 1000) - 60 },
      server.config.jwtRefreshSecret,
      { algorithm: 'HS256', issuer: 'trackruit', audience: 'trackruit-refresh', subject: session.user.id, jwtid: decoded.jti },
    );
    const [header, , signature] = session.refreshToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...decoded, sub: 'someone-else' })).toString('base64url');
    for (const refreshToken of [session.accessToken, expired, `${header}.${forgedPayload}.${signature}`, 'garbage']) {
      const response = await request('POST', '/api/auth/refresh', { body: { refreshToken } });
      expect(response.status).toBe(401);
      expectErrorShape(response.json, 'invalid_token');
    }
    // None of the refusals consumed the real token.
    expect((await request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(200);
  });

  it('names a missing refreshToken', async () => {
    const response = await request('POST', '/api/auth/refresh', { body: {} });
    expect(response.status).toBe(400);
    expect(response.json.error?.fields).toEqual({ refreshToken: 'is required' });
  });
});

describe('me', () => {
  it('returns the user and syncUrl for a valid access token', async () => {
    const session = await register(uniqueEmail(), 'Lin');
    const response = await request('GET', '/api/auth/me', { token: session.accessToken });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ user: session.user, syncUrl: session.syncUrl });
  });

  it('refuses a missing, refresh, or expired token with 401', async () => {
    const session = await register();
    const missing = await request('GET', '/api/auth/me');
    expect(missing.status).toBe(401);
    expectErrorShape(missing.json, 'missing_token');

    const asRefresh = await request('GET', '/api/auth/me', { token: session.refreshToken });
    expect(asRefresh.status).toBe(401);
    expectErrorShape(asRefresh.json, 'invalid_token');

    const expired = jwt.sign({ typ: 'access', exp: Math.floor(Date.now() / 1000) - 1 }, server.config.jwtAccessSecret, {
      algorithm: 'HS256', issuer: 'trackruit', audience: 'trackruit-sync', subject: session.user.id,
    });
    const expiredResponse = await request('GET', '/api/auth/me', { token: expired });
    expect(expiredResponse.status).toBe(401);
    expectErrorShape(expiredResponse.json, 'invalid_token');
  });
});

describe('error contract', () => {
  it('answers unknown routes with 404 JSON', async () => {
    for (const [method, path] of [['GET', '/nope'], ['POST', '/api/auth/nope'], ['GET', '/api'], ['DELETE', '/health']] as const) {
      const response = await request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expectErrorShape(response.json, 'not_found');
    }
  });

  it('answers an oversized body with 413 JSON', async () => {
    const response = await request('POST', '/api/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD, name: 'x', padding: 'x'.repeat(server.config.bodyLimitBytes + 1) },
    });
    expect(response.status).toBe(413);
    expectErrorShape(response.json, 'payload_too_large');
  });

  it('answers malformed JSON with 400 JSON', async () => {
    const response = await request('POST', '/api/auth/login', { raw: '{"email": "a@b.c", ' });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'malformed_json');
  });
});

describe('CORS', () => {
  it('answers an extension preflight with 204 and the allowed methods and headers', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Accept, X-Device-Id, X-Timestamp, X-Signature');
  });

  it('allows Firefox extension origins, also on /db, and not arbitrary web origins', async () => {
    const firefox = 'moz-extension://0b1e2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const onDb = await fetch(`${server.url}/db/`, { method: 'OPTIONS', headers: { origin: firefox, 'access-control-request-method': 'GET' } });
    expect(onDb.status).toBe(204);
    expect(onDb.headers.get('access-control-allow-origin')).toBe(firefox);

    const refusedOnDb = await fetch(`${server.url}/db/`, { headers: { origin: firefox } });
    expect(refusedOnDb.status).toBe(401);
    expect(refusedOnDb.headers.get('access-control-allow-origin')).toBe(firefox);

    const evil = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(evil.status).toBe(200);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured CORS_ORIGINS', async () => {
    const withOrigins = await startTestServer({ corsOrigins: ['https://app.example.com'] });
    try {
      const response = await fetch(`${withOrigins.url}/health`, { headers: { origin: 'https://app.example.com' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    } finally {
      await withOrigins.stop();
    }
  });
});
