import { describe, expect, it } from 'vitest';
import { makeJob } from '../../../shared/insights/test-jobs';
import { RecentDescribed, withoutLongText } from './read-jobs';

describe('RecentDescribed', () => {
  it('keeps the most recently updated jobs with a description, newest first, and counts them all', () => {
    const recent = new RecentDescribed(3);
    const days = [5, 1, 9, 3, 7, 2];
    for (const day of days) recent.add(makeJob({ description: `job ${day}`, updatedAt: `2026-11-0${day}T00:00:00.000Z` }));
    recent.add(makeJob({ updatedAt: '2026-11-30T00:00:00.000Z' }));
    recent.add(makeJob({ description: '   ', updatedAt: '2026-11-30T00:00:00.000Z' }));
    expect(recent.jobs.map((job) => job.description)).toEqual(['job 9', 'job 7', 'job 5']);
    expect(recent.total).toBe(days.length);
  });
});

describe('withoutLongText', () => {
  it('drops the description, notes, contacts and interviews and keeps what insights read', () => {
    const job = makeJob({ description: 'long', notes: [{ id: 'n1', text: 'note', at: '2026-11-02T09:00:00.000Z' }], contacts: [], interviews: [], tags: ['t'] });
    const slim = withoutLongText(job);
    expect(slim).not.toHaveProperty('description');
    expect(slim).not.toHaveProperty('notes');
    expect(slim).toMatchObject({ status: job.status, statusHistory: job.statusHistory, tags: ['t'], location: job.location });
  });
});
