import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityFigures } from '../../shared/admin/console-api';
import { jobThrough } from '../../shared/insights/test-jobs';
import { eventually } from '../helpers/eventually';
import { ServerDatabase } from '../helpers/server-database';
import { signInForTest, TEST_PASSWORD, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Two server instances on one CouchDB: each recomputes the platform analytics
 * of the users whose writes it sees, and takes the others' from the
 * checkpoints they store. Every write and the opt-out here go through A; B,
 * started before any of it, answers the pooled figures from what A stored.
 */

let a: TestServer;
let b: TestServer;
let ada: TestSession;
let bob: TestSession;
let adaOnB: string;

const DAY_MS = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();

beforeAll(async () => {
  a = await startTestServer({ analyticsMinGroup: 2 });
  expect(a.config.couchdb, 'the integration-couchdb project runs this file').not.toBeNull();
  b = await startTestServer({ analyticsMinGroup: 2, couchdb: a.config.couchdb });
  ada = await signInForTest(a, 'ada');
  bob = await signInForTest(a, 'bob');
  for (const [session, days] of [[ada, 4], [bob, 8]] as const) {
    const db = await ServerDatabase.open(a.url, { email: session.user.email, password: TEST_PASSWORD });
    await db.put(jobThrough(at(30), [['interview', at(30 - days)]], { company: 'Globex', platform: 'linkedin' }));
  }
  const login = await fetch(`${b.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ada.user.email, password: TEST_PASSWORD }) });
  expect(login.status).toBe(200);
  adaOnB = ((await login.json()) as { accessToken: string }).accessToken;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

/** Ada's figures as B answers them, with a token B issued. */
async function figuresFromB(): Promise<CommunityFigures> {
  const res = await fetch(`${b.url}/api/analytics/community?companies=Globex&sites=linkedin`, { headers: { authorization: `Bearer ${adaOnB}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as CommunityFigures;
}

describe('platform analytics across two instances', () => {
  it('shows on B the contributions A computed, and drops one A dropped', async () => {
    const fromB = await eventually(() => figuresFromB(), (value) => value.companies.length === 1, 20_000);
    expect(fromB.companies).toEqual([{ company: 'Globex', medianResponseDays: 6, users: 2 }]);

    const optOut = await fetch(`${a.url}/api/auth/preferences`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bob.accessToken}` },
      body: JSON.stringify({ preferences: { analyticsOptOut: true } }),
    });
    expect(optOut.status).toBe(200);
    const alone = await eventually(() => figuresFromB(), (value) => value.companies.length === 0, 20_000);
    expect(alone.sites).toEqual([]);
  });
});
