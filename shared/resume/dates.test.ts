import { describe, expect, it } from 'vitest';
import { findDates, normaliseDate } from './dates';

describe('normaliseDate', () => {
  it.each([
    ['Jan 2020', '2020-01'],
    ['March 2021', '2021-03'],
    ['Sept. 2019', '2019-09'],
    ["Jun '18", '2018-06'],
    ['03/2018', '2018-03'],
    ['3/2018', '2018-03'],
    ['2018-03', '2018-03'],
    ['2019', '2019'],
    ['Present', 'Present'],
    ['current', 'Present'],
    ['13/2018', undefined],
    ['hello', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseDate(raw)).toBe(expected);
  });
});

describe('findDates', () => {
  it('finds ranges in the usual forms and returns the rest of the line', () => {
    expect(findDates('Jan 2020 – Present')).toEqual({ start: '2020-01', end: 'Present', rest: '' });
    expect(findDates('2019-2021')).toEqual({ start: '2019', end: '2021', rest: '' });
    expect(findDates('03/2018 - 06/2020')).toEqual({ start: '2018-03', end: '2020-06', rest: '' });
    expect(findDates('Manchester | January 2022 – Present')).toEqual({ start: '2022-01', end: 'Present', rest: 'Manchester' });
    expect(findDates('Senior TPM — Verity, Chicago, IL (2020 – present)')).toEqual({
      start: '2020',
      end: 'Present',
      rest: 'Senior TPM — Verity, Chicago, IL',
    });
    expect(findDates('Acme, since March 2019')?.start).toBe('2019-03');
  });

  it('falls back to a single year, as a graduation date', () => {
    expect(findDates('MSc Data Science, University of Manchester, 2018')).toEqual({
      end: '2018',
      rest: 'MSc Data Science, University of Manchester',
    });
  });

  it('does not take numbers inside words or longer numbers for years', () => {
    expect(findDates('ISO 13485 and 12345 units')).toBeUndefined();
  });
});
