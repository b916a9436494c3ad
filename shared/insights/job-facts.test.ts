import { describe, expect, it } from 'vitest';
import { factsOf, jobFacts, RESPONSE_STATUSES } from './job-facts';
import { jobThrough, makeJob, savedJob } from './test-jobs';

const APPLIED = '2026-11-02T09:00:00.000Z';
const ms = (iso: string) => Date.parse(iso);

describe('jobFacts: applied', () => {
  it('a saved job was not applied to', () => {
    const facts = jobFacts(savedJob());
    expect(facts).toMatchObject({ applied: false, appliedMs: null, responded: false, firstResponseMs: null });
  });

  it('an applied job is dated by appliedAt', () => {
    expect(jobFacts(makeJob({ appliedAt: APPLIED })).appliedMs).toBe(ms(APPLIED));
  });

  it('without appliedAt, by the earliest history entry past saved, whatever the order of the history', () => {
    const job = savedJob({
      status: 'interview',
      statusHistory: [
        { status: 'interview', at: '2026-11-10T09:00:00.000Z' },
        { status: 'saved', at: '2026-10-01T09:00:00.000Z' },
        { status: 'applied', at: '2026-11-03T09:00:00.000Z' },
      ],
    });
    expect(jobFacts(job)).toMatchObject({ applied: true, appliedMs: ms('2026-11-03T09:00:00.000Z') });
  });

  it('a job entered straight into a later status with no history is dated by createdAt', () => {
    const job = savedJob({ status: 'rejected', statusHistory: [], createdAt: '2026-11-05T12:00:00.000Z' });
    expect(jobFacts(job)).toMatchObject({ applied: true, responded: true, appliedMs: ms('2026-11-05T12:00:00.000Z'), firstResponseMs: null });
  });

  it('withdrawn and ghosted imply an application', () => {
    expect(jobFacts(savedJob({ status: 'withdrawn', statusHistory: [] })).applied).toBe(true);
    expect(jobFacts(savedJob({ status: 'ghosted', statusHistory: [] })).applied).toBe(true);
  });
});

describe('jobFacts: responded and stages', () => {
  it('an answer is any move past applied except ghosted and withdrawn', () => {
    expect(RESPONSE_STATUSES).toEqual(['assessment', 'interview', 'offer', 'accepted', 'rejected']);
  });

  it.each([
    ['assessment', true, false, false],
    ['interview', true, true, false],
    ['offer', true, true, true],
    ['accepted', true, true, true],
    ['rejected', true, false, false],
    ['ghosted', false, false, false],
    ['withdrawn', false, false, false],
  ] as const)('%s: responded %s, interview %s, offer %s', (status, responded, interview, offer) => {
    const facts = jobFacts(jobThrough(APPLIED, [[status, '2026-11-04T09:00:00.000Z']]));
    expect(facts).toMatchObject({ responded, reachedInterview: interview, reachedOffer: offer });
  });

  it('remembers an interview after the job is rejected or withdrawn', () => {
    const rejected = jobThrough(APPLIED, [['interview', '2026-11-06T09:00:00.000Z'], ['rejected', '2026-11-09T09:00:00.000Z']]);
    const withdrawn = jobThrough(APPLIED, [['interview', '2026-11-06T09:00:00.000Z'], ['withdrawn', '2026-11-07T09:00:00.000Z']]);
    expect(jobFacts(rejected)).toMatchObject({ responded: true, reachedInterview: true, reachedOffer: false });
    expect(jobFacts(withdrawn)).toMatchObject({ responded: true, reachedInterview: true });
  });

  it('the first response is the earliest response entry by time', () => {
    const job = makeJob({
      appliedAt: APPLIED,
      status: 'interview',
      statusHistory: [
        { status: 'applied', at: APPLIED },
        { status: 'interview', at: '2026-11-12T09:00:00.000Z' },
        { status: 'assessment', at: '2026-11-05T09:00:00.000Z' },
      ],
    });
    expect(jobFacts(job).firstResponseMs).toBe(ms('2026-11-05T09:00:00.000Z'));
  });

  it('a response status that is only the current status has an unknown time', () => {
    const job = makeJob({ appliedAt: APPLIED, status: 'offer', statusHistory: [{ status: 'applied', at: APPLIED }] });
    expect(jobFacts(job)).toMatchObject({ responded: true, reachedOffer: true, firstResponseMs: null });
  });
});

describe('factsOf', () => {
  it('is empty for no jobs and keeps one fact per job in order', () => {
    expect(factsOf([])).toEqual([]);
    const jobs = [makeJob(), savedJob()];
    expect(factsOf(jobs).map((fact) => fact.job)).toEqual(jobs);
  });
});
