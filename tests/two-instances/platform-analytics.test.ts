/**
 * Platform analytics (the pooled figures job seekers see) with two real
 * instances: what A computed from writes through A is answered by B, and
 * stays there when the account is then changed through B, which never made
 * that user's database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommunityFigures } from '../../shared/admin/console-api';
import { jobThrough } from '../../shared/insights/test-jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { ServerDatabase } from '../helpers/server-database';
import { startDeployment, type Deployment } from './deployment';

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
let deployment: Deployment;

beforeAll(async () => {
  // Groups of two are shown, so two users make a figure.
  deployment = await startDeployment({ env: { ANALYTICS_MIN_GROUP: '2' } });
}, 90_000);

afterAll(async () => {
  await deployment?.stop();
});

it('answers on B the figures A computed, also after the account changed through B', async () => {
  const sessions = [];
  for (const [name, days] of [['ada', 4], ['bob', 8]] as const) {
    const email = `two-platform-${name}-${Date.now()}@example.com`;
    sessions.push(await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email, password: PASSWORD, name }));
    const db = await ServerDatabase.open(deployment.a.url, { email, password: PASSWORD });
    await db.put(jobThrough(at(30), [['interview', at(30 - days)]], { company: 'Initech', platform: 'linkedin' }));
  }
  const [ada] = sessions;
  const figuresOn = async (base: string): Promise<CommunityFigures> => {
    const response = await fetch(`${base}/api/analytics/community?companies=Initech&sites=linkedin`, { headers: { authorization: `Bearer ${ada!.accessToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as CommunityFigures;
  };
  const expected = [{ company: 'Initech', medianResponseDays: 6, users: 2 }];
  expect((await eventually(() => figuresOn(deployment.b.url), (figures) => figures.companies.length === 1, 20_000)).companies).toEqual(expected);

  // An account change through B makes B look at Ada's contribution again.
  const renamed = await fetch(`${deployment.b.url}/api/auth/profile`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ada!.accessToken}` },
    body: JSON.stringify({ name: 'Ada L.' }),
  });
  expect(renamed.status).toBe(200);
  // Asked until both have had time to act on it; a dropped contribution leaves one user, under the group size.
  for (let n = 0; n < 10; n += 1) {
    for (const instance of [deployment.a, deployment.b]) expect((await figuresOn(instance.url)).companies, `figures on ${instance.name}`).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});
