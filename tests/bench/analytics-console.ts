import { chromium } from '@playwright/test';
import { totpCode } from '../helpers/admin-session';
import { measureConsoleFirstPaint } from './console/first-paint';

/**
 * The admin console's first paint of its users and analytics pages, in
 * Chromium, against the bench's seeded server (the console must be built:
 * `npm run build:console`, which bench:analytics runs first). The owner is
 * already enrolled: the sign-in takes the code of the next 30-second step,
 * since the current one was used by the bench's own sign-in. Each page is
 * measured BENCH_PAINTS times; the median is kept.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAINTS = Number(process.env.BENCH_PAINTS ?? 5);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function measureConsolePages(url: string, owner: { email: string; password: string; secret: string }): Promise<{ usersMs: number; analyticsMs: number; runs: { usersMs: number[]; analyticsMs: number[] } }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/admin/`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Code from your authenticator app').fill(totpCode(owner.secret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    const runs = { usersMs: [] as number[], analyticsMs: [] as number[] };
    if (process.env.BENCH_DEBUG) {
      await page.goto('about:blank');
      await page.goto(`${url}/admin/#/users`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await page.screenshot({ path: '/tmp/console-debug.png' });
    }
    for (let run = 0; run < PAINTS; run += 1) {
      runs.usersMs.push(await measureConsoleFirstPaint(page, `${url}/admin/#/users`));
      runs.analyticsMs.push(await measureConsoleFirstPaint(page, `${url}/admin/#/analytics`));
    }
    return { usersMs: median(runs.usersMs), analyticsMs: median(runs.analyticsMs), runs };
  } finally {
    await browser.close();
  }
}
