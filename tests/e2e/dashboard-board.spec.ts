import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { build } from 'esbuild';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { storedJob } from './local-jobs';

/**
 * The board, in the built extension with no server and the browser offline:
 * moves by keyboard, by the "Move to…" menu and by pointer drag, each
 * recorded in the job's status history; and a board of 20,000 applications.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Jobs go in through the extension's own import path (`insertJobsInChunks`),
 * run in a document of the extension's origin so it writes the IndexedDB the
 * dashboard reads. `status(i)` places job i; job i is newer than job i-1.
 */
const SEED_SOURCE = `
import { insertJobsInChunks } from './extension/db/bulk-insert';
import { openDatabase } from './extension/db/database';
import { JOB_DOC_VERSION, JOB_STATUSES } from './shared/schema/job';

globalThis.boardSeed = async (count, spread) => {
  const start = Date.parse('2026-01-05T09:00:00.000Z');
  const docs = Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 60_000).toISOString();
    // Every spread-th job goes round the other columns; the rest are in Applied.
    const others = JOB_STATUSES.filter((status) => status !== 'applied');
    const status = spread > 0 && i % spread === 0 ? others[(i / spread) % others.length] : 'applied';
    return {
      id: 'seed:' + i, schemaVersion: JOB_DOC_VERSION, title: 'Seeded job ' + i, company: 'Company ' + (i % 500),
      location: i % 3 ? 'Berlin' : 'Remote', platform: 'other', url: 'https://jobs.example/' + i, status,
      statusHistory: [{ status, at }], appliedAt: at, source: 'manual', isActive: true, createdAt: at, updatedAt: at,
    };
  });
  const db = await openDatabase();
  try {
    const result = await insertJobsInChunks(db.jobs, docs);
    return { inserted: result.inserted.length, failures: result.failures.length };
  } finally {
    await db.close();
  }
};
`;

let bundled: Promise<string> | undefined;
function seedBundle(): Promise<string> {
  bundled ??= build({
    stdin: { contents: SEED_SOURCE, resolveDir: ROOT, loader: 'ts', sourcefile: 'board-seed.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

async function seedJobs(context: BrowserContext, extensionId: string, count: number, spread = 0): Promise<void> {
  const page = await context.newPage();
  try {
    // A page of the extension that runs no script of its own.
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    // zod would probe `new Function`, which succeeds for code evaluated through DevTools and
    // then fails under the extension's CSP; the extension itself never takes that path.
    await page.evaluate(() => {
      (globalThis as unknown as { __zod_globalConfig: object }).__zod_globalConfig = { jitless: true };
    });
    await page.evaluate(await seedBundle());
    const result = await page.evaluate(
      ([n, s]) => (globalThis as unknown as { boardSeed(n: number, s: number): Promise<{ inserted: number; failures: number }> }).boardSeed(n, s),
      [count, spread] as const,
    );
    expect(result).toEqual({ inserted: count, failures: 0 });
  } finally {
    await page.close();
  }
}

async function openBoard(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/board`);
  await expect(page.getByRole('heading', { level: 2, name: 'Board' })).toBeVisible();
  return page;
}

const column = (page: Page, status: string): Locator => page.locator(`section.board-column[data-status="${status}"]`);
const card = (page: Page, id: string): Locator => page.locator(`.board-card[data-job-id="${id}"]`);

async function history(page: Page, id: string): Promise<{ status: string; at: string }[]> {
  return ((await storedJob(page, id))?.statusHistory ?? []) as { status: string; at: string }[];
}

test('cards move by keyboard and by their Move to… menu; each move is in the status history and survives a reload', async ({
  context,
  extensionId,
}) => {
  await seedJobs(context, extensionId, 3);
  await context.setOffline(true);
  const page = await openBoard(context, extensionId);

  await expect(column(page, 'applied').getByRole('heading')).toHaveText('Applied 3 applications');
  await expect(column(page, 'assessment').getByRole('heading')).toHaveText('Assessment 0 applications');
  // Newest change first.
  await expect(column(page, 'applied').locator('.card-title')).toHaveText(['Seeded job 2', 'Seeded job 1', 'Seeded job 0']);

  // Keyboard drag: Space picks the card up, → moves a whole column, Space drops.
  const before = Date.now();
  const handle = page.getByRole('button', { name: 'Pick up Seeded job 2 at Company 2' });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('Picked up Seeded job 2 at Company 2, in Applied.')).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Seeded job 2 at Company 2 is over Assessment.')).toBeAttached();
  await page.keyboard.press('Space');
  await expect(page.getByText('Seeded job 2 at Company 2 moved from Applied to Assessment.')).toBeAttached();
  await expect(column(page, 'assessment').locator(card(page, 'seed:2'))).toBeVisible();
  await expect(column(page, 'assessment').getByRole('heading')).toHaveText('Assessment 1 application');
  await expect(column(page, 'applied').getByRole('heading')).toHaveText('Applied 2 applications');
  // Focus stays with the card, in its new column.
  await expect(page.getByRole('button', { name: 'Pick up Seeded job 2 at Company 2' })).toBeFocused();
  await expect.poll(() => history(page, 'seed:2')).toHaveLength(2);
  const moved = (await history(page, 'seed:2'))[1]!;
  expect(moved.status).toBe('assessment');
  expect(Date.parse(moved.at)).toBeGreaterThanOrEqual(before - 1000);

  // Two columns at once, then Escape: nothing moves.
  await page.keyboard.press('Space');
  await expect(page.getByText('Picked up Seeded job 2 at Company 2, in Assessment.')).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Seeded job 2 at Company 2 is over Interview.')).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Seeded job 2 at Company 2 is over Offer.')).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Move cancelled; Seeded job 2 at Company 2 stays in Assessment.')).toBeAttached();
  await expect(column(page, 'assessment').locator(card(page, 'seed:2'))).toBeVisible();
  expect(await history(page, 'seed:2')).toHaveLength(2);

  // The plain alternative: a menu of the other columns.
  const menuButton = page.getByRole('button', { name: 'Move to… (Seeded job 1 at Company 1)' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Move Seeded job 1 at Company 1 to' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Saved', 'Assessment', 'Interview', 'Offer', 'Accepted', 'Rejected', 'Withdrawn', 'Ghosted']);
  await expect(menu.getByRole('menuitem', { name: 'Saved' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Interview' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(column(page, 'interview').locator(card(page, 'seed:1'))).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Seeded job 1 at Company 1 moved from Applied to Interview.' })).toBeAttached();
  await expect(page.getByRole('button', { name: 'Move to… (Seeded job 1 at Company 1)' })).toBeFocused();
  await expect.poll(async () => (await history(page, 'seed:1')).map((change) => change.status)).toEqual(['applied', 'interview']);

  // Escape closes the menu and returns focus to its button without moving anything.
  await page.getByRole('button', { name: 'Move to… (Seeded job 0 at Company 0)' }).click();
  await expect(page.getByRole('menu', { name: 'Move Seeded job 0 at Company 0 to' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Move Seeded job 0 at Company 0 to' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Move to… (Seeded job 0 at Company 0)' })).toBeFocused();

  // To the last column, out of view: the board scrolls along as the card travels.
  await page.getByRole('button', { name: 'Pick up Seeded job 0 at Company 0' }).focus();
  await page.keyboard.press('Space');
  // Arrows before the pick-up has rendered would move nothing, as for a person pressing that fast.
  await expect(page.getByText('Picked up Seeded job 0 at Company 0, in Applied.')).toBeAttached();
  // dnd-kit's keyboard sensor starts listening, and measures the columns, a moment after the
  // pick-up (a timer and a layout pass): the first arrow waits for that, and is pressed again only
  // if it moved nothing (failed once in CI under load).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(async () => {
    if ((await page.getByText(/Seeded job 0 at Company 0 is over /).count()) === 0) await page.keyboard.press('ArrowRight');
    await expect(page.getByText('Seeded job 0 at Company 0 is over Assessment.')).toBeAttached({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  for (const name of ['Interview', 'Offer', 'Accepted', 'Rejected', 'Withdrawn', 'Ghosted']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByText(`Seeded job 0 at Company 0 is over ${name}.`)).toBeAttached();
  }
  await page.keyboard.press('Space');
  await expect(column(page, 'ghosted').locator(card(page, 'seed:0'))).toBeInViewport();
  await expect.poll(async () => (await history(page, 'seed:0')).map((change) => change.status)).toEqual(['applied', 'ghosted']);

  await page.reload();
  await expect(column(page, 'assessment').locator(card(page, 'seed:2'))).toBeVisible();
  await expect(column(page, 'interview').locator(card(page, 'seed:1'))).toBeVisible();
  await expect(column(page, 'applied').locator('.board-card')).toHaveCount(0);
  await expect(column(page, 'applied').getByText('Nothing here yet.')).toBeVisible();

  // A card opens its job.
  await card(page, 'seed:1').getByRole('link', { name: 'Seeded job 1' }).click();
  await expect(page).toHaveURL(/#\/jobs\/seed%3A1$/);
  await expect(page.getByRole('region', { name: 'Status history' }).getByRole('listitem')).toHaveCount(2);
});

test('a card dragged with the pointer lands in the column it is dropped on', async ({ context, extensionId }) => {
  await seedJobs(context, extensionId, 2);
  await context.setOffline(true);
  const page = await openBoard(context, extensionId);
  const source = card(page, 'seed:1');
  const target = column(page, 'offer');
  await expect(source).toBeVisible();

  const from = (await source.locator('.card-meta').boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Past the activation distance, then across in steps as a hand would.
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 150, { steps: 12 });
  await expect(target).toHaveClass(/is-over/);
  await page.mouse.up();

  await expect(target.locator(card(page, 'seed:1'))).toBeVisible();
  await expect(page.getByText('Seeded job 1 at Company 1 moved from Applied to Offer.')).toBeAttached();
  await expect.poll(async () => (await history(page, 'seed:1')).map((change) => change.status)).toEqual(['applied', 'offer']);

  // A click without moving is not a drag: it opens the job.
  await card(page, 'seed:0').getByRole('link', { name: 'Seeded job 0' }).click();
  await expect(page).toHaveURL(/#\/jobs\/seed%3A0$/);
  expect(await history(page, 'seed:0')).toHaveLength(1);
});

test('the board has no serious accessibility violations, in light and dark, with a menu open', async ({ context, extensionId }) => {
  await seedJobs(context, extensionId, 30, 2);
  const page = await openBoard(context, extensionId);
  await expect(column(page, 'applied').locator('.board-card').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Move to… (Seeded job 29 at Company 29)' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press('Escape');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});

test('with 20,000 applications the columns draw only the cards in view, and a move shows at once', async ({ context, extensionId }) => {
  test.setTimeout(240_000);
  const COUNT = 20_000;
  // 1 in 10 go round the other columns: Applied holds 18,000.
  await seedJobs(context, extensionId, COUNT, 10);
  await context.setOffline(true);
  const page = await openBoard(context, extensionId);
  const applied = column(page, 'applied');
  // Times since the navigation started, read in the page: first card drawn, then every count complete.
  const firstCardMs = await page.waitForFunction(() => document.querySelector('.board-card') && performance.now(), undefined, { polling: 'raf' });
  const completeMs = await page.waitForFunction(
    () => document.querySelector('section[data-status="applied"] h3')?.textContent?.includes('18,000') && performance.now(),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const loadFigures = `first card at ${Math.round(Number(await firstCardMs.jsonValue()))} ms, all 20,000 counted at ${Math.round(Number(await completeMs.jsonValue()))} ms after navigation`;
  await expect(applied.getByRole('heading')).toHaveText('Applied 18,000 applications');
  await expect(column(page, 'saved').getByRole('heading')).toHaveText('Saved 250 applications');

  // Virtualised: a column of 18,000 has a screenful of cards in the DOM.
  const drawn = await applied.locator('.board-card').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(30);
  expect(await page.locator('.board-card').count()).toBeLessThan(200);

  // The oldest card is reachable by scrolling to the end of the column.
  await applied.locator('.column-scroll').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(card(page, 'seed:1')).toBeVisible();
  expect(await applied.locator('.board-card').count()).toBeLessThan(30);

  // ↑/↓ walk the column past what is drawn: End goes to the last card, scrolling the list.
  await applied.locator('.column-scroll').evaluate((element) => element.scrollTo({ top: 0 }));
  await card(page, 'seed:19999').getByRole('link').focus();
  await page.keyboard.press('End');
  await expect(card(page, 'seed:1').getByRole('link')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(card(page, 'seed:19999').getByRole('link')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(card(page, 'seed:19998').getByRole('link')).toBeFocused();

  // A move through the menu, timed in the page: from the click's event time to the card in its
  // new column (a MutationObserver), and the longest main-thread task from the click until the
  // stored move is counted.
  await page.getByRole('button', { name: 'Move to… (Seeded job 19998 at Company 498)' }).click();
  await page.evaluate(() => {
    const probe = { clickAt: 0, shownAt: 0, countedAt: 0, longTasks: [] as number[] };
    (globalThis as unknown as { boardProbe: typeof probe }).boardProbe = probe;
    new PerformanceObserver((list) => probe.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
    document.addEventListener('click', (event) => (probe.clickAt ||= event.timeStamp), { capture: true, once: true });
    const ghosted = document.querySelector('section[data-status="ghosted"]')!;
    const appliedHeading = document.querySelector('section[data-status="applied"] h3')!;
    new MutationObserver(() => {
      probe.shownAt ||= ghosted.querySelector('[data-job-id="seed:19998"]') ? performance.now() : 0;
      probe.countedAt ||= appliedHeading.textContent?.includes('17,999') ? performance.now() : 0;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Ghosted' }).click();
  await expect(column(page, 'ghosted').locator(card(page, 'seed:19998'))).toBeVisible();
  await expect(applied.getByRole('heading')).toHaveText('Applied 17,999 applications');
  await expect.poll(async () => (await history(page, 'seed:19998')).map((change) => change.status)).toEqual(['applied', 'ghosted']);
  // Until the database's answer has been drawn, so its work is in the long tasks too.
  await page.waitForTimeout(1_000);
  const probe = await page.evaluate(() => (globalThis as unknown as { boardProbe: { clickAt: number; shownAt: number; countedAt: number; longTasks: number[] } }).boardProbe);
  const shownMs = Math.round(probe.shownAt - probe.clickAt);
  const longest = Math.round(Math.max(0, ...probe.longTasks));
  const figures = `${loadFigures}; a move shown ${shownMs} ms after the click, longest main-thread task ${longest} ms (${probe.longTasks.length} over 50 ms)`;
  test.info().annotations.push({ type: `board move with ${COUNT} jobs`, description: figures });
  console.log(`board move with ${COUNT} jobs: ${figures}`);
  expect(probe.shownAt).toBeGreaterThan(0);
  // The move is drawn before the database answers; bounds generous enough for a loaded CI core.
  expect(shownMs).toBeLessThan(500);
  expect(longest).toBeLessThan(1_000);
});
