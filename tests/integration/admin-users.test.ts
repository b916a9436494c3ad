import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PERMISSIONS } from '../../shared/admin/permissions';
import { plainJobFields } from '../fixtures/jobs';
import { createVerifiedAccount, readOutbox, type VerifiedSession } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** /api/users: every route refused without its permission, search and pages, a user's counts (never contents), and the actions. */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let owner: { id: string; adminToken: string };

interface Row {
  id: string;
  email: string;
}

/** The fields these tests read from the answers. */
interface Body {
  error?: { code: string };
  users: Row[];
  total: number;
  nextCursor: string | null;
  user: { lastSyncAt: string | null };
  stats: { total: number };
  byRole: { owner: number };
  verified: number;
  unverified: number;
  newestUsers: Row[];
  recentActivity: unknown;
  entries: unknown[];
  storage: { databaseBytes: number };
}

interface Answer {
  status: number;
  json: Body;
}

async function api(method: string, route: string, token: string | null, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Body };
}

const account = (name: string): Promise<VerifiedSession> => createVerifiedAccount(server, { name, email: `${name}@example.com`, password: PASSWORD });

/** An admin holding `permissions`, with an admin session. */
async function adminWith(name: string, permissions: readonly string[]): Promise<{ id: string; token: string }> {
  const session = await account(name);
  expect((await api('PUT', `/api/users/${session.user.id}/role`, owner.adminToken, { role: 'admin', permissions })).status).toBe(200);
  return { id: session.user.id, token: (await enrolSecondFactor(server.url, session.accessToken, PASSWORD)).adminToken };
}

const login = (email: string, password = PASSWORD) => api('POST', '/api/auth/login', null, { email, password });

beforeAll(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
  owner = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
});
afterAll(() => server.stop());

describe('each admin route refuses an admin without its permission', () => {
  const routes: { permission: string; method: string; path: (id: string) => string; body?: unknown }[] = [
    { permission: 'users:read', method: 'GET', path: () => '/api/users' },
    { permission: 'users:read', method: 'GET', path: () => '/api/users/stats' },
    { permission: 'users:read', method: 'GET', path: () => '/api/users/dashboard' },
    { permission: 'users:read', method: 'GET', path: (id) => `/api/users/${id}` },
    { permission: 'users:manage', method: 'PUT', path: (id) => `/api/users/${id}`, body: { disabled: true } },
    { permission: 'users:manage', method: 'POST', path: (id) => `/api/users/${id}/sign-out-everywhere` },
    { permission: 'users:manage', method: 'POST', path: (id) => `/api/users/${id}/password-reset` },
    { permission: 'users:manage', method: 'POST', path: (id) => `/api/users/${id}/second-factor/reset` },
    { permission: 'users:delete', method: 'DELETE', path: (id) => `/api/users/${id}` },
    { permission: 'roles:manage', method: 'PUT', path: (id) => `/api/users/${id}/role`, body: { role: 'user' } },
    { permission: 'audit:read', method: 'GET', path: () => '/api/admin/audit' },
    { permission: 'audit:read', method: 'GET', path: () => '/api/admin/audit/export.csv' },
  ];

  for (const permission of ['users:read', 'users:manage', 'users:delete', 'roles:manage', 'audit:read']) {
    it(`refuses ${permission} routes to an admin holding every other permission, and to a plain user`, async () => {
      const target = await account(`target-${permission.replace(':', '-')}`);
      const almost = await adminWith(`almost-${permission.replace(':', '-')}`, ADMIN_PERMISSIONS.filter((entry) => entry !== permission));
      for (const route of routes.filter((entry) => entry.permission === permission)) {
        expect(await api(route.method, route.path(target.user.id), almost.token, route.body), `${route.method} ${route.path('id')}`).toMatchObject({ status: 403, json: { error: { code: 'missing_permission' } } });
        expect((await api(route.method, route.path(target.user.id), target.accessToken, route.body)).status).toBe(403);
        expect((await api(route.method, route.path(target.user.id), null, route.body)).status).toBe(401);
      }
      // Nothing happened to the target.
      expect((await login(target.user.email)).status).toBe(200);
    });
  }
});

describe('GET /api/users', () => {
  it('searches by email or name, filters, and pages with a cursor without repeats or gaps', async () => {
    const made: string[] = [];
    for (let index = 0; index < 7; index += 1) made.push((await account(`pager${index}`)).user.id);
    const collected: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ q: 'pager', sort: 'email', limit: '3', ...(cursor ? { cursor } : {}) });
      const page = await api('GET', `/api/users?${query}`, owner.adminToken);
      expect(page.status).toBe(200);
      expect(page.json.total).toBe(7);
      collected.push(...page.json.users.map((user) => user.id));
      cursor = page.json.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(collected.sort()).toEqual([...made].sort());
    const byName = await api('GET', '/api/users?q=PAGER3', owner.adminToken);
    expect(byName.json.users.map((user) => user.email)).toEqual(['pager3@example.com']);
    const owners = await api('GET', '/api/users?role=owner', owner.adminToken);
    expect(owners.json.users.map((user) => user.email)).toEqual(['root@example.com']);
    // The owner's admin requests count as activity.
    const active = await api('GET', '/api/users?activeWithinDays=1&q=root', owner.adminToken);
    expect(active.json.total).toBe(1);
    expect((await api('GET', '/api/users?limit=1000', owner.adminToken)).status).toBe(400);
    expect((await api('GET', '/api/users?verified=maybe', owner.adminToken)).status).toBe(400);
    expect((await api('GET', '/api/users?cursor=nonsense', owner.adminToken)).status).toBe(400);
    expect((await api('GET', '/api/users?unknown=1', owner.adminToken)).status).toBe(400);
  });

  it('answers stats and the dashboard', async () => {
    const stats = await api('GET', '/api/users/stats', owner.adminToken);
    expect(stats.status).toBe(200);
    expect(stats.json.byRole.owner).toBe(1);
    expect(stats.json.total).toBe(stats.json.verified + stats.json.unverified);
    const dashboard = await api('GET', '/api/users/dashboard', owner.adminToken);
    expect(dashboard.json.stats.total).toBe(stats.json.total);
    expect(dashboard.json.newestUsers.length).toBeGreaterThan(0);
    expect(Array.isArray(dashboard.json.recentActivity)).toBe(true);
  });
});

describe('GET /api/users/:id', () => {
  it('shows profile, counts and sizes, and no content of applications', async () => {
    const person = await account('holly');
    const bulk = await fetch(`${person.syncUrl}_bulk_docs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${person.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [
        { _id: 'job:1', ...plainJobFields({ title: 'Secret Title Alpha', company: 'Hidden Company Beta', description: 'private description gamma' }) },
        { _id: 'job:2', ...plainJobFields({ title: 'Secret Title Delta', company: 'Hidden Company Beta' }) },
      ] }),
    });
    expect(bulk.status).toBe(201);
    const detail = await api('GET', `/api/users/${person.user.id}`, owner.adminToken);
    expect(detail).toMatchObject({
      status: 200,
      json: {
        user: { id: person.user.id, email: 'holly@example.com', role: 'user', disabled: false, emailVerified: true, hasPassword: true },
        counts: { applications: 2, resumes: 0, devices: 0, resumeFiles: 0 },
        devices: [],
      },
    });
    expect(detail.json.storage.databaseBytes).toBeGreaterThan(0);
    expect(detail.json.user.lastSyncAt).not.toBeNull();
    const text = JSON.stringify(detail.json);
    for (const secret of ['Secret Title', 'Hidden Company', 'private description', 'job:1']) expect(text).not.toContain(secret);
    expect((await api('GET', '/api/users/nobody', owner.adminToken)).status).toBe(404);
    expect((await api('GET', '/api/users/bad.id', owner.adminToken)).status).toBe(400);
  });
});

describe('account actions', () => {
  it('disabling blocks sign-in, refresh and sync at once; enabling restores sign-in', async () => {
    const person = await account('ivy');
    const manager = await adminWith('manager-ivy', ['users:manage']);
    expect(await api('PUT', `/api/users/${person.user.id}`, manager.token, { disabled: true })).toMatchObject({ status: 200, json: { user: { disabled: true } } });
    expect(await login('ivy@example.com')).toMatchObject({ status: 403, json: { error: { code: 'account_disabled' } } });
    const refused = await api('GET', '/api/admin/audit?action=auth.sign_in_refused&limit=1', owner.adminToken);
    expect(refused.json).toMatchObject({ entries: [{ details: { reason: 'account_disabled', email: 'ivy@example.com' } }] });
    expect((await api('GET', '/api/auth/me', person.accessToken)).status).toBe(401);
    expect((await api('POST', '/api/auth/refresh', null, { refreshToken: person.refreshToken })).status).toBe(401);
    const sync = await fetch(`${person.syncUrl}_changes?since=0`, { headers: { authorization: `Bearer ${person.accessToken}` } });
    expect(sync.status).toBe(401);
    const disabledList = await api('GET', '/api/users?disabled=true&q=ivy', owner.adminToken);
    expect(disabledList.json.users.map((user) => user.email)).toEqual(['ivy@example.com']);
    expect(await api('PUT', `/api/users/${person.user.id}`, manager.token, { disabled: false })).toMatchObject({ status: 200, json: { user: { disabled: false } } });
    expect((await login('ivy@example.com')).status).toBe(200);
  });

  it('renames and verifies, validating the body', async () => {
    const person = await account('jade');
    expect(await api('PUT', `/api/users/${person.user.id}`, owner.adminToken, { name: 'Jade Q' })).toMatchObject({ status: 200, json: { user: { name: 'Jade Q' } } });
    expect((await api('PUT', `/api/users/${person.user.id}`, owner.adminToken, { emailVerified: false })).status).toBe(400);
    expect((await api('PUT', `/api/users/${person.user.id}`, owner.adminToken, { role: 'owner' })).status).toBe(400);
    expect((await api('PUT', `/api/users/${person.user.id}`, owner.adminToken, {})).status).toBe(400);
  });

  it('signs a user out everywhere and sends a password reset to their address', async () => {
    const person = await account('kim');
    expect((await api('POST', `/api/users/${person.user.id}/sign-out-everywhere`, owner.adminToken)).status).toBe(204);
    expect((await api('POST', '/api/auth/refresh', null, { refreshToken: person.refreshToken })).status).toBe(401);
    const before = Date.now();
    expect((await api('POST', `/api/users/${person.user.id}/password-reset`, owner.adminToken)).status).toBe(202);
    let mails: Awaited<ReturnType<typeof readOutbox>> = [];
    for (let attempt = 0; attempt < 100 && mails.length === 0; attempt += 1) {
      mails = (await readOutbox(server.dataDir)).filter((mail) => mail.to.includes('kim@example.com') && mail.writtenAt >= before - 1000 && /reset/i.test(mail.subject));
      if (mails.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(mails).toHaveLength(1);
  });

  it('keeps admins from acting on admins and owners, and anyone from locking themselves out', async () => {
    const manager = await adminWith('manager-lou', ['users:manage', 'users:delete']);
    const other = await adminWith('other-lou', ['users:read']);
    expect(await api('PUT', `/api/users/${other.id}`, manager.token, { disabled: true })).toMatchObject({ status: 403, json: { error: { code: 'only_owner_manages_admins' } } });
    expect(await api('DELETE', `/api/users/${owner.id}`, manager.token)).toMatchObject({ status: 403, json: { error: { code: 'only_owner_manages_admins' } } });
    expect(await api('PUT', `/api/users/${manager.id}`, manager.token, { disabled: true })).toMatchObject({ status: 403, json: { error: { code: 'not_on_yourself' } } });
    expect(await api('DELETE', `/api/users/${owner.id}`, owner.adminToken)).toMatchObject({ status: 403, json: { error: { code: 'not_on_yourself' } } });
    // An owner may act on an admin.
    expect(await api('PUT', `/api/users/${other.id}`, owner.adminToken, { disabled: true })).toMatchObject({ status: 200 });
  });

  it("lets an owner reset an admin's second factor: the admin's admin token stops working until they set up a new one", async () => {
    const session = await account('nia');
    expect((await api('PUT', `/api/users/${session.user.id}/role`, owner.adminToken, { role: 'admin', permissions: ['users:read'] })).status).toBe(200);
    const first = await enrolSecondFactor(server.url, session.accessToken, PASSWORD);
    expect((await api('GET', '/api/users/stats', first.adminToken)).status).toBe(200);
    expect((await api('POST', `/api/users/${session.user.id}/second-factor/reset`, owner.adminToken)).status).toBe(204);
    expect(await api('GET', '/api/users/stats', first.adminToken)).toMatchObject({ status: 403, json: { error: { code: 'second_factor_enrolment_required' } } });
    const second = await enrolSecondFactor(server.url, session.accessToken, PASSWORD);
    expect(second.secret).not.toBe(first.secret);
    expect((await api('GET', '/api/users/stats', second.adminToken)).status).toBe(200);
    // Nobody resets their own from the console.
    expect(await api('POST', `/api/users/${owner.id}/second-factor/reset`, owner.adminToken)).toMatchObject({ status: 403, json: { error: { code: 'not_on_yourself' } } });
  });

  it('deletes an account and every trace of it', async () => {
    const person = await account('maxine');
    const deleter = await adminWith('deleter-max', ['users:delete', 'users:read']);
    expect((await api('DELETE', `/api/users/${person.user.id}`, deleter.token)).status).toBe(204);
    expect((await api('GET', `/api/users/${person.user.id}`, deleter.token)).status).toBe(404);
    expect((await api('GET', '/api/users?q=maxine', deleter.token)).json.total).toBe(0);
    expect((await login('maxine@example.com')).status).toBe(401);
  });
});
