import { DAY_MS } from './options';

/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday), counted in whole
 * days since 1970-01-01 so that bucketing thousands of dates needs no Date objects.
 */

/** Day number (days since 1970-01-01) of the local date of `ms`, at a fixed UTC offset. */
export function dayNumber(ms: number, utcOffsetMinutes = 0): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS);
}

/** Day number of the Monday starting the ISO week of a day. 1970-01-01 was a Thursday. */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** "2026-W45" for the week starting on Monday `monday`. */
export function isoWeekLabel(monday: number): string {
  // The ISO year is the year of the week's Thursday.
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** "2026-11-02" for a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
