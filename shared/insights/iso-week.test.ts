import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, isoWeekLabel, mondayOf } from './iso-week';

const day = (iso: string, offset = 0) => dayNumber(Date.parse(iso), offset);

describe('ISO weeks', () => {
  it.each([
    // [a date, its week's Monday, its ISO week]
    ['2026-11-02', '2026-11-02', '2026-W45'], // a Monday
    ['2026-11-08', '2026-11-02', '2026-W45'], // the Sunday after
    ['1970-01-01', '1969-12-29', '1970-W01'], // the epoch, a Thursday
    ['2021-01-03', '2020-12-28', '2020-W53'], // early January in the previous ISO year
    ['2024-12-30', '2024-12-30', '2025-W01'], // late December in the next ISO year
    ['2026-01-01', '2025-12-29', '2026-W01'],
    ['2027-01-01', '2026-12-28', '2026-W53'], // 2026 has 53 ISO weeks
  ])('%s is in the week of Monday %s, %s', (date, monday, week) => {
    const start = mondayOf(day(`${date}T12:00:00.000Z`));
    expect(isoDate(start)).toBe(monday);
    expect(isoWeekLabel(start)).toBe(week);
  });

  it('dates before 1970 fall in the right week too', () => {
    expect(isoDate(mondayOf(day('1969-12-28T12:00:00.000Z')))).toBe('1969-12-22');
  });

  it('reads the calendar date at the given UTC offset', () => {
    // Sunday 20:00 UTC is already Monday 01:30 in India (UTC+5:30) and still Sunday in New York.
    const sundayEvening = '2026-11-08T20:00:00.000Z';
    expect(isoDate(day(sundayEvening))).toBe('2026-11-08');
    expect(isoDate(day(sundayEvening, 330))).toBe('2026-11-09');
    expect(isoDate(day('2026-11-09T03:00:00.000Z', -300))).toBe('2026-11-08');
  });
});
