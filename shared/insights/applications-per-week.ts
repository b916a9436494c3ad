import type { Job } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { dayNumber, isoDate, isoWeekLabel, mondayOf } from './iso-week';
import { DEFAULT_WEEKS, type InsightOptions } from './options';

export interface WeekCount {
  /** ISO week, e.g. "2026-W45". */
  week: string;
  /** The week's Monday as a local calendar date, "2026-11-02". */
  start: string;
  count: number;
}

export interface ApplicationsPerWeek {
  /** The last `weeks` ISO weeks, oldest first, ending with the week of `now`; empty weeks are 0. */
  weeks: WeekCount[];
  /** Applications inside those weeks. */
  total: number;
  /** total / number of weeks. */
  averagePerWeek: number;
}

/** Ten years of weeks: a bound on the array a caller's `weeks` can make us allocate. */
export const MAX_WEEKS = 520;

/** Applications per ISO week (by the moment of application, see job-facts.ts), zero-filled. */
export function applicationsPerWeekOfFacts(
  facts: readonly JobFacts[],
  options: Pick<InsightOptions, 'now' | 'weeks' | 'utcOffsetMinutes'> = {},
): ApplicationsPerWeek {
  const weekCount = Math.min(MAX_WEEKS, Math.max(1, Math.floor(options.weeks ?? DEFAULT_WEEKS)));
  const offset = options.utcOffsetMinutes ?? 0;
  const lastMonday = mondayOf(dayNumber((options.now ?? new Date()).getTime(), offset));
  const firstMonday = lastMonday - (weekCount - 1) * 7;

  const counts = new Array<number>(weekCount).fill(0);
  let total = 0;
  for (const fact of facts) {
    if (fact.appliedMs === null) continue;
    const index = (mondayOf(dayNumber(fact.appliedMs, offset)) - firstMonday) / 7;
    if (index < 0 || index >= weekCount) continue;
    counts[index]! += 1;
    total += 1;
  }

  return {
    weeks: counts.map((count, index) => {
      const monday = firstMonday + index * 7;
      return { week: isoWeekLabel(monday), start: isoDate(monday), count };
    }),
    total,
    averagePerWeek: total / weekCount,
  };
}

export function applicationsPerWeek(
  jobs: readonly Job[],
  options?: Pick<InsightOptions, 'now' | 'weeks' | 'utcOffsetMinutes'>,
): ApplicationsPerWeek {
  return applicationsPerWeekOfFacts(factsOf(jobs), options);
}
