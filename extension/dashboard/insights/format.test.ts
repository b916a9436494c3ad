import { describe, expect, it } from 'vitest';
import { fitName, formatDayRange, formatDecimal, formatDays, formatPercent, formatWeekLong, formatWeekStart, locationLabel, plural } from './format';

describe('Insights formatting', () => {
  it('percentages round to whole numbers and show a dash when there is no rate', () => {
    expect(formatPercent(3 / 7, 'en-GB')).toBe('43%');
    expect(formatPercent(0, 'en-GB')).toBe('0%');
    expect(formatPercent(null, 'en-GB')).toBe('—');
  });

  it.each([
    [null, '—'],
    [0, 'under a day'],
    [0.99, 'under a day'],
    [1, '1 day'],
    [4.24, '4.2 days'],
    [9.96, '10 days'],
    [12.4, '12 days'],
  ])('%s days → %s', (days, text) => {
    expect(formatDays(days, 'en-GB')).toBe(text);
  });

  it('weeks are calendar dates, whatever the time zone', () => {
    expect(formatWeekStart('2026-11-02', 'en-GB')).toBe('2 Nov');
    expect(formatWeekLong('2026-12-28', 'en-GB')).toBe('Week of 28 Dec 2026');
  });

  it.each([
    [0, 1, '< 1 day'],
    [0, 3, '< 3 days'],
    [1, 3, '1–3 days'],
    [30, null, '30+ days'],
  ] as const)('[%s, %s) → %s', (from, to, text) => {
    expect(formatDayRange(from, to)).toBe(text);
  });

  it('names location rows', () => {
    expect(locationLabel({ kind: 'place', name: 'Pune', places: 1 })).toBe('Pune');
    expect(locationLabel({ kind: 'unspecified', name: '', places: 1 })).toBe('No location given');
    expect(locationLabel({ kind: 'other', name: '', places: 4 })).toBe('Other (4 places)');
  });

  it('decimals keep one place at most', () => {
    expect(formatDecimal(8, 'en-GB')).toBe('8');
    expect(formatDecimal(1 / 12, 'en-GB')).toBe('0.1');
    expect(formatDecimal(2.56, 'en-GB')).toBe('2.6');
  });

  it('plural', () => {
    expect(plural(1, 'application', 'applications', 'en-GB')).toBe('1 application');
    expect(plural(1200, 'application', 'applications', 'en-GB')).toBe('1,200 applications');
    expect(plural(0, 'application', 'applications', 'en-GB')).toBe('0 applications');
  });

  it.each([
    ['Pune', 'Pune'],
    ['Berlin, Germany', 'Berlin, Germany'],
    ['Munich, Bavaria, Germany', 'Munich'],
    ['Thiruvananthapuram Technopark Phase Three', 'Thiruvananthapura…'],
  ])('fits %j into 140 px as %j', (name, short) => {
    expect(fitName(name, 140)).toBe(short);
  });
});
