import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin, totpCode } from '../helpers/admin-session';
import { readAuditEntries } from '../helpers/server-records';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** TOTP for admins and owners: enrolment with a QR code, admin sessions, single-use codes, rate limits, recovery codes. */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let owner: { id: string; adminToken: string };

interface Answer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string } };
}

async function api(method: string, route: string, token: string | null, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Answer['json'] };
}

/** A new account the owner made an admin with `permissions`; signed in with a password only. */
async function newAdmin(name: string, permissions: string[]) {
  const session = await createVerifiedAccount(server, { name, email: `${name}@example.com`, password: PASSWORD });
  expect((await api('PUT', `/api/users/${session.user.id}/role`, owner.adminToken, { role: 'admin', permissions })).status).toBe(200);
  return { id: session.user.id, userToken: session.accessToken, refreshToken: session.refreshToken };
}

beforeAll(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
  owner = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
});
afterAll(() => server.stop());

describe('second factor for admin roles', () => {
  it('lets an admin without a second factor reach only the enrolment routes', async () => {
    const admin = await newAdmin('amy', ['users:read', 'audit:read']);
    expect(await api('GET', '/api/users', admin.userToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_enrolment_required' } } });
    expect(await api('GET', '/api/admin/audit', admin.userToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_enrolment_required' } } });
    expect(await api('POST', '/api/admin/session', admin.userToken, { code: '123456' })).toMatchObject({ status: 403, json: { error: { code: 'second_factor_enrolment_required' } } });
    expect(await api('GET', '/api/admin/second-factor', admin.userToken)).toMatchObject({ status: 200, json: { enrolled: false } });
  });

  it('enrols with the password, a QR code and a first code, and returns ten recovery codes and an admin token', async () => {
    const admin = await newAdmin('ben', ['users:read']);
    expect(await api('POST', '/api/admin/second-factor/enrol', admin.userToken, { password: 'Wrong-Lantern-0000' })).toMatchObject({ status: 401 });
    const started = await api('POST', '/api/admin/second-factor/enrol', admin.userToken, { password: PASSWORD });
    expect(started.status).toBe(200);
    expect(started.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\/TrackRuit:ben%40example\.com\?.*secret=/);
    const png = Buffer.from(String(started.json.qrCodeDataUrl).replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await api('POST', '/api/admin/second-factor/confirm', admin.userToken, { code: totpCode(String(started.json.secret), 5) })).toMatchObject({ status: 400, json: { error: { code: 'invalid_code' } } });
    const confirmed = await api('POST', '/api/admin/second-factor/confirm', admin.userToken, { code: totpCode(String(started.json.secret)) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.recoveryCodes).toHaveLength(10);
    expect((await api('GET', '/api/users', String(confirmed.json.accessToken))).status).toBe(200);
    // Set up once: a second enrolment (which would replace the factor) is refused.
    expect(await api('POST', '/api/admin/second-factor/enrol', admin.userToken, { password: PASSWORD })).toMatchObject({ status: 409, json: { error: { code: 'second_factor_enrolled' } } });
  });

  it('refuses a plain user', async () => {
    const session = await createVerifiedAccount(server, { name: 'cat', email: 'cat@example.com', password: PASSWORD });
    expect(await api('POST', '/api/admin/second-factor/enrol', session.accessToken, { password: PASSWORD })).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
  });

  it('gives an admin token for a current code, refuses the same code again, and never for a refreshed token', async () => {
    const admin = await newAdmin('dan', ['users:read']);
    const { secret } = await enrolSecondFactor(server.url, admin.userToken, PASSWORD);
    expect(await api('GET', '/api/users', admin.userToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_required' } } });
    // The code of the next step: the confirmation above used the current one.
    const code = totpCode(secret, 1);
    const session = await api('POST', '/api/admin/session', admin.userToken, { code });
    expect(session.status).toBe(200);
    expect((await api('GET', '/api/users', String(session.json.accessToken))).status).toBe(200);
    expect(await api('POST', '/api/admin/session', admin.userToken, { code })).toMatchObject({ status: 400, json: { error: { code: 'code_reused' } } });
    // An older code than the last accepted one is refused too.
    expect(await api('POST', '/api/admin/session', admin.userToken, { code: totpCode(secret) })).toMatchObject({ status: 400, json: { error: { code: 'code_reused' } } });
    const refreshed = await api('POST', '/api/auth/refresh', null, { refreshToken: admin.refreshToken });
    expect(await api('GET', '/api/users', String(refreshed.json.accessToken))).toMatchObject({ status: 403, json: { error: { code: 'second_factor_required' } } });
  });

  it('accepts each recovery code once', async () => {
    const admin = await newAdmin('eve', ['users:read']);
    const { recoveryCodes } = await enrolSecondFactor(server.url, admin.userToken, PASSWORD);
    const recoveryCode = recoveryCodes[0]!.toUpperCase();
    expect(await api('POST', '/api/admin/session', admin.userToken, { recoveryCode })).toMatchObject({ status: 200, json: { recoveryCodesLeft: 9 } });
    expect(await api('POST', '/api/admin/session', admin.userToken, { recoveryCode })).toMatchObject({ status: 400, json: { error: { code: 'invalid_code' } } });
  });

  it('rate-limits wrong codes: after five failures even the right code waits', async () => {
    const admin = await newAdmin('fay', ['users:read']);
    const { secret } = await enrolSecondFactor(server.url, admin.userToken, PASSWORD);
    const right = totpCode(secret, 1);
    // Codes of steps two and a half minutes or more away: outside the window of one step either side.
    const wrong = [5, 6, 7, 8, 9].map((steps) => totpCode(secret, steps));
    for (const code of wrong) expect((await api('POST', '/api/admin/session', admin.userToken, { code })).status).toBe(400);
    const limited = await api('POST', '/api/admin/session', admin.userToken, { code: right });
    expect(limited).toMatchObject({ status: 429, json: { error: { code: 'rate_limited' } } });
  });

  it('writes enrolments, admin sessions and failures to the audit log, never a secret or a code', async () => {
    // Read where the server keeps it: DATA_DIR/audit, or its CouchDB with COUCHDB_URL.
    const entries = await readAuditEntries(server);
    const text = JSON.stringify(entries);
    const actions = entries.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['second_factor.enrolment_started', 'second_factor.enrolled', 'admin.session_started', 'second_factor.failed']));
    expect(text).not.toMatch(/secret=|"code"|recoveryCode/);
  });
});
