import { describe, expect, it } from 'vitest';
import { jobSchema } from '../schema/job';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { jobFromCapture } from './capture';
import { manualJob, normaliseTags, withStatus, withTags } from './edit';

const job = jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z'));
const later = '2026-11-21T09:00:00.000Z';

describe('job edits', () => {
  it('records a status move in the history with its time', () => {
    const moved = withStatus(job, 'interview', later);
    expect(moved).toMatchObject({ status: 'interview', updatedAt: later });
    expect(moved.statusHistory.at(-1)).toEqual({ status: 'interview', at: later });
    expect(withStatus(moved, 'interview', '2026-11-22T00:00:00.000Z')).toBe(moved);
  });

  it('sets appliedAt when a saved job is first applied to', () => {
    const saved = manualJob({ title: 'Designer', company: 'Globex', url: 'https://globex.example/jobs/1', status: 'saved' }, later);
    expect(saved.appliedAt).toBeUndefined();
    expect(withStatus(saved, 'applied', '2026-11-22T00:00:00.000Z').appliedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(jobSchema.parse(saved)).toEqual(saved);
  });

  it('keeps tags a set, case-insensitively, and removes by name', () => {
    expect(normaliseTags([' remote ', 'Remote', 'dream  job', ''])).toEqual(['remote', 'dream job']);
    expect(withTags({ ...job, tags: ['remote', 'urgent'] }, ['Berlin'], ['URGENT'], later).tags).toEqual(['remote', 'Berlin']);
  });

  it('gives jobs added by hand distinct valid ids', () => {
    const input = { title: 'Engineer', company: 'Initech', url: 'https://initech.example/careers/7', status: 'applied' as const };
    const a = manualJob(input, later);
    const b = manualJob(input, later);
    expect(a.id).not.toBe(b.id);
    expect(jobSchema.parse(a)).toMatchObject({ source: 'manual', platform: 'other', appliedAt: later });
  });
});
