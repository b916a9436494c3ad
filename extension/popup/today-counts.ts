/** Midnight at the start of `now`'s day, in the user's time zone. */
export function startOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Midnight on the Monday of `now`'s week (ISO weeks, as the Insights page counts them). */
export function startOfWeek(now: Date): Date {
  const day = startOfDay(now);
  const sinceMonday = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - sinceMonday);
}

export interface AppliedCounts {
  today: number;
  week: number;
}

/** Applications sent today and this week, by their application date. */
export function appliedCounts(jobs: Iterable<{ appliedAt?: string | undefined }>, now: Date): AppliedCounts {
  const [day, week] = [startOfDay(now).getTime(), startOfWeek(now).getTime()];
  const counts = { today: 0, week: 0 };
  for (const job of jobs) {
    if (!job.appliedAt) continue;
    const at = Date.parse(job.appliedAt);
    if (at >= week) counts.week += 1;
    if (at >= day) counts.today += 1;
  }
  return counts;
}
