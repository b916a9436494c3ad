import type { Page } from '@playwright/test';
import { GOOD_RESUME } from '../../shared/match/ats-check-fixtures';
import { buildAtsPdf } from '../../shared/resume/export/ats-pdf';
import { expect } from './fixtures';

/** Shared set-up of the ATS check, feedback and Apply next specs: a good resume as a file, and jobs to import. */

/** TrackRuit's ATS PDF of a resume written the way the check asks (shared/match/ats-check-fixtures.ts). */
export async function goodResumeFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return { name: 'Grace Hopper.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await buildAtsPdf(GOOD_RESUME)) };
}

const DAY = 24 * 60 * 60 * 1000;

/** A job as the importer takes it; `minutesAgo` orders the jobs by their last change. */
export function importedJob(n: number, title: string, description: string, status: 'saved' | 'applied', minutesAgo = n) {
  const created = new Date(Date.now() - 10 * DAY).toISOString();
  return {
    schemaVersion: 2,
    id: `manual:ml${n}`,
    title,
    company: `Company ${n}`,
    platform: 'other',
    url: `https://jobs.example/ml/${n}`,
    source: 'manual',
    isActive: true,
    status,
    description,
    statusHistory: [{ status, at: created }],
    ...(status === 'applied' ? { appliedAt: created } : {}),
    createdAt: created,
    updatedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  };
}

/** Opens the Resumes page and adds a file; resolves once its form shows. */
export async function addResume(page: Page, extensionId: string, file: string | { name: string; mimeType: string; buffer: Buffer }, label: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/resumes`);
  await page.getByLabel('Choose a file').setInputFiles(file);
  await expect(page.getByRole('form', { name: `Edit ${label}` })).toBeVisible({ timeout: 60_000 });
}
