/**
 * The admin side of two instances: the first owner is made once for the
 * deployment, a second-factor session opened on one instance is good on the
 * other, and what the console shows about an account does not depend on
 * which instance the account's data went through.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAsAdmin } from '../helpers/admin-session';
import { createVerifiedAccount } from '../helpers/accounts';
import { startDeployment, type Deployment } from './deployment';

const OWNER = { email: 'owner-two@example.com', password: 'owner password of some length' };
let deployment: Deployment;
let adminToken: string;

beforeAll(async () => {
  // Both instances get the bootstrap variables, as a deployment's shared environment would.
  deployment = await startDeployment({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
  adminToken = (await signInAsAdmin(deployment.a.url, OWNER.email, OWNER.password)).adminToken;
}, 90_000);

afterAll(async () => {
  await deployment?.stop();
});

async function adminGet(base: string, route: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${route}`, { headers: { authorization: `Bearer ${adminToken}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it('makes one owner for both instances, whose second-factor session opened on A is good on B', async () => {
  const stats = await adminGet(deployment.b.url, '/api/users/stats');
  expect(stats.status).toBe(200);
  const owners = await adminGet(deployment.b.url, `/api/users?q=${encodeURIComponent(OWNER.email)}`);
  expect(owners.status).toBe(200);
  expect((owners.body.users as { email: string; role: string }[]).map((user) => [user.email, user.role])).toEqual([[OWNER.email, 'owner']]);
});

it('counts on B the applications of an account made and written through A after both started', async () => {
  const email = `two-admin-${Date.now()}@example.com`;
  const session = await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email, password: 'correct horse battery staple', name: 'Two Admin' });
  for (let n = 1; n <= 3; n += 1) {
    const created = await fetch(`${deployment.a.url}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ id: `other:two-admin-${n}`, title: `Job ${n}`, company: 'Two Admin Ltd', url: `https://jobs.example.com/${n}` }),
    });
    expect(created.status).toBe(201);
  }
  for (const instance of [deployment.a, deployment.b]) {
    const detail = await adminGet(instance.url, `/api/users/${session.user.id}`);
    expect(detail.status).toBe(200);
    expect((detail.body.counts as { applications: number }).applications, `applications as ${instance.name} counts them`).toBe(3);
  }
});
