import type { BrowserContext, Page } from '@playwright/test';
import { jobThrough, makeJob } from '../../shared/insights/test-jobs';
import type { Job } from '../../shared/schema/job';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { newAccount, openPopup, registerAccount, ServerDatabase, signIn, type Account } from './sync-account';

/**
 * The pooled figures against a real server: other people's Globex jobs and
 * LinkedIn answers reach the job page and Insights of a signed-in person, who
 * fetched nothing until opening those pages; with the server gone, the same
 * figures are shown with the time they were fetched.
 */

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const DAY_MS = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
/** Applied 30 days ago on LinkedIn at Globex, invited to interview `days` later. */
const globexAnsweredAfter = (days: number): Job => jobThrough(at(30), [['interview', at(30 - days)]], { company: 'Globex', platform: 'linkedin' });

async function addPerson(name: string, jobs: Job[]): Promise<Account> {
  const account = newAccount(name);
  await registerAccount(server!, account);
  const db = await ServerDatabase.open(server!.url, account);
  for (const job of jobs) await db.put(job);
  return account;
}

async function communityFromServer(account: Account): Promise<unknown> {
  const login = await fetch(new URL('/api/auth/login', server!.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(new URL('/api/analytics/community?companies=Globex&sites=linkedin', server!.url), { headers: { authorization: `Bearer ${accessToken}` } });
  return res.json();
}

type ChromeStorage = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

/** What the extension keeps of the pooled figures (undefined: never fetched). */
async function keptFigures(page: Page): Promise<unknown> {
  return page.evaluate(async () => (await (globalThis as unknown as { chrome: ChromeStorage }).chrome.storage.local.get('communityFigures')).communityFigures);
}

async function openDashboard(context: BrowserContext, extensionId: string, hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html${hash}`);
  return page;
}

test('others\' response times and rates on the job page and Insights, fetched when opened and kept for offline', async ({ context, extensionId }) => {
  // Groups of two are shown here; the default of 10 would need ten accounts.
  server = await startTestServer({ analyticsMinGroup: 2 });
  const adaJob = globexAnsweredAfter(6);
  const ada = await addPerson('Ada Lovelace', [adaJob]);
  await addPerson('Bob Noyce', [globexAnsweredAfter(4)]);
  await addPerson('Cy Young', [globexAnsweredAfter(8), makeJob({ company: 'Initech', platform: 'linkedin', appliedAt: at(20) })]);
  const dee = await addPerson('Dee Hock', [globexAnsweredAfter(6)]);
  // The server aggregates each user's jobs shortly after they are written.
  await expect.poll(() => communityFromServer(dee), { timeout: 15_000 }).toMatchObject({
    companies: [{ company: 'Globex', medianResponseDays: 6, users: 4 }],
    sites: [{ site: 'linkedin', responseRate: 0.8, users: 4 }],
  });

  await signIn(await openPopup(context, extensionId), server.url, ada);
  const settings = await openDashboard(context, extensionId, '#/settings');
  // Signed in and synced, but no page with figures opened yet: nothing was fetched.
  expect(await keptFigures(settings)).toBeUndefined();

  const details = await openDashboard(context, extensionId, `#/jobs/${encodeURIComponent(adaJob.id)}`);
  await expect(details.getByTestId('community-company')).toHaveText('People tracking Globex heard back in a median of 6 days (4 people).');
  await expectNoSeriousA11yViolations(details);
  expect(await keptFigures(settings)).toMatchObject({ value: { companies: { globex: { company: 'Globex', medianResponseDays: 6, users: 4 } } } });

  const insights = await openDashboard(context, extensionId, '#/insights');
  const linkedin = insights.getByTestId('community-site-linkedin');
  await expect(linkedin).toContainText('100%');
  await expect(linkedin).toContainText('80%');
  await expect(linkedin).toContainText('(4 people)');
  await expectNoSeriousA11yViolations(insights);

  // The server is gone: the last figures, with when they were fetched.
  await server.stop();
  await details.reload();
  await expect(details.getByTestId('community-company')).toHaveText('People tracking Globex heard back in a median of 6 days (4 people).');
  await expect(details.getByText(/^Offline: figures from /)).toBeVisible();
  await insights.reload();
  await expect(insights.getByTestId('community-site-linkedin')).toContainText('80%');
  await expect(insights.getByText(/Offline: others' figures from /)).toBeVisible();
});
