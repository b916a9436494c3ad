import { describe, expect, it } from 'vitest';
import { responseRate } from './response-rate';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const A = '2026-11-02T09:00:00.000Z';
const B = '2026-11-06T09:00:00.000Z';

describe('responseRate', () => {
  it('has no rate without applications', () => {
    expect(responseRate([])).toEqual({ applied: 0, responded: 0, rate: null, awaiting: 0, ghosted: 0, withdrawn: 0 });
    expect(responseRate([savedJob()]).rate).toBeNull();
  });

  it('one unanswered application is 0, one answered is 1', () => {
    expect(responseRate([makeJob()])).toMatchObject({ applied: 1, responded: 0, rate: 0, awaiting: 1 });
    expect(responseRate([jobThrough(A, [['rejected', B]])])).toMatchObject({ applied: 1, responded: 1, rate: 1, awaiting: 0 });
  });

  it('counts rejections as answers and ghosted or withdrawn applications as unanswered', () => {
    const jobs = [
      savedJob(),
      makeJob(),
      makeJob(),
      jobThrough(A, [['rejected', B]]),
      jobThrough(A, [['interview', B]]),
      jobThrough(A, [['ghosted', B]]),
      jobThrough(A, [['withdrawn', B]]),
      jobThrough(A, [['interview', B], ['withdrawn', '2026-11-08T09:00:00.000Z']]),
    ];
    expect(responseRate(jobs)).toEqual({ applied: 7, responded: 3, rate: 3 / 7, awaiting: 2, ghosted: 1, withdrawn: 1 });
  });
});
