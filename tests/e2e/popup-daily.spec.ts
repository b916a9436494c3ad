import { startOfDay, startOfWeek } from '../../extension/popup/today-counts';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';
import { storedJob } from './local-jobs';

const HOUR = 60 * 60 * 1000;

function job(n: number, title: string, fields: Record<string, unknown>) {
  const at = new Date(Date.now() - 60 * 24 * HOUR).toISOString();
  return {
    schemaVersion: 2,
    id: `manual:daily${n}`,
    title,
    company: `Company ${n}`,
    platform: 'other',
    url: `https://jobs.example/${n}`,
    source: 'manual',
    isActive: true,
    status: 'applied',
    statusHistory: [{ status: 'applied', at }],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}


test("the popup counts today's and this week's applications and moves a job's status in one step", async ({ context, extensionId }) => {
  const now = Date.now();
  const dayStart = startOfDay(new Date(now)).getTime();
  const weekStart = startOfWeek(new Date(now)).getTime();
  // Halfway through today so far: today whatever the hour; an hour before today: this week unless today is Monday.
  const today = new Date(dayStart + (now - dayStart) / 2).toISOString();
  const beforeToday = new Date(dayStart - HOUR).toISOString();
  const longAgo = new Date(now - 40 * 24 * HOUR).toISOString();
  const touched = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  await importJobs(context, extensionId, [
    job(1, 'Frontend Engineer', { appliedAt: today, updatedAt: touched(1) }),
    job(2, 'Backend Engineer', { appliedAt: today, updatedAt: touched(2) }),
    job(3, 'Data Engineer', { appliedAt: beforeToday, updatedAt: touched(3) }),
    job(4, 'Designer', { appliedAt: longAgo, status: 'rejected', updatedAt: touched(4) }),
    job(5, 'Product Manager', { status: 'saved', statusHistory: [{ status: 'saved', at: longAgo }], updatedAt: touched(5) }),
    job(6, 'Old Role', { appliedAt: longAgo }),
  ]);
  const weekBefore = Date.parse(beforeToday) >= weekStart ? 1 : 0;

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('count-today')).toHaveText('2');
  await expect(popup.getByTestId('count-week')).toHaveText(String(2 + weekBefore));

  const latest = popup.getByRole('list', { name: 'Latest applications' }).getByRole('listitem');
  await expect(latest).toHaveCount(5);
  await expect(latest.first()).toContainText('Frontend Engineer');
  await expect(popup.getByText('Old Role')).toHaveCount(0);

  // Quick status change: stored with its history entry, and the job becomes the newest change.
  await popup.getByLabel('Status of Backend Engineer at Company 2').selectOption('interview');
  await expect.poll(async () => (await storedJob(popup, 'manual:daily2'))?.status).toBe('interview');
  const moved = await storedJob(popup, 'manual:daily2');
  expect((moved?.statusHistory as { status: string }[]).map((entry) => entry.status)).toEqual(['applied', 'interview']);
  await expect(latest.first()).toContainText('Backend Engineer');
  await expect(popup.getByLabel('Status of Backend Engineer at Company 2')).toHaveValue('interview');

  // Applying to a saved job from the popup counts as applied today, at once.
  await popup.getByLabel('Status of Product Manager at Company 5').selectOption('applied');
  await expect(popup.getByTestId('count-today')).toHaveText('3');
  await expect(popup.getByTestId('count-week')).toHaveText(String(3 + weekBefore));
  expect((await storedJob(popup, 'manual:daily5'))?.appliedAt).toEqual(expect.any(String));

  await expectNoSeriousA11yViolations(popup);

  const dashboard = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Open dashboard' }).click();
  await expect(await dashboard).toHaveURL(`chrome-extension://${extensionId}/dashboard.html`);
});

test('the theme chosen in Settings applies to the dashboard and the popup, and stays after a reload', async ({ context, extensionId }) => {
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(settings.getByRole('radio', { name: 'Same as the system' })).toBeChecked();
  await settings.getByRole('radio', { name: 'Dark' }).check();
  await expect(settings.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = () => settings.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(21, 24, 29)');
  await expectNoSeriousA11yViolations(settings);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoSeriousA11yViolations(popup);

  await settings.getByRole('radio', { name: 'Light' }).check();
  await expect(popup.locator('html')).toHaveAttribute('data-theme', 'light');
  await settings.reload();
  await expect(settings.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(settings.getByRole('radio', { name: 'Light' })).toBeChecked();
  expect(await background()).toBe('rgb(255, 255, 255)');
  await expectNoSeriousA11yViolations(settings);
});
