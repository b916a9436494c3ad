import { describe, expect, it } from 'vitest';
import { activeConditions, compileQuery, EMPTY_QUERY, filterJobs, type JobQuery } from './filter';
import { localNoon, queryJob } from './test-jobs';

const berlin = queryJob({
  title: 'Frontend Engineer',
  company: 'Acme Robotics',
  location: 'Berlin, Germany',
  status: 'interview',
  tags: ['remote', 'Referral'],
  appliedAt: localNoon('2026-03-02'),
});
const bengaluru = queryJob({
  title: 'Data Analyst',
  company: 'Initech',
  platform: 'internshala',
  location: 'Bengaluru, India',
  status: 'applied',
  tags: ['remote'],
  notes: [{ id: 'n1', text: 'Recruiter mentioned Berlin office', at: '2026-03-05T10:00:00.000Z' }],
  appliedAt: localNoon('2026-03-05'),
});
const saved = queryJob({
  title: 'Platform Engineer',
  company: 'Globex',
  location: undefined,
  status: 'saved',
  appliedAt: undefined,
  createdAt: localNoon('2026-03-09'),
  updatedAt: localNoon('2026-03-09'),
  description: 'Terraform and Kubernetes in Berlin',
});
const jobs = [berlin, bengaluru, saved];

const ids = (query: Partial<JobQuery>) => filterJobs(jobs, { ...EMPTY_QUERY, ...query }).map((job) => job.id);

describe('filterJobs', () => {
  it('keeps everything, in order, when nothing is set', () => {
    expect(ids({})).toEqual([berlin.id, bengaluru.id, saved.id]);
    expect(activeConditions(EMPTY_QUERY)).toBe(0);
  });

  it('filters by any of the chosen statuses and sites', () => {
    expect(ids({ statuses: ['interview', 'saved'] })).toEqual([berlin.id, saved.id]);
    expect(ids({ platforms: ['internshala'] })).toEqual([bengaluru.id]);
  });

  it('needs every chosen tag, in any case', () => {
    expect(ids({ tags: ['REMOTE'] })).toEqual([berlin.id, bengaluru.id]);
    expect(ids({ tags: ['remote', 'referral'] })).toEqual([berlin.id]);
  });

  it('matches part of the location; a job without one never matches', () => {
    expect(ids({ location: 'berl' })).toEqual([berlin.id]);
    expect(ids({ location: 'india' })).toEqual([bengaluru.id]);
  });

  it('takes whole local days for the date range, on the applied date or else the creation date', () => {
    expect(ids({ appliedFrom: '2026-03-05' })).toEqual([bengaluru.id, saved.id]);
    expect(ids({ appliedTo: '2026-03-05' })).toEqual([berlin.id, bengaluru.id]);
    expect(ids({ appliedFrom: '2026-03-03', appliedTo: '2026-03-05' })).toEqual([bengaluru.id]);
    expect(ids({ appliedFrom: '2026-03-09', appliedTo: '2026-03-09' })).toEqual([saved.id]);
    // A half-typed date leaves that end open rather than hiding everything.
    expect(ids({ appliedFrom: '2026-03' })).toEqual([berlin.id, bengaluru.id, saved.id]);
  });

  it('searches title, company, notes and description with every word required', () => {
    expect(ids({ text: 'berlin' })).toEqual([berlin.id, bengaluru.id, saved.id]);
    expect(ids({ text: 'Berlin engineer' })).toEqual([berlin.id, saved.id]);
    expect(ids({ text: 'initech' })).toEqual([bengaluru.id]);
    expect(ids({ text: 'kubernetes berlin' })).toEqual([saved.id]);
    expect(ids({ text: 'kubernetes python' })).toEqual([]);
  });

  it('combines every condition', () => {
    const query = { text: 'berlin', tags: ['remote'], statuses: ['applied', 'interview'] } as const;
    expect(ids(query)).toEqual([berlin.id, bengaluru.id]);
    expect(ids({ ...query, location: 'india' })).toEqual([bengaluru.id]);
    expect(ids({ ...query, platforms: ['other'] })).toEqual([]);
    expect(activeConditions({ ...EMPTY_QUERY, ...query, appliedTo: '2026-03-05' })).toBe(4);
  });

  it('compiles once and answers per job', () => {
    const matches = compileQuery({ ...EMPTY_QUERY, statuses: ['saved'] });
    expect(jobs.map(matches)).toEqual([false, false, true]);
  });
});
