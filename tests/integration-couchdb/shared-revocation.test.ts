import { afterEach, expect, it } from 'vitest';
import { createVerifiedAccount } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import type { TestServer } from '../helpers/test-server';
import { startSharedServers } from '../helpers/two-servers';

/**
 * Token checks read user records from a cache (server/storage/cached-users.ts).
 * With two instances, B learns of A's "sign out everywhere" from the users
 * database's change feed, which drops B's cached record: here B would otherwise
 * keep serving it for an hour.
 */

const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

it('refuses on B, through the change feed, an access token signed out everywhere on A', async () => {
  const [a, b] = await startSharedServers(2, { sharedUserRecordMaxAgeMs: 60 * 60 * 1000 }, { log: () => undefined });
  servers.push(a!, b!);
  const session = await createVerifiedAccount(a!, { name: 'Ada', email: `ada-${Date.now()}@example.com`, password: 'Vivid-Lantern-8271' });
  const me = (server: TestServer) => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  // B reads the record once and keeps it.
  expect((await me(b!)).status).toBe(200);
  const out = await fetch(`${a!.url}/api/auth/logout-all`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
  expect(out.status).toBe(204);
  expect((await me(a!)).status).toBe(401);
  await eventually(async () => (await me(b!)).status, (status) => status === 401, 10_000);
});
