import { describe, expect, it } from 'vitest';
import { jobThrough, makeJob, savedJob } from '../insights/test-jobs';
import type { JobStatus } from '../schema/job';
import { oddsFeaturesIfAppliedAt, oddsFeaturesOf, oddsOutcomeOf, oddsOutcomesOf, PENDING_DAYS } from './odds-features';

const APPLIED = '2026-11-02T09:00:00.000Z';
const LATER = '2026-11-09T09:00:00.000Z';
const DAY = 86_400_000;
const SOON = Date.parse(APPLIED) + 5 * DAY;
const LONG_AFTER = Date.parse(APPLIED) + (PENDING_DAYS + 1) * DAY;

describe('oddsOutcomeOf: which jobs count, and how', () => {
  it.each([
    ['interview', true],
    ['offer', true],
    ['accepted', true],
    ['rejected', false],
    ['ghosted', false],
  ] as const)('a job that moved to %s is interviewed: %s, even the day after', (status, interviewed) => {
    expect(oddsOutcomeOf(jobThrough(APPLIED, [[status, LATER]]), SOON)?.interviewed).toBe(interviewed);
  });

  it('an interview followed by a rejection or a withdrawal still counts as interviewed', () => {
    expect(oddsOutcomeOf(jobThrough(APPLIED, [['interview', LATER], ['rejected', LATER]]), SOON)?.interviewed).toBe(true);
    expect(oddsOutcomeOf(jobThrough(APPLIED, [['interview', LATER], ['withdrawn', LATER]]), SOON)?.interviewed).toBe(true);
  });

  it('a saved job has no outcome', () => {
    expect(oddsOutcomeOf(savedJob(), LONG_AFTER)).toBeUndefined();
  });

  it.each(['applied', 'assessment'] as const)(`%s is pending until ${PENDING_DAYS} days have passed, then counts as not interviewed`, (status: JobStatus) => {
    const job = status === 'applied' ? makeJob({ appliedAt: APPLIED }) : jobThrough(APPLIED, [[status, LATER]]);
    expect(oddsOutcomeOf(job, SOON)).toBeUndefined();
    expect(oddsOutcomeOf(job, LONG_AFTER)?.interviewed).toBe(false);
  });

  it('a withdrawal before any interview says nothing about the employer: no outcome', () => {
    expect(oddsOutcomeOf(jobThrough(APPLIED, [['withdrawn', LATER]]), LONG_AFTER)).toBeUndefined();
  });

  it('a job entered straight into interview with no history counts', () => {
    expect(oddsOutcomeOf(makeJob({ status: 'interview', statusHistory: [], appliedAt: undefined }), SOON)?.interviewed).toBe(true);
  });
});

describe('oddsFeaturesOf', () => {
  it('reads site, source, contact and the stored match score', () => {
    const job = makeJob({ platform: 'naukri', source: 'manual', contacts: [{ id: 'c1', name: 'Priya' }], mlAnalysis: { matchScore: 81 } });
    expect(oddsFeaturesOf(job)).toEqual({ site: 'naukri', source: 'manual', hasContact: true, matchScore: 81 });
    expect(oddsFeaturesOf(makeJob({ contacts: [] })).hasContact).toBe(false);
    expect(oddsFeaturesOf(makeJob()).hasContact).toBe(false);
  });

  it('a given match score wins over the stored one; a non-finite one is left out', () => {
    const job = makeJob({ mlAnalysis: { matchScore: 81 } });
    expect(oddsFeaturesOf(job, 40).matchScore).toBe(40);
    expect(oddsFeaturesOf(makeJob(), NaN).matchScore).toBeUndefined();
  });

  it('days to apply: from postedAt to appliedAt, else to the first history entry past saved', () => {
    expect(oddsFeaturesOf(makeJob({ postedAt: '2026-10-30T09:00:00.000Z', appliedAt: APPLIED })).daysToApply).toBe(3);
    const noAppliedAt = savedJob({
      postedAt: '2026-10-28T09:00:00.000Z',
      status: 'applied',
      statusHistory: [{ status: 'saved', at: '2026-10-29T09:00:00.000Z' }, { status: 'applied', at: '2026-11-01T21:00:00.000Z' }],
    });
    expect(oddsFeaturesOf(noAppliedAt).daysToApply).toBe(4.5);
  });

  it('days to apply: absent without a posting date or application, 0 within a day of time-zone slack, dropped when impossible', () => {
    expect(oddsFeaturesOf(makeJob({ appliedAt: APPLIED })).daysToApply).toBeUndefined();
    expect(oddsFeaturesOf(savedJob({ postedAt: APPLIED })).daysToApply).toBeUndefined();
    expect(oddsFeaturesOf(makeJob({ appliedAt: APPLIED, postedAt: '2026-11-02T20:00:00.000Z' })).daysToApply).toBe(0);
    expect(oddsFeaturesOf(makeJob({ appliedAt: APPLIED, postedAt: '2026-11-20T09:00:00.000Z' })).daysToApply).toBeUndefined();
  });

  it('a saved job is estimated as if applied now', () => {
    const saved = savedJob({ postedAt: '2026-10-30T09:00:00.000Z' });
    expect(oddsFeaturesIfAppliedAt(saved, SOON).daysToApply).toBe(8);
    // An applied job keeps its real days.
    expect(oddsFeaturesIfAppliedAt(makeJob({ postedAt: '2026-10-30T09:00:00.000Z', appliedAt: APPLIED }), SOON).daysToApply).toBe(3);
  });
});

describe('oddsOutcomesOf', () => {
  it('keeps the jobs with an outcome, oldest application first, and applies given scores by id', () => {
    const late = jobThrough('2026-11-20T09:00:00.000Z', [['rejected', '2026-11-25T09:00:00.000Z']], { id: 'a:late' });
    const early = jobThrough('2026-10-01T09:00:00.000Z', [['interview', '2026-10-05T09:00:00.000Z']], { id: 'a:early' });
    const pending = makeJob({ appliedAt: '2026-11-28T09:00:00.000Z', id: 'a:pending' });
    const now = Date.parse('2026-12-01T09:00:00.000Z');
    const outcomes = oddsOutcomesOf([late, savedJob(), pending, early], now, new Map([['a:late', 12]]));
    expect(outcomes.map((o) => [o.interviewed, o.matchScore])).toEqual([[true, undefined], [false, 12]]);
  });
});
