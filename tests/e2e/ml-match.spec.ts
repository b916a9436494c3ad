import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';
import { storedJob } from './local-jobs';
import { newAccount, openPopup, signIn } from './sync-account';

/**
 * Match, the Match column and interview odds in the built extension, with no
 * server and the browser offline: the resume is read, matched and the odds
 * fitted on the device, in the ML worker.
 */

const RESUME_PDF = path.resolve('tests/fixtures/resumes/resume1_single_column.pdf');
const DATA_SCIENTIST_PDF = path.resolve('tests/fixtures/resumes/resume2_two_column.pdf');

let server: TestServer | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Adds a job through "Add a job" and returns its id. */
async function addJob(page: Page, fields: { title: string; company: string; url: string; status: string }): Promise<string> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/new');
  const form = page.getByRole('form', { name: 'Add a job' });
  await form.getByLabel('Title').fill(fields.title);
  await form.getByLabel('Company').fill(fields.company);
  await form.getByLabel('Posting link').fill(fields.url);
  await form.getByLabel('Status').selectOption({ label: fields.status });
  await form.getByRole('button', { name: 'Add job' }).click();
  await expect(page).toHaveURL(/#\/jobs\/manual%3A[0-9a-f]{32}$/);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/jobs/', ''));
}

async function setDescription(page: Page, description: string): Promise<void> {
  const details = page.getByRole('form', { name: 'Details' });
  await details.getByLabel('Description').fill(description);
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Saved.');
}

/** Adds the single-column resume on the Resumes page (it becomes the active one) and waits until it is read. */
async function addMariasResume(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/resumes`);
  await page.getByLabel('Choose a file').setInputFiles(RESUME_PDF);
  await expect(page.getByRole('form', { name: 'Edit resume1 single column' }).getByLabel('Name', { exact: true })).toHaveValue('Maria Elena Fischer', { timeout: 60_000 });
}

const score = async (page: Page) => Number(await page.locator('.match-score').getAttribute('data-score'));

test('the Match panel explains the score with evidence, follows the description, fills the Match column, and the odds show the base rate', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await context.setOffline(true);
  const page = await context.newPage();
  await addMariasResume(page, extensionId);

  // Two settled applications make the history the odds read: one interview, one rejection.
  await addJob(page, { title: 'Registered Nurse', company: 'Mercy Hospital', url: 'https://jobs.example/nurse', status: 'Interview' });
  await addJob(page, { title: 'Pastry Chef', company: 'Le Four', url: 'https://jobs.example/chef', status: 'Rejected' });
  const id = await addJob(page, { title: 'Senior Backend Engineer', company: 'Payflow', url: 'https://jobs.example/backend', status: 'Applied' });
  await setDescription(page, 'Requirements: Kafka, PostgreSQL, Kubernetes and Rust.\nNice to have: Terraform.');

  const panel = page.getByRole('region', { name: 'Match' });
  await expect(panel.getByLabel('Resume')).toHaveValue(/.+/);
  await expect(panel.getByLabel('Resume').locator('option:checked')).toHaveText('resume1 single column (active)');
  const required = panel.getByRole('list', { name: 'Required skills' });
  await expect(required.locator('li').filter({ hasText: 'Kafka: met' })).toContainText('Kafka Streams');
  await expect(required.locator('li').filter({ hasText: 'Rust: missing' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Nice-to-have skills' })).toContainText('Terraform: met');
  await expect(panel).toContainText('Computed on this device');
  await expect(panel).toContainText(/match-\d+\.\d+\.\d+, taxonomy /);
  await expectNoSeriousA11yViolations(page);
  const first = await score(page);
  expect(first).toBeGreaterThan(0);
  await expect.poll(async () => ((await storedJob(page, id))?.mlAnalysis as { matchScore?: number } | undefined)?.matchScore).toBe(first);

  // Another description: another score, and the stored analysis follows.
  await setDescription(page, 'Requirements: Rust, Elixir, Haskell and OCaml.');
  await expect(required.locator('li').filter({ hasText: 'Elixir: missing' })).toBeVisible();
  await expect.poll(() => score(page)).toBeLessThan(first);
  const second = await score(page);
  await expect.poll(async () => ((await storedJob(page, id))?.mlAnalysis as { matchScore?: number } | undefined)?.matchScore).toBe(second);

  // Odds: two outcomes are far from enough for a model, so the base rate with its interval.
  const odds = page.getByRole('region', { name: 'Interview odds' });
  await expect(odds).toContainText(/50% of your applications reached an interview \(1 of 2; 95% interval \d+% to \d+%\)/);
  await expect(odds).toContainText('after 18 more outcomes');

  // The Match column: every job is scored in the background; sorting puts the best first, then last.
  await page.goto(page.url().replace(/#.*$/, '') + '#/table');
  const matchCells = page.locator('tbody tr[data-job-id] td.col-match');
  await expect(matchCells).toHaveCount(3);
  await expect.poll(async () => (await matchCells.allTextContents()).every((t) => /^\d+$/.test(t))).toBe(true);
  const header = page.getByRole('columnheader', { name: 'Match' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = (await matchCells.allTextContents()).map(Number);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = (await matchCells.allTextContents()).map(Number);
  expect(ascending).toEqual([...descending].reverse());
});

test('a job without a description is matched on its title only; of two resumes, the one that fits best is found and can be picked', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await context.setOffline(true);
  const page = await context.newPage();
  await addMariasResume(page, extensionId);
  await page.getByLabel('Choose a file').setInputFiles(DATA_SCIENTIST_PDF);
  await expect(page.getByRole('form', { name: 'Edit resume2 two column' })).toBeVisible({ timeout: 60_000 });

  await addJob(page, { title: 'Data Scientist', company: 'Northwind', url: 'https://jobs.example/ds', status: 'Saved' });
  const panel = page.getByRole('region', { name: 'Match' });
  await expect(panel.getByText('Based on the title only: this job has no description.')).toBeVisible();

  await setDescription(page, 'Requirements: Python, PyTorch, Spark and Airflow. Nice to have: dbt.');
  await expect(panel.getByText('Based on the title only: this job has no description.')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Which of my resumes fits best?' }).click();
  const ranking = panel.getByRole('list', { name: 'Your resumes for this job, best first' });
  await expect(ranking.getByRole('listitem')).toHaveCount(2);
  await expect(ranking.getByRole('listitem').first()).toContainText('resume2 two column');
  const best = Number(/(\d+)\/100/.exec((await ranking.getByRole('listitem').first().textContent()) ?? '')?.[1]);
  await ranking.getByRole('button', { name: 'resume2 two column' }).click();
  await expect(panel.getByLabel('Resume').locator('option:checked')).toHaveText(/^resume2 two column/);
  await expect.poll(() => score(page)).toBe(best);
  await expect(panel.getByRole('list', { name: 'Required skills' }).locator('li').filter({ hasText: 'PyTorch: met' })).toBeVisible();
});

test('signed in and online, the server answers the match and the panel says so; with the server gone, the device answers, and its score is the one stored', async ({ context, extensionId }) => {
  test.setTimeout(150_000);
  server = await startTestServer();
  const account = newAccount('Maria Match');
  await createVerifiedAccount(server, account);
  const popup = await openPopup(context, extensionId);
  await signIn(popup, server.url, account);

  const page = await context.newPage();
  await addMariasResume(page, extensionId);
  await addJob(page, { title: 'Senior Backend Engineer', company: 'Payflow', url: 'https://jobs.example/backend', status: 'Applied' });
  await setDescription(page, 'Requirements: Kafka, PostgreSQL, Kubernetes and Rust.');

  const panel = page.getByRole('region', { name: 'Match' });
  // The first answer waits for the server's workers to load the engine (and its embedding model).
  await expect(panel).toContainText(/Computed by the server/, { timeout: 60_000 });
  await expect(panel.getByRole('list', { name: 'Required skills' }).locator('li').filter({ hasText: 'Kafka: met' })).toContainText('Kafka Streams');

  await server.stop();
  server = undefined;
  await page.reload();
  await expect(panel).toContainText('Computed on this device');
  // The score stored on the job is always the device's: the table and the odds never wait on the server.
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/jobs/', ''));
  await expect.poll(async () => ((await storedJob(page, id))?.mlAnalysis as { matchScore?: number } | undefined)?.matchScore).toBe(await score(page));
});

/** An application as the importer takes it, applied `daysAgo` days ago and settled as `outcome`. */
function settledJob(n: number, outcome: 'interview' | 'rejected' | 'applied', withContact: boolean, daysAgo: number) {
  const applied = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const later = new Date(Date.now() - (daysAgo - 5) * 86_400_000).toISOString();
  return {
    schemaVersion: 2,
    id: `manual:odds${n}`,
    title: `Analyst ${n}`,
    company: `Company ${n}`,
    platform: 'other',
    url: `https://jobs.example/odds/${n}`,
    source: 'manual',
    isActive: true,
    status: outcome,
    appliedAt: applied,
    statusHistory: outcome === 'applied' ? [{ status: 'applied', at: applied }] : [{ status: 'applied', at: applied }, { status: outcome, at: later }],
    ...(withContact ? { contacts: [{ id: `c${n}`, name: 'A recruiter' }] } : {}),
    createdAt: applied,
    updatedAt: outcome === 'applied' ? applied : later,
  };
}

test('with enough outcomes the odds come from the model, with the factors behind them', async ({ context, extensionId }) => {
  await context.setOffline(true);
  // 24 settled applications: most that reached an interview had a contact at the company, few of the rejected did.
  const history = Array.from({ length: 24 }, (_, i) => settledJob(i, i < 12 ? 'interview' : 'rejected', i < 12 ? i < 10 : i < 14, 60 - i));
  const page = await importJobs(context, extensionId, [...history, settledJob(99, 'applied', true, 2)]);
  await page.goto(page.url().replace(/#.*$/, '') + `#/jobs/${encodeURIComponent('manual:odds99')}`);
  const odds = page.getByRole('region', { name: 'Interview odds' });
  await expect(odds).toContainText(/\d+% estimated chance of an interview/);
  await expect(odds).toContainText(/50% of your applications reached an interview \(12 of 24; 95% interval \d+% to \d+%\)/);
  await expect(odds.getByRole('list', { name: 'What moves the estimate' })).toContainText('A contact at the company raises the odds');
});
