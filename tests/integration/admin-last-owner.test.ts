import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { enrolSecondFactor, signInAsAdmin } from '../helpers/admin-session';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The last-owner rule across routes: role changes (PUT /api/users/:id/role)
 * and disabling or deleting (PUT, DELETE /api/users/:id) weigh the same count
 * of owners who can act, one change at a time, so no sequence or race of them
 * leaves a server without an owner who can sign in.
 */

const PASSWORD = 'Vivid-Lantern-8271';
let server: TestServer;
let root: { id: string; token: string };
let quinn: { id: string; token: string };

async function api(method: string, route: string, token: string, body?: unknown): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: { code: string } };
  return { status: response.status, ...(json.error ? { code: json.error.code } : {}) };
}

/** Owners who can still sign in, as the admin API lists them. */
async function actingOwners(token: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/users?role=owner&disabled=false`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { users: { id: string }[] }).users.map((user) => user.id);
}

beforeEach(async () => {
  server = await startTestServer({ adminBootstrap: { email: 'root@example.com', password: PASSWORD } });
  const session = await signInAsAdmin(server.url, 'root@example.com', PASSWORD);
  root = { id: session.id, token: session.adminToken };
  const person = await createVerifiedAccount(server, { name: 'quinn', email: 'quinn@example.com', password: PASSWORD });
  expect((await api('PUT', `/api/users/${person.user.id}/role`, root.token, { role: 'owner' })).status).toBe(200);
  quinn = { id: person.user.id, token: (await enrolSecondFactor(server.url, person.accessToken, PASSWORD)).adminToken };
});
afterEach(() => server.stop());

describe('the last owner who can act', () => {
  it('is kept when two owners remove each other at the same moment, through different routes', async () => {
    const [demoted, deleted] = await Promise.all([
      api('PUT', `/api/users/${quinn.id}/role`, root.token, { role: 'user' }),
      api('DELETE', `/api/users/${root.id}`, quinn.token),
    ]);
    // One of the two went first; the other's actor had lost the right (or the account) by then.
    const done = (status: number) => status >= 200 && status < 300;
    expect([demoted.status, deleted.status].filter(done)).toHaveLength(1);
    const survivor = done(demoted.status) ? root : quinn;
    expect(await actingOwners(survivor.token)).toEqual([survivor.id]);
  });

  it('does not count a disabled owner: the one still acting cannot step down or be removed', async () => {
    expect((await api('PUT', `/api/users/${root.id}`, quinn.token, { disabled: true })).status).toBe(200);
    expect(await api('PUT', `/api/users/${quinn.id}/role`, quinn.token, { role: 'user' })).toMatchObject({ status: 409, code: 'last_owner' });
    expect(await actingOwners(quinn.token)).toEqual([quinn.id]);
    // Removing the disabled owner takes no acting owner away.
    expect((await api('DELETE', `/api/users/${root.id}`, quinn.token)).status).toBe(204);
  });
});
