import { describe, expect, it } from 'vitest';
import { funnel } from './funnel';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const A = '2026-11-02T09:00:00.000Z';
const later = (day: number) => `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`;

describe('funnel', () => {
  it('has four empty stages and no shares for no jobs', () => {
    expect(funnel([])).toEqual([
      { stage: 'applied', count: 0, shareOfApplied: null },
      { stage: 'responded', count: 0, shareOfApplied: null },
      { stage: 'interview', count: 0, shareOfApplied: null },
      { stage: 'offer', count: 0, shareOfApplied: null },
    ]);
  });

  it('one application with no answer yet', () => {
    expect(funnel([makeJob()]).map((step) => [step.stage, step.count, step.shareOfApplied])).toEqual([
      ['applied', 1, 1],
      ['responded', 0, 0],
      ['interview', 0, 0],
      ['offer', 0, 0],
    ]);
  });

  it('counts each job at the furthest stage it reached and every stage before it', () => {
    const jobs = [
      savedJob(), // not in the funnel at all
      makeJob(),
      makeJob(),
      jobThrough(A, [['ghosted', later(30)]]),
      jobThrough(A, [['rejected', later(4)]]),
      jobThrough(A, [['assessment', later(5)], ['rejected', later(9)]]),
      jobThrough(A, [['interview', later(6)], ['rejected', later(12)]]),
      jobThrough(A, [['interview', later(6)], ['offer', later(14)], ['accepted', later(16)]]),
      jobThrough(A, [['offer', later(10)]]), // an offer with no interview logged still passed the interview stage
    ];
    const steps = funnel(jobs);
    expect(steps.map((step) => step.count)).toEqual([8, 5, 3, 2]);
    expect(steps.map((step) => step.shareOfApplied)).toEqual([1, 5 / 8, 3 / 8, 2 / 8]);
  });
});
