import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateInputToIso, dateTimeInputToIso, isoToDateInput, isoToDateTimeInput } from './date-input';

// Inputs are local time: pin a zone with an offset and daylight saving, so the tests mean the same everywhere.
const originalTz = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('date inputs', () => {
  it('shows a stored instant as the local day and local time', () => {
    expect(isoToDateInput('2026-11-20T23:30:00.000Z')).toBe('2026-11-21');
    expect(isoToDateTimeInput('2026-11-20T23:30:00.000Z')).toBe('2026-11-21T00:30');
    expect(isoToDateTimeInput('2026-07-01T08:05:00.000Z')).toBe('2026-07-01T10:05');
    expect(isoToDateInput(undefined)).toBe('');
    expect(isoToDateTimeInput('not a date')).toBe('');
  });

  it('stores a picked day at local noon, or at the time of day it replaces', () => {
    expect(dateInputToIso('2026-11-21')).toBe('2026-11-21T11:00:00.000Z');
    // 00:30:15.250 local on the 25th, which is still the 24th in UTC.
    expect(dateInputToIso('2026-11-25', '2026-11-20T23:30:15.250Z')).toBe('2026-11-24T23:30:15.250Z');
    expect(isoToDateInput(dateInputToIso('2026-11-25', '2026-11-20T23:30:15.250Z'))).toBe('2026-11-25');
    // Across the change to summer time the local time of day is what is kept.
    expect(dateInputToIso('2026-07-01', '2026-01-10T08:00:00.000Z')).toBe('2026-07-01T07:00:00.000Z');
  });

  it('falls back to noon when the kept time does not exist on the new day', () => {
    // 02:30 local does not exist on 29 March 2026 in Berlin (clocks jump from 02:00 to 03:00).
    expect(dateInputToIso('2026-03-29', '2026-03-20T01:30:00.000Z')).toBe('2026-03-29T10:00:00.000Z');
  });

  it('stores a picked date and time as an instant', () => {
    expect(dateTimeInputToIso('2026-11-21T00:30')).toBe('2026-11-20T23:30:00.000Z');
    expect(dateTimeInputToIso(isoToDateTimeInput('2026-07-01T08:05:00.000Z'))).toBe('2026-07-01T08:05:00.000Z');
  });

  it('treats blank as no date and hands anything malformed back for validation to reject', () => {
    expect(dateInputToIso('  ')).toBeUndefined();
    expect(dateTimeInputToIso('')).toBeUndefined();
    expect(dateInputToIso('21/11/2026')).toBe('21/11/2026');
    expect(dateInputToIso('2026-02-30')).toBe('2026-02-30');
    expect(dateTimeInputToIso('2026-11-21T25:00')).toBe('2026-11-21T25:00');
  });
});
