import type { Job } from '../schema/job';
import { factsOf, type JobFacts } from './job-facts';
import { DAY_MS } from './options';

/**
 * Day ranges of the distribution, [fromDays, toDays). They widen with time because a reply on
 * day 2 vs day 3 matters to a job seeker and one on day 40 vs day 41 does not.
 */
export const RESPONSE_TIME_BUCKETS: readonly { fromDays: number; toDays: number | null }[] = [
  { fromDays: 0, toDays: 1 },
  { fromDays: 1, toDays: 3 },
  { fromDays: 3, toDays: 7 },
  { fromDays: 7, toDays: 14 },
  { fromDays: 14, toDays: 30 },
  { fromDays: 30, toDays: null },
];

export interface ResponseTimeBucket {
  fromDays: number;
  /** Exclusive; null for the open-ended last range. */
  toDays: number | null;
  count: number;
}

export interface ResponseTime {
  /** Responses with a known time, the population of the median and the buckets. */
  count: number;
  /** Responses whose date is unknown (a response status with no history entry). */
  undated: number;
  medianDays: number | null;
  buckets: ResponseTimeBucket[];
}

/**
 * Days from application to the first response (see job-facts.ts for both moments): median and
 * distribution. The median rather than the mean, because one reply after three months would
 * drag a mean far from what usually happens.
 */
export function responseTimeOfFacts(facts: readonly JobFacts[]): ResponseTime {
  const days = new Float64Array(facts.length);
  let count = 0;
  let undated = 0;
  for (const fact of facts) {
    if (!fact.responded) continue;
    if (fact.firstResponseMs === null || fact.appliedMs === null) {
      undated += 1;
      continue;
    }
    days[count] = Math.max(0, fact.firstResponseMs - fact.appliedMs) / DAY_MS;
    count += 1;
  }
  const sorted = days.subarray(0, count).sort();

  const buckets = RESPONSE_TIME_BUCKETS.map((range) => ({ ...range, count: 0 }));
  // Sorted values fill the buckets in order: one walk, no search per value.
  let bucket = 0;
  for (const value of sorted) {
    while (buckets[bucket]!.toDays !== null && value >= buckets[bucket]!.toDays!) bucket += 1;
    buckets[bucket]!.count += 1;
  }
  return { count, undated, medianDays: medianOfSorted(sorted), buckets };
}

export function responseTime(jobs: readonly Job[]): ResponseTime {
  return responseTimeOfFacts(factsOf(jobs));
}

/** Middle value, or the mean of the two middle values, of ascending values; null for none. */
export function medianOfSorted(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}
