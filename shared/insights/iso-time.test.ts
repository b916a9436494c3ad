import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoMs } from './iso-time';

describe('parseIsoMs', () => {
  it('reads stored timestamps', () => {
    expect(parseIsoMs('2026-11-02T09:00:00.000Z')).toBe(Date.UTC(2026, 10, 2, 9));
    expect(parseIsoMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseIsoMs('1969-12-31T23:59:59Z')).toBe(-1000);
  });

  it('is null for nothing or nonsense', () => {
    expect(parseIsoMs(undefined)).toBeNull();
    expect(parseIsoMs('')).toBeNull();
    expect(parseIsoMs('not a date')).toBeNull();
    expect(parseIsoMs('2026-13-02T09:00:00.000Z')).toBeNull();
  });

  it('agrees with Date.parse on every form it may meet', () => {
    const forms = [
      (date: Date) => date.toISOString(),
      (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z'),
      (date: Date) => date.toISOString().replace(/\d\dZ$/, 'Z'),
      (date: Date) => date.toISOString().replace(/Z$/, '456Z'),
      (date: Date) => date.toISOString().replace(/:\d\d\.\d+Z$/, 'Z'),
      (date: Date) => date.toISOString().replace(/Z$/, '+05:30'),
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: forms.length - 1 }),
        (date, form) => {
          const iso = forms[form]!(date);
          expect(parseIsoMs(iso)).toBe(Date.parse(iso));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
