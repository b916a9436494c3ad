import { describe, expect, it } from 'vitest';
import { jobThrough, makeJob, savedJob } from './test-jobs';
import { MAX_LISTED_FOLLOW_UPS, summarisedWeek, weeklySummaryOf } from './weekly-summary';

// Wednesday 2026-12-09 10:00 UTC: the summarised week is Monday 2026-11-30 to Sunday 2026-12-06.
const NOW = Date.parse('2026-12-09T10:00:00.000Z');

describe('summarisedWeek', () => {
  it('is the full UTC ISO week before the current one', () => {
    const week = summarisedWeek(NOW);
    expect(week.label).toBe('2026-W49');
    expect(new Date(week.fromMs).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(week.toMs).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('does not move while the week goes by, and moves on Monday 00:00 UTC', () => {
    expect(summarisedWeek(Date.parse('2026-12-07T00:00:00.000Z')).label).toBe('2026-W49');
    expect(summarisedWeek(Date.parse('2026-12-13T23:59:59.999Z')).label).toBe('2026-W49');
    expect(summarisedWeek(Date.parse('2026-12-14T00:00:00.000Z')).label).toBe('2026-W50');
  });
});

describe('weeklySummaryOf', () => {
  it('counts applications, first responses and interviews dated inside the week only', () => {
    const jobs = [
      makeJob({ appliedAt: '2026-11-30T00:00:00.000Z' }),
      jobThrough('2026-12-02T09:00:00.000Z', [['interview', '2026-12-05T09:00:00.000Z']]),
      // Applied before the week, answered in it: a response, not an application.
      jobThrough('2026-11-20T09:00:00.000Z', [['rejected', '2026-12-01T09:00:00.000Z']]),
      // Everything after the week (this week so far) or before it.
      jobThrough('2026-12-07T00:00:00.000Z', [['interview', '2026-12-08T09:00:00.000Z']]),
      jobThrough('2026-11-29T23:59:59.000Z', [['assessment', '2026-11-29T23:59:59.500Z']]),
      savedJob({ createdAt: '2026-12-01T09:00:00.000Z' }),
    ];
    const summary = weeklySummaryOf(jobs, NOW);
    expect(summary).toMatchObject({ week: '2026-W49', from: '2026-11-30', to: '2026-12-06', applications: 2, responses: 2, interviews: 1 });
  });

  it('lists the active jobs with a follow-up in the next seven days, soonest first', () => {
    const jobs = [
      makeJob({ title: 'Later', followUpAt: '2026-12-15T09:00:00.000Z' }),
      makeJob({ title: 'Sooner', company: 'Beta', followUpAt: '2026-12-10T09:00:00.000Z' }),
      makeJob({ title: 'Past', followUpAt: '2026-12-08T09:00:00.000Z' }),
      makeJob({ title: 'Too far', followUpAt: '2026-12-16T10:00:00.000Z' }),
      makeJob({ title: 'Archived', isActive: false, followUpAt: '2026-12-11T09:00:00.000Z' }),
    ];
    const summary = weeklySummaryOf(jobs, NOW);
    expect(summary.followUps.map((due) => due.title)).toEqual(['Sooner', 'Later']);
    expect(summary.followUps[0]).toEqual({ title: 'Sooner', company: 'Beta', followUpAt: '2026-12-10T09:00:00.000Z' });
    expect(summary.followUpsDue).toBe(2);
  });

  it('lists at most a bounded number of follow-ups but counts them all', () => {
    const jobs = Array.from({ length: MAX_LISTED_FOLLOW_UPS + 5 }, (_, index) => makeJob({ followUpAt: new Date(NOW + (index + 1) * 60_000).toISOString() }));
    const summary = weeklySummaryOf(jobs, NOW);
    expect(summary.followUps).toHaveLength(MAX_LISTED_FOLLOW_UPS);
    expect(summary.followUpsDue).toBe(MAX_LISTED_FOLLOW_UPS + 5);
  });
});
