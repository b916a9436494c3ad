import { describe, expect, it } from 'vitest';
import { SCREENSHOT_NOW, screenshotJobs } from '../../scripts/screenshot-jobs';
import { JOB_STATUSES, jobSchema } from '../../shared/schema';

const jobs = screenshotJobs();
const now = SCREENSHOT_NOW.getTime();

describe('the jobs of the README screenshots', () => {
  it('are about sixty valid jobs, each id once, the same on every run', () => {
    expect(jobs.length).toBe(60);
    for (const job of jobs) expect(jobSchema.safeParse(job).error?.issues ?? []).toEqual([]);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(jobs.length);
    expect(screenshotJobs()).toEqual(jobs);
  });

  it('fill every board column, on every site, over the ten weeks before the moment of the pictures', () => {
    expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(JOB_STATUSES));
    expect(new Set(jobs.map((job) => job.platform))).toEqual(new Set(['linkedin', 'internshala', 'indeed', 'naukri', 'other']));
    const applied = jobs.flatMap((job) => (job.appliedAt ? [Date.parse(job.appliedAt)] : []));
    expect(Math.min(...applied)).toBeGreaterThan(now - 10 * 7 * 86_400_000);
  });

  it('have histories in order, ending in their status, with nothing after the moment of the pictures but planned dates', () => {
    for (const job of jobs) {
      const times = job.statusHistory.map((change) => Date.parse(change.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(job.statusHistory.at(-1)?.status).toBe(job.status);
      expect(job.statusHistory[0]?.at).toBe(job.createdAt);
      for (const at of [...times, Date.parse(job.updatedAt), ...(job.notes ?? []).map((note) => Date.parse(note.at))]) expect(at).toBeLessThan(now);
    }
  });

  it('open the details picture on a job with notes, contacts, interviews and tags', () => {
    const [showcase] = jobs;
    expect(showcase?.notes?.length).toBeGreaterThan(1);
    expect(showcase?.contacts?.length).toBeGreaterThan(1);
    expect(showcase?.interviews?.length).toBeGreaterThan(1);
    expect(showcase?.tags?.length).toBeGreaterThan(1);
  });
});
