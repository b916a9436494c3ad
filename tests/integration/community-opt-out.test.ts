import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityFigures } from '../../shared/admin/console-api';
import { jobThrough } from '../../shared/insights/test-jobs';
import { eventually } from '../helpers/eventually';
import { ServerDatabase } from '../helpers/server-database';
import { signInForTest, TEST_PASSWORD, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The Settings switch "Include my applications in my server's anonymous
 * statistics" reaches the pooled figures: turned off through
 * PATCH /api/auth/preferences, the person's jobs leave the figures (here the
 * group falls below the minimum and disappears), and come back when it is
 * turned on again.
 */

let server: TestServer;
let ada: TestSession;
let bob: TestSession;

const DAY_MS = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();

beforeAll(async () => {
  server = await startTestServer({ analyticsMinGroup: 2 });
  ada = await signInForTest(server, 'ada');
  bob = await signInForTest(server, 'bob');
  for (const [session, days] of [[ada, 4], [bob, 8]] as const) {
    const db = await ServerDatabase.open(server.url, { email: session.user.email, password: TEST_PASSWORD });
    await db.put(jobThrough(at(30), [['interview', at(30 - days)]], { company: 'Globex', platform: 'linkedin' }));
  }
});

afterAll(async () => {
  await server?.stop();
});

async function figures(): Promise<CommunityFigures> {
  const res = await fetch(`${server.url}/api/analytics/community?companies=Globex&sites=linkedin`, { headers: { authorization: `Bearer ${ada.accessToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as CommunityFigures;
}

async function includeInStatistics(session: TestSession, included: boolean) {
  const res = await fetch(`${server.url}/api/auth/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ preferences: { analyticsOptOut: !included } }),
  });
  expect(res.status).toBe(200);
}

describe('analytics opt-out from the preferences route', () => {
  it('takes a person out of the pooled figures and back in', async () => {
    const both = await eventually(figures, (value) => value.companies.length === 1);
    expect(both.companies).toEqual([{ company: 'Globex', medianResponseDays: 6, users: 2 }]);

    await includeInStatistics(bob, false);
    const alone = await eventually(figures, (value) => value.companies.length === 0);
    expect(alone.sites).toEqual([]);

    await includeInStatistics(bob, true);
    expect((await eventually(figures, (value) => value.companies.length === 1)).companies[0]!.users).toBe(2);
  });
});
