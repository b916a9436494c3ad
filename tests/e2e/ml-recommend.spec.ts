import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';
import { importJobs } from './import-jobs';
import { addResume, goodResumeFile, importedJob } from './ml-resumes-setup';

/** "Apply next", with no server: saved jobs ranked by fit for the active resume in the ML worker. */
test('Apply next ranks a fitting saved job above an unrelated one, leaves out applied jobs, and links to details', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await context.setOffline(true);
  const nurse = importedJob(1, 'Staff Nurse', 'Requirements: registered nurse licence, patient care, BLS certification. Night shifts.', 'saved');
  const backend = importedJob(2, 'Senior Backend Engineer', 'Requirements: TypeScript, Python, PostgreSQL and Kubernetes, 5+ years. Nice to have: Terraform.', 'saved');
  const applied = importedJob(3, 'Staff Software Engineer', 'Requirements: TypeScript, PostgreSQL, Redis and Kubernetes.', 'applied');
  const page = await importJobs(context, extensionId, [nurse, backend, applied]);

  // Without a resume the page says what to do.
  await page.goto(`chrome-extension://${extensionId}/dashboard.html#/apply-next`);
  await expect(page.getByText('Add a resume on the Resumes page')).toBeVisible();

  await addResume(page, extensionId, await goodResumeFile(), 'Grace Hopper');
  await page.getByRole('navigation', { name: 'Dashboard pages' }).getByRole('link', { name: 'Apply next' }).click();
  const list = page.getByRole('list', { name: 'Saved jobs, best fit first' }).getByRole('listitem');
  await expect(list).toHaveCount(2);
  await expect(list.nth(0)).toHaveAttribute('data-job-id', backend.id);
  await expect(list.nth(1)).toHaveAttribute('data-job-id', nurse.id);
  await expect(list.nth(0)).toContainText('Shows 4 of 4 required skills');
  await expect(page.getByRole('link', { name: 'Staff Software Engineer' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await list.nth(0).getByRole('link', { name: 'Senior Backend Engineer' }).click();
  await expect(page).toHaveURL(new RegExp(`#/jobs/${encodeURIComponent(backend.id)}$`));
});
