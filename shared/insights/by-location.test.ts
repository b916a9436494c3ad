import { describe, expect, it } from 'vitest';
import { byLocation } from './by-location';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const at = (location: string | undefined) => makeJob({ location });

describe('byLocation', () => {
  it('is empty for no jobs and for saved jobs only', () => {
    expect(byLocation([])).toEqual([]);
    expect(byLocation([savedJob({ location: 'Berlin' })])).toEqual([]);
  });

  it('one application', () => {
    expect(byLocation([at('Berlin, Germany')])).toEqual([
      { kind: 'place', name: 'Berlin, Germany', applications: 1, responded: 0, places: 1 },
    ]);
  });

  it('groups spellings of a place under its commonest spelling, and jobs with no location together', () => {
    const jobs = [
      at('Berlin, Germany'),
      at('berlin,  germany'),
      at('Berlin, Germany (Hybrid)'),
      jobThrough('2026-11-02T09:00:00.000Z', [['interview', '2026-11-06T09:00:00.000Z']], { location: 'BERLIN GERMANY' }),
      at('Remote'),
      at('Work from home'),
      at(undefined),
      at('  '),
    ];
    expect(byLocation(jobs)).toEqual([
      { kind: 'place', name: 'Berlin, Germany', applications: 4, responded: 1, places: 1 },
      { kind: 'place', name: 'Remote', applications: 2, responded: 0, places: 1 },
      { kind: 'unspecified', name: '', applications: 2, responded: 0, places: 1 },
    ]);
  });

  it('a tie between spellings goes to the alphabetically first, whatever the order of jobs', () => {
    const jobs = [at('munich'), at('Munich')];
    expect(byLocation(jobs)[0]?.name).toBe('Munich');
    expect(byLocation([...jobs].reverse())[0]?.name).toBe('Munich');
  });

  it('keeps the top N and folds the rest into Other', () => {
    const jobs = [
      ...Array.from({ length: 5 }, () => at('Berlin')),
      ...Array.from({ length: 4 }, () => at('Munich')),
      ...Array.from({ length: 3 }, () => at('Hamburg')),
      at('Cologne'),
      jobThrough('2026-11-02T09:00:00.000Z', [['rejected', '2026-11-03T09:00:00.000Z']], { location: 'Leipzig' }),
      at('Bremen'),
    ];
    expect(byLocation(jobs, { topLocations: 2 })).toEqual([
      { kind: 'place', name: 'Berlin', applications: 5, responded: 0, places: 1 },
      { kind: 'place', name: 'Munich', applications: 4, responded: 0, places: 1 },
      { kind: 'other', name: '', applications: 6, responded: 1, places: 4 },
    ]);
  });

  it('shows a single leftover place by name rather than as an Other of one', () => {
    const jobs = [at('Berlin'), at('Berlin'), at('Munich'), at('Hamburg')];
    expect(byLocation(jobs, { topLocations: 2 }).map((row) => row.name)).toEqual(['Berlin', 'Hamburg', 'Munich']);
  });
});
