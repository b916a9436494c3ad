import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, firstDirection, sortJobs, type JobSort } from './sort';
import { localNoon, queryJob } from './test-jobs';

const a = queryJob({ id: 'a', title: 'backend engineer', company: 'Zeta', location: 'Berlin', status: 'offer', platform: 'other', tags: ['remote'], appliedAt: localNoon('2026-03-01'), updatedAt: localNoon('2026-03-10') });
const b = queryJob({ id: 'b', title: 'Android Developer', company: 'acme', location: undefined, status: 'saved', appliedAt: undefined, tags: ['Contract'], createdAt: localNoon('2026-03-04'), updatedAt: localNoon('2026-03-12') });
const c = queryJob({ id: 'c', title: 'Cloud Architect', company: '', location: 'Amsterdam', status: 'applied', platform: 'internshala', appliedAt: localNoon('2026-03-03'), updatedAt: localNoon('2026-03-11') });
const jobs = [a, b, c];

const order = (sort: JobSort) => sortJobs(jobs, sort).map((job) => job.id);

describe('sortJobs', () => {
  it('defaults to the most recent change first', () => {
    expect(order(DEFAULT_SORT)).toEqual(['b', 'c', 'a']);
  });

  it('sorts text without regard to case', () => {
    expect(order({ key: 'title', direction: 'asc' })).toEqual(['b', 'a', 'c']);
    expect(order({ key: 'title', direction: 'desc' })).toEqual(['c', 'a', 'b']);
  });

  it('puts missing values last in both directions', () => {
    expect(order({ key: 'company', direction: 'asc' })).toEqual(['b', 'a', 'c']);
    expect(order({ key: 'company', direction: 'desc' })).toEqual(['a', 'b', 'c']);
    expect(order({ key: 'location', direction: 'asc' })).toEqual(['c', 'a', 'b']);
    expect(order({ key: 'appliedAt', direction: 'desc' })).toEqual(['c', 'a', 'b']);
    expect(order({ key: 'tags', direction: 'desc' })).toEqual(['a', 'b', 'c']);
  });

  it('orders statuses along the pipeline, not alphabetically', () => {
    expect(order({ key: 'status', direction: 'asc' })).toEqual(['b', 'c', 'a']);
  });

  it('sorts sites by name', () => {
    expect(order({ key: 'platform', direction: 'asc' })).toEqual(['c', 'b', 'a']);
  });

  it('breaks ties by the most recent change, then the id, whatever the input order', () => {
    const twins = [queryJob({ id: 'y', updatedAt: localNoon('2026-03-01') }), queryJob({ id: 'x', updatedAt: localNoon('2026-03-01') }), queryJob({ id: 'z', updatedAt: localNoon('2026-03-02') })];
    const expected = ['z', 'x', 'y'];
    expect(sortJobs(twins, { key: 'title', direction: 'asc' }).map((job) => job.id)).toEqual(expected);
    expect(sortJobs([...twins].reverse(), { key: 'title', direction: 'desc' }).map((job) => job.id)).toEqual(expected);
  });

  it('leaves its input alone', () => {
    const input = [...jobs];
    sortJobs(input, { key: 'title', direction: 'asc' });
    expect(input).toEqual(jobs);
  });

  it('sorts by the stored match score, best first when first chosen, unscored jobs last', () => {
    const scored = [queryJob({ id: 'low', mlAnalysis: { matchScore: 20 } }), queryJob({ id: 'none' }), queryJob({ id: 'high', mlAnalysis: { matchScore: 85 } })];
    expect(firstDirection('matchScore')).toBe('desc');
    expect(sortJobs(scored, { key: 'matchScore', direction: 'desc' }).map((job) => job.id)).toEqual(['high', 'low', 'none']);
    expect(sortJobs(scored, { key: 'matchScore', direction: 'asc' }).map((job) => job.id)).toEqual(['low', 'high', 'none']);
  });

  it('starts dates newest first and text A to Z', () => {
    expect(firstDirection('appliedAt')).toBe('desc');
    expect(firstDirection('company')).toBe('asc');
  });
});
