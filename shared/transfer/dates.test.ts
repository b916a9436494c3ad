import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from './csv-cell';
import { detectDayFirst, parseDate } from './dates';
import { statusFromWord } from './status-words';

describe('dates in imported files', () => {
  it('keeps schema-form timestamps as written and converts other ISO instants to UTC', () => {
    expect(parseDate('2026-01-05T10:00:00.000Z')).toBe('2026-01-05T10:00:00.000Z');
    expect(parseDate('2026-01-05T10:00:00Z')).toBe('2026-01-05T10:00:00Z');
    expect(parseDate('2026-01-05T10:00:00+02:00')).toBe('2026-01-05T08:00:00.000Z');
  });

  it('stores a day without a time at noon UTC, so it is the same day in nearly every time zone', () => {
    expect(parseDate('2026-01-05')).toBe('2026-01-05T12:00:00.000Z');
    expect(parseDate('5 Mar 2026')).toBe('2026-03-05T12:00:00.000Z');
    expect(parseDate('March 5th, 2026')).toBe('2026-03-05T12:00:00.000Z');
  });

  it('reads numeric dates month-first unless the column shows it is day-first', () => {
    expect(parseDate('03/05/2026')).toBe('2026-03-05T12:00:00.000Z');
    expect(parseDate('03/05/2026', true)).toBe('2026-05-03T12:00:00.000Z');
    expect(parseDate('3.5.26', true)).toBe('2026-05-03T12:00:00.000Z');
    expect(detectDayFirst(['03/05/2026', '31/01/2026'])).toBe(true);
    expect(detectDayFirst(['03/05/2026', '01/31/2026'])).toBe(false);
    expect(detectDayFirst(['03/05/2026'])).toBe(false);
  });

  it('refuses what is not a real date', () => {
    for (const text of ['someday', '2026-02-30', '13/13/2026', '42', 'Q3 2026x', '']) expect(parseDate(text)).toBeUndefined();
  });
});

describe('CSV cells', () => {
  it('guards formulas and reads back exactly what was written', () => {
    for (const value of ['=1+1', '+49 30 1234', '-5', '@here', "'=already", "''+x", 'plain', "it's", '']) {
      expect(unguardCell(guardCell(value))).toBe(value);
    }
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('plain')).toBe('plain');
  });
});

describe('status words', () => {
  it('maps the words other trackers use to our statuses', () => {
    expect(statusFromWord('Wishlist')).toBe('saved');
    expect(statusFromWord('Bookmarked')).toBe('saved');
    expect(statusFromWord('Interviewing')).toBe('interview');
    expect(statusFromWord('Offered')).toBe('offer');
    expect(statusFromWord('Declined')).toBe('rejected');
    expect(statusFromWord('REJECTED')).toBe('rejected');
    expect(statusFromWord('Phone Screen')).toBe('interview');
    expect(statusFromWord('ghosted')).toBe('ghosted');
    expect(statusFromWord('Thinking')).toBeUndefined();
  });
});
