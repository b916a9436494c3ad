import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { extensionWorker, launchExtensionContext } from './extension-context';
import { expect, test } from './fixtures';

/** Jobs using every list and field the export has to carry, as another device would hold them. */
function seedJobs(now: number) {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const base = { schemaVersion: 2, source: 'manual', isActive: true, company: 'Acme Robotics', platform: 'other' };
  return [
    {
      ...base,
      id: 'linkedin:4012345678',
      platform: 'linkedin',
      siteJobId: '4012345678',
      title: 'Senior Frontend Engineer',
      url: 'https://www.linkedin.com/jobs/view/4012345678/',
      status: 'interview',
      appliedAt: at(3000),
      statusHistory: [
        { status: 'applied', at: at(3000) },
        { status: 'interview', at: at(1000) },
      ],
      location: 'Berlin, Germany',
      salary: '€80k–€95k',
      description: 'Build things.\nWith "quotes", commas, and lines.',
      followUpAt: at(-60 * 24 * 30),
      notes: [{ id: 'n1', text: 'Recruiter said "next week"; bring portfolio', at: at(900) }],
      contacts: [{ id: 'c1', name: 'Ada Lovelace', role: 'Recruiter', email: 'ada@acme.example' }],
      interviews: [{ id: 'i1', at: at(-60 * 24 * 3), label: 'Onsite' }],
      tags: ['remote', 'dream job'],
      createdAt: at(3000),
      updatedAt: at(1000),
    },
    {
      ...base,
      id: 'other:url.import1',
      title: '=SUM(A1) Data Analyst',
      company: 'Zürich Ünïcode & Co',
      url: 'https://careers.globex.example/jobs/77',
      status: 'saved',
      statusHistory: [{ status: 'saved', at: at(500) }],
      tags: ['a;b', 'c'],
      createdAt: at(500),
      updatedAt: at(500),
    },
    {
      ...base,
      id: 'manual:abc123',
      title: 'Platform Engineer',
      url: 'https://initech.example/careers/7',
      status: 'rejected',
      appliedAt: at(10000),
      statusHistory: [
        { status: 'applied', at: at(10000) },
        { status: 'rejected', at: at(20) },
      ],
      createdAt: at(10000),
      updatedAt: at(20),
    },
  ];
}

async function openSettings(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/settings`);
  await expect(page.getByRole('heading', { name: 'Import' })).toBeVisible();
  return page;
}

async function importFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('File to import (JSON or CSV)').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

async function exportAs(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Every live job document as the database stores it, without RxDB's own bookkeeping. */
function allStoredJobs(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    const name = names.filter((n) => /^rxdb-dexie-trackruit--\d+--jobs$/.test(n)).sort().pop();
    if (!name) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const docs = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction('docs', 'readonly').objectStore('docs').getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
      return docs
        .filter((doc) => doc._deleted !== '1' && doc._deleted !== true)
        .map((doc) => Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))))
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    } finally {
      db.close();
    }
  });
}

test('JSON and CSV exports import into a fresh profile unchanged, and importing again adds nothing', async ({ context, extensionId }) => {
  const seed = seedJobs(Date.now());
  const source = await openSettings(context, extensionId);
  await importFile(source, 'seed.json', 'application/json', Buffer.from(JSON.stringify(seed)));
  await expect(source.getByTestId('import-report')).toContainText('Imported 3 applications from 3 jobs.');
  const original = await allStoredJobs(source);
  expect(original.map((job) => job.id)).toEqual(['linkedin:4012345678', 'manual:abc123', 'other:url.import1']);
  const rich = seed[0] as Record<string, unknown>;
  expect(original[0]).toMatchObject({ notes: rich.notes, contacts: rich.contacts, interviews: rich.interviews, tags: rich.tags });

  const json = await exportAs(source, 'Export JSON');
  expect(json.name).toMatch(/^trackruit-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(source.getByText(`Saved 3 applications to ${json.name}.`)).toBeVisible();
  const csv = await exportAs(source, 'Export CSV');
  expect(csv.name).toMatch(/^trackruit-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text).toContain("'=SUM(A1) Data Analyst");
  expect(csv.text).toContain('remote; dream job');

  const fresh = await launchExtensionContext();
  try {
    const freshId = new URL((await extensionWorker(fresh.context)).url()).host;
    const target = await openSettings(fresh.context, freshId);
    expect(await allStoredJobs(target)).toEqual([]);

    await importFile(target, csv.name, 'text/csv', Buffer.from(csv.text));
    await expect(target.getByTestId('import-report')).toContainText('Imported 3 applications from 3 rows.');
    expect(await allStoredJobs(target)).toEqual(original);

    // The JSON export of the same jobs: every one is already here, so nothing is added or changed.
    await importFile(target, json.name, 'application/json', Buffer.from(json.text));
    const report = target.getByTestId('import-report');
    await expect(report).toContainText('Imported 0 applications from 3 jobs.');
    await expect(report).toContainText('3 were already on this device and left as they are');
    expect(await allStoredJobs(target)).toEqual(original);
    await expectNoSeriousA11yViolations(target);

    // Start over on this device, then the lossless JSON alone brings back the same jobs.
    await target.getByRole('button', { name: 'Delete local data…' }).click();
    await expect(target.getByText('Delete all 3 applications from this device?')).toBeVisible();
    await target.getByRole('button', { name: 'Delete 3 applications' }).click();
    await expect(target.getByText('Deleted 3 applications from this device.')).toBeVisible();
    await expect.poll(() => allStoredJobs(target)).toEqual([]);
    await importFile(target, json.name, 'application/json', Buffer.from(json.text));
    await expect(target.getByTestId('import-report')).toContainText('Imported 3 applications from 3 jobs.');
    expect(await allStoredJobs(target)).toEqual(original);
  } finally {
    await fresh.close();
  }
});

test("another tracker's CSV: columns and statuses mapped, unreadable rows listed with their reasons", async ({ context, extensionId }) => {
  const page = await openSettings(context, extensionId);
  const csv = [
    'Job Title,Company Name,Job Link,Stage,Applied On,Notes',
    'Backend Engineer,Hooli,https://hooli.example/jobs/1,Interviewing,2026-02-03,Great team',
    'SRE,Pied Piper,https://piedpiper.example/jobs/2,Wishlist,,',
    ',Nameless,https://nameless.example/jobs/3,Applied,2026-02-03,',
    'Designer,Aviato,,Offered,2026-02-03,',
    'Backend Engineer,Hooli,https://hooli.example/jobs/1?utm_source=mail,Interviewing,2026-02-03,',
  ].join('\n');
  await importFile(page, 'huntr-export.csv', 'text/csv', Buffer.from(csv));
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Imported 2 applications from 5 rows.');
  await expect(report.getByRole('alert')).toContainText('2 rows could not be read');
  await expect(report).toContainText('Row 4: Job Title: is empty: every job needs a title');
  await expect(report).toContainText('Row 5: Job Link: is empty: every job needs the address of its posting');
  await expect(report).toContainText('1 row repeats an earlier row of the file (same posting)');
  const stored = await allStoredJobs(page);
  expect(stored.map((job) => [job.title, job.status])).toEqual(
    expect.arrayContaining([
      ['Backend Engineer', 'interview'],
      ['SRE', 'saved'],
    ]),
  );

  await page.getByRole('link', { name: 'Applications' }).click();
  await expect(page.getByRole('banner').getByText('2 applications', { exact: true })).toBeVisible();
});

test('a file over the size limit is refused with the limit named, and nothing is stored', async ({ context, extensionId }) => {
  const page = await openSettings(context, extensionId);
  const big = Buffer.alloc(21 * 1024 * 1024, 'a');
  await page.getByLabel('File to import (JSON or CSV)').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: big });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The file is 21.0 MB; TrackRuit imports files up to 20.0 MB.');
  expect(await allStoredJobs(page)).toEqual([]);
});
