import { describe, expect, it } from 'vitest';
import type { Job } from '../../schema/job';
import { matchesTerms, searchTerms, searchTextOf } from './search-text';
import { queryJob } from './test-jobs';

describe('search text', () => {
  const job = queryJob({
    title: 'Senior Frontend Engineer',
    company: 'Acme Robotics',
    location: 'Berlin, Germany',
    tags: ['Remote', 'Referral'],
    notes: [{ id: 'n1', text: 'Spoke to Dana about the TypeScript migration', at: '2026-03-03T10:00:00.000Z' }],
    description: 'You will build our React dashboards.',
  });

  it('covers title, company, location, tags, notes and description, lowercased', () => {
    const text = searchTextOf(job);
    for (const word of ['senior', 'acme', 'berlin', 'remote', 'referral', 'dana', 'typescript', 'react dashboards']) {
      expect(text).toContain(word);
    }
    expect(text).toBe(text.toLowerCase());
  });

  it('never matches across two fields', () => {
    // "robotics" ends the company and "berlin" starts the location.
    expect(matchesTerms(searchTextOf(job), ['roboticsberlin'])).toBe(false);
    expect(matchesTerms(searchTextOf(job), ['robotics'])).toBe(true);
  });

  it('builds the text once per job object', () => {
    let titleReads = 0;
    const counted = new Proxy(queryJob({ description: 'Kubernetes' }), {
      get(target, key, receiver) {
        if (key === 'title') titleReads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as Job;
    for (let i = 0; i < 5; i += 1) expect(matchesTerms(searchTextOf(counted), ['kubernetes'])).toBe(true);
    expect(titleReads).toBe(1);
    // A changed job is a new object, so its text is built afresh.
    expect(searchTextOf({ ...counted, description: 'Terraform' })).toContain('terraform');
  });

  it('splits the box into lowercase words, without repeats or words another contains', () => {
    expect(searchTerms('  React   BERLIN react ')).toEqual(['react', 'berlin']);
    expect(searchTerms('eng engineer')).toEqual(['engineer']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('needs every word (AND), anywhere and in any order', () => {
    const text = searchTextOf(job);
    expect(matchesTerms(text, searchTerms('berlin senior'))).toBe(true);
    expect(matchesTerms(text, searchTerms('berlin python'))).toBe(false);
    expect(matchesTerms(text, [])).toBe(true);
  });
});
