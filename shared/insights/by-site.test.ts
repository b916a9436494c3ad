import { describe, expect, it } from 'vitest';
import { bySite } from './by-site';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const A = '2026-11-02T09:00:00.000Z';
const B = '2026-11-05T09:00:00.000Z';

describe('bySite', () => {
  it('is empty for no jobs and for saved jobs only', () => {
    expect(bySite([])).toEqual([]);
    expect(bySite([savedJob({ platform: 'indeed' })])).toEqual([]);
  });

  it('one application', () => {
    expect(bySite([makeJob({ platform: 'internshala' })])).toEqual([
      { platform: 'internshala', applications: 1, responded: 0, responseRate: 0 },
    ]);
  });

  it('counts applications and answers per site, most applications first, ties by name', () => {
    const jobs = [
      makeJob({ platform: 'linkedin' }),
      makeJob({ platform: 'linkedin' }),
      jobThrough(A, [['rejected', B]], { platform: 'linkedin' }),
      jobThrough(A, [['interview', B]], { platform: 'internshala' }),
      makeJob({ platform: 'other' }),
      makeJob({ platform: 'naukri' }),
      savedJob({ platform: 'indeed' }),
    ];
    expect(bySite(jobs)).toEqual([
      { platform: 'linkedin', applications: 3, responded: 1, responseRate: 1 / 3 },
      { platform: 'internshala', applications: 1, responded: 1, responseRate: 1 },
      { platform: 'naukri', applications: 1, responded: 0, responseRate: 0 },
      { platform: 'other', applications: 1, responded: 0, responseRate: 0 },
    ]);
  });
});
