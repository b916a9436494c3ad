/**
 * Two server instances (real processes) sharing one CouchDB-compatible server
 * and one Redis, behind a round-robin proxy (tests/two-instances/deployment.ts):
 * an account made on one works on both, and what one instance decides about a
 * session (a used refresh token, sign-out everywhere, a lock-out) holds on
 * the other.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SECRETS_FILE_NAME } from '../../server/secrets';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { SERVED_BY_HEADER } from '../helpers/round-robin-proxy';
import { startDeployment, type Deployment } from './deployment';

let deployment: Deployment;
let counter = 0;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  deployment = await startDeployment();
}, 90_000);

afterAll(async () => {
  await deployment?.stop();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  servedBy: string | null;
}

async function call(base: string, route: string, options: { body?: unknown; token?: string; method?: string } = {}): Promise<Answer> {
  const response = await fetch(`${base}${route}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, servedBy: response.headers.get(SERVED_BY_HEADER) };
}

interface Pair {
  accessToken: string;
  refreshToken: string;
}

async function signIn(base: string, email: string, password = PASSWORD): Promise<Pair & Answer> {
  const answer = await call(base, '/api/auth/login', { body: { email, password } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return { ...answer, accessToken: answer.body.accessToken as string, refreshToken: answer.body.refreshToken as string };
}

/** An account registered and verified on instance A only (the code is read from A's outbox). */
async function accountOnA(): Promise<{ email: string; syncUrl: string; userId: string }> {
  counter += 1;
  const email = `two-${counter}-${Date.now()}@example.com`;
  const session = await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email, password: PASSWORD, name: `Two ${counter}` });
  return { email, syncUrl: session.syncUrl, userId: session.user.id };
}

it('serves an account registered on A through either instance, with the secrets the environment gave both', async () => {
  const { email, syncUrl } = await accountOnA();
  // The sync URL a client is given names the balancer (PUBLIC_URL), not the instance that answered.
  expect(syncUrl.startsWith(`${deployment.proxy.url}/db/`)).toBe(true);

  const servedBy = new Set<string>();
  let last: Pair | undefined;
  for (let n = 0; n < 6; n += 1) {
    const session = await signIn(deployment.proxy.url, email);
    servedBy.add(session.servedBy ?? '?');
    last = session;
  }
  expect([...servedBy].sort()).toEqual(['a', 'b']);

  // A token from any sign-in is good on both instances.
  for (const instance of [deployment.a, deployment.b]) {
    expect((await call(instance.url, '/api/auth/me', { token: last!.accessToken })).status).toBe(200);
  }
  // Neither instance generated secrets of its own: a token signed by one could not be read by the other.
  for (const instance of [deployment.a, deployment.b]) {
    await expect(fs.access(path.join(instance.dataDir, SECRETS_FILE_NAME))).rejects.toThrow();
  }
});

it('verifies on B the code mailed by A at sign-up: one-time codes live in the shared database', async () => {
  counter += 1;
  const email = `two-code-${counter}-${Date.now()}@example.com`;
  expect((await call(deployment.a.url, '/api/auth/register', { body: { email, password: PASSWORD, name: 'Two Code' } })).status).toBe(202);
  const code = await readLatestCode(deployment.a.dataDir, email);
  const wrong = code === '000000' ? '111111' : '000000';
  expect((await call(deployment.b.url, '/api/auth/verify-otp', { body: { email, code: wrong, password: PASSWORD } })).status).toBe(400);
  const verified = await call(deployment.b.url, '/api/auth/verify-otp', { body: { email, code, password: PASSWORD } });
  expect(verified.status).toBe(200);
  // Used once: A refuses it now.
  expect((await call(deployment.a.url, '/api/auth/verify-otp', { body: { email, code, password: PASSWORD } })).status).not.toBe(200);
});

it('refreshes on the instance that did not issue the token, and refuses a second use whichever instance sees it', async () => {
  const { email } = await accountOnA();
  const first = await signIn(deployment.a.url, email);

  const refreshedOnB = await call(deployment.b.url, '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
  expect(refreshedOnB.status).toBe(200);
  const second = refreshedOnB.body as unknown as Pair;
  expect((await call(deployment.a.url, '/api/auth/me', { token: second.accessToken })).status).toBe(200);

  // The used token again, on A: refused, and the whole login (family) ends, on B too.
  expect((await call(deployment.a.url, '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
  expect((await call(deployment.b.url, '/api/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);

  // One token sent to both instances at once: exactly one of them issues a new pair.
  const raced = await signIn(deployment.b.url, email);
  const answers = await Promise.all([deployment.a, deployment.b].map((instance) => call(instance.url, '/api/auth/refresh', { body: { refreshToken: raced.refreshToken } })));
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
});

it('signing out everywhere on A refuses every session of the account on B, for the API and for sync', async () => {
  const { email, syncUrl } = await accountOnA();
  const laptop = await signIn(deployment.a.url, email);
  const phone = await signIn(deployment.b.url, email);
  const syncOnB = `${deployment.b.url}${new URL(syncUrl).pathname}`;
  expect((await fetch(syncOnB, { headers: { authorization: `Bearer ${phone.accessToken}` } })).status).toBe(200);

  expect((await call(deployment.a.url, '/api/auth/logout-all', { body: {}, token: laptop.accessToken })).status).toBe(204);

  for (const session of [laptop, phone]) {
    // The refresh tokens are revoked in the shared database: refused at once.
    expect((await call(deployment.b.url, '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    // Access tokens are checked against B's cache of user records (server/storage/cached-users.ts),
    // which drops a record when the users database's change feed brings A's change: refused then.
    await eventually(() => call(deployment.b.url, '/api/auth/me', { token: session.accessToken }), (answer) => answer.status === 401);
    expect((await fetch(syncOnB, { headers: { authorization: `Bearer ${session.accessToken}` } })).status).toBe(401);
  }
  // A new sign-in works again, on either.
  await signIn(deployment.b.url, email);
});

it('counts failed sign-ins across both instances: the lock-out reached through A and B holds on both', async () => {
  const { email } = await accountOnA();
  // The first step of the back-off ladder allows 5 failures a minute per account (server/rate-limit/settings.ts).
  const instances = [deployment.a, deployment.b];
  for (let n = 0; n < 5; n += 1) {
    const answer = await call(instances[n % 2]!.url, '/api/auth/login', { body: { email, password: 'not the password at all' } });
    expect(answer.status, `failure ${n + 1} on ${instances[n % 2]!.name}`).toBe(401);
  }
  // B has seen two failures only; with per-instance counts it would still let a guess through.
  const sixth = await call(deployment.b.url, '/api/auth/login', { body: { email, password: 'still not the password' } });
  expect(sixth.status).toBe(429);
  // The right password is held back as well, on A too, until the window passes.
  expect((await call(deployment.a.url, '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(429);
});
