import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../schema/job';
import { applyingJobs, jobChoices, recommendCandidates, sameCandidates } from './resume-jobs';

const job = (id: string, status: JobStatus, updatedAt: string, extra: { description?: string; company?: string; title?: string } = {}) => ({
  id,
  title: extra.title ?? `Job ${id}`,
  company: extra.company ?? 'Acme',
  status,
  updatedAt,
  ...(extra.description !== undefined ? { description: extra.description } : {}),
});

const jobs = [
  job('a', 'rejected', '2026-05-05T00:00:00.000Z'),
  job('b', 'saved', '2026-05-01T00:00:00.000Z', { description: 'Requirements: Python.' }),
  job('c', 'interview', '2026-05-03T00:00:00.000Z'),
  job('d', 'offer', '2026-05-04T00:00:00.000Z'),
  job('e', 'applied', '2026-05-03T00:00:00.000Z'),
];

describe('applyingJobs', () => {
  it('keeps the jobs still in play, newest change first, ties by id, with what matching reads', () => {
    const list = applyingJobs(jobs);
    expect(list.map((j) => j.id)).toEqual(['c', 'e', 'b']);
    expect(list[2]!.job).toEqual({ title: 'Job b', description: 'Requirements: Python.' });
  });

  it('reads at most the given number', () => {
    expect(applyingJobs(jobs, 1).map((j) => j.id)).toEqual(['c']);
  });
});

describe('jobChoices', () => {
  it('lists jobs being applied to first, then the others, labelled with company and status', () => {
    const choices = jobChoices(jobs);
    expect(choices.map((c) => c.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
    expect(choices[0]).toEqual({ id: 'c', label: 'Job c, Acme (interview)', applying: true });
    expect(choices[3]!.applying).toBe(false);
    expect(jobChoices([job('x', 'saved', '2026-05-01T00:00:00.000Z', { company: ' ' })])[0]!.label).toBe('Job x (saved)');
  });

  it('caps the list', () => {
    expect(jobChoices(jobs, 2)).toHaveLength(2);
  });
});

describe('recommendCandidates', () => {
  it('passes only saved jobs, by id whatever the order given', () => {
    const more = [job('f', 'saved', '2026-05-06T00:00:00.000Z'), ...jobs];
    expect(recommendCandidates(more).map((c) => [c.id, c.status])).toEqual([
      ['b', 'saved'],
      ['f', 'saved'],
    ]);
  });

  it('are the same after a write that does not touch what ranking reads, and differ after one that does', () => {
    const before = recommendCandidates(jobs);
    const touched = jobs.map((j) => ({ ...j, updatedAt: '2026-06-01T00:00:00.000Z' })).reverse();
    expect(sameCandidates(before, recommendCandidates(touched))).toBe(true);
    const edited = jobs.map((j) => (j.id === 'b' ? { ...j, description: 'Requirements: Go.' } : j));
    expect(sameCandidates(before, recommendCandidates(edited))).toBe(false);
    const applied = jobs.map((j) => (j.id === 'b' ? { ...j, status: 'applied' as const } : j));
    expect(sameCandidates(before, recommendCandidates(applied))).toBe(false);
  });
});
