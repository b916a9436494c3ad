import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PERMISSIONS } from '../../shared/admin/permissions';
import { createVerifiedAccount } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { readAuditEntries, verifyServerAuditLog } from '../helpers/server-records';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** PUT /api/users/:id/role: each rule of shared/admin/permissions.ts enforced by the server, and audited. */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let owner: { id: string; token: string };

async function api(method: string, route: string, token: string | null, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as { user?: { role: string; permissions: string[] }; error?: { code: string } } };
}

async function account(name: string) {
  const session = await createVerifiedAccount(server, { name, email: `${name}@example.com`, password: PASSWORD });
  return { id: session.user.id, token: session.accessToken };
}

/** An admin with `permissions`, signed in with their second factor. */
async function admin(name: string, permissions: string[]) {
  const person = await account(name);
  expect((await api('PUT', `/api/users/${person.id}/role`, owner.token, { role: 'admin', permissions })).status).toBe(200);
  return { id: person.id, token: (await enrolSecondFactor(server.url, person.token, PASSWORD)).adminToken };
}

const auditLines = () => readAuditEntries(server);

beforeAll(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
  const session = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
  owner = { id: session.id, token: session.adminToken };
});
afterAll(() => server.stop());

describe('PUT /api/users/:id/role', () => {
  it('lets an owner grant admin permissions, and writes it to the audit log', async () => {
    const person = await account('grace');
    const granted = await api('PUT', `/api/users/${person.id}/role`, owner.token, { role: 'admin', permissions: ['users:read', 'audit:read'] });
    expect(granted).toMatchObject({ status: 200, json: { user: { role: 'admin', permissions: ['users:read', 'audit:read'] } } });
    expect((await api('GET', '/api/auth/me', person.token)).json.user?.role).toBe('admin');
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'role.changed', details: { fromRole: 'user', toRole: 'admin', toPermissions: ['users:read', 'audit:read'] } });
    expect(await verifyServerAuditLog(server)).toMatchObject({ intact: true });
  });

  it('refuses without a token, and a plain user', async () => {
    const person = await account('ivan');
    expect((await api('PUT', `/api/users/${person.id}/role`, null, { role: 'admin', permissions: [] })).status).toBe(401);
    expect(await api('PUT', `/api/users/${person.id}/role`, person.token, { role: 'user' })).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
  });

  it('refuses an admin holding every permission but roles:manage', async () => {
    const other = await account('judy');
    const almost = await admin('ken', ADMIN_PERMISSIONS.filter((permission) => permission !== 'roles:manage'));
    expect(await api('PUT', `/api/users/${other.id}/role`, almost.token, { role: 'user' })).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
  });

  it('lets an admin with roles:manage take permissions away, but not grant, raise their own, or touch an owner', async () => {
    const manager = await admin('lena', ['roles:manage']);
    const helper = await admin('mia', ['users:read', 'users:manage']);
    const plain = await account('ned');
    expect(await api('PUT', `/api/users/${helper.id}/role`, manager.token, { role: 'admin', permissions: ['users:read'] })).toMatchObject({ status: 200, json: { user: { permissions: ['users:read'] } } });
    expect(await api('PUT', `/api/users/${plain.id}/role`, manager.token, { role: 'admin', permissions: ['users:read'] })).toMatchObject({ status: 403, json: { error: { code: 'only_owner_grants' } } });
    expect(await api('PUT', `/api/users/${manager.id}/role`, manager.token, { role: 'admin', permissions: ['roles:manage', 'users:delete'] })).toMatchObject({ status: 403, json: { error: { code: 'cannot_raise_own' } } });
    expect(await api('PUT', `/api/users/${owner.id}/role`, manager.token, { role: 'user' })).toMatchObject({ status: 403, json: { error: { code: 'cannot_change_owner' } } });
    expect((await auditLines()).at(-1)).toMatchObject({ action: 'role.change_refused', details: { reason: 'cannot_change_owner' } });
  });

  it('never removes the last owner', async () => {
    expect(await api('PUT', `/api/users/${owner.id}/role`, owner.token, { role: 'admin', permissions: ['users:read'] })).toMatchObject({ status: 409, json: { error: { code: 'last_owner' } } });
    const second = await account('olga');
    expect((await api('PUT', `/api/users/${second.id}/role`, owner.token, { role: 'owner' })).status).toBe(200);
    const secondAdmin = (await enrolSecondFactor(server.url, second.token, PASSWORD)).adminToken;
    expect(await api('PUT', `/api/users/${second.id}/role`, secondAdmin, { role: 'user' })).toMatchObject({ status: 200, json: { user: { role: 'user' } } });
  });

  it('validates the id and the body', async () => {
    const person = await account('pia');
    expect((await api('PUT', `/api/users/${person.id}/role`, owner.token, { role: 'admin', permissions: ['everything'] })).status).toBe(400);
    expect((await api('PUT', `/api/users/${person.id}/role`, owner.token, { role: 'user', permissions: ['users:read'] })).status).toBe(400);
    expect((await api('PUT', `/api/users/${person.id}/role`, owner.token, { role: 'admin', permissions: [], extra: true })).status).toBe(400);
    expect((await api('PUT', '/api/users/no.such.id/role', owner.token, { role: 'user' })).status).toBe(400);
    expect((await api('PUT', '/api/users/nobody/role', owner.token, { role: 'user' })).status).toBe(404);
    expect(await verifyServerAuditLog(server)).toMatchObject({ intact: true });
  });
});

describe('sign-ins in the audit log', () => {
  it('records a password sign-in and a failed one, never the password', async () => {
    const person = await account('quinn');
    const login = (password: string) => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'audit-test' }, body: JSON.stringify({ email: 'quinn@example.com', password }) });
    expect((await login('Wrong-Lantern-0000')).status).toBe(401);
    expect((await login(PASSWORD)).status).toBe(200);
    const entries = (await auditLines()).slice(-2);
    expect(entries[0]).toMatchObject({ action: 'auth.sign_in_failed', actor: { type: 'anonymous' }, details: { email: 'quinn@example.com', userAgent: 'audit-test' } });
    expect(entries[1]).toMatchObject({ action: 'auth.sign_in', actor: { type: 'user', id: person.id }, details: { method: 'password' } });
    const text = JSON.stringify(await auditLines());
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('Wrong-Lantern-0000');
    expect(await verifyServerAuditLog(server)).toMatchObject({ intact: true });
  });
});

