/**
 * Milliseconds since the epoch of an ISO timestamp, or null. Stored timestamps all have the shape
 * "2026-11-02T09:00:00.000Z", which this reads with arithmetic: several times faster than
 * Date.parse, which dominated the cost of insights over thousands of jobs. Anything else (an
 * offset, a day past the 28th that may not exist, missing seconds) goes to Date.parse.
 */
export function parseIsoMs(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const fast = fastParse(iso);
  if (fast !== null) return fast;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const ZERO = 48;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const T = 84;
const Z = 90;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function fastParse(iso: string): number | null {
  const length = iso.length;
  if (
    length < 20 ||
    iso.charCodeAt(4) !== DASH ||
    iso.charCodeAt(7) !== DASH ||
    iso.charCodeAt(10) !== T ||
    iso.charCodeAt(13) !== COLON ||
    iso.charCodeAt(16) !== COLON ||
    iso.charCodeAt(length - 1) !== Z
  ) {
    return null;
  }
  let millis = 0;
  if (length > 20) {
    const fraction = length - 21;
    if (iso.charCodeAt(19) !== DOT || fraction < 1 || fraction > 9) return null;
    const value = digits(iso, 20, fraction);
    if (value < 0) return null;
    // Date.parse keeps whole milliseconds and drops the rest.
    millis = fraction >= 3 ? Math.floor(value / 10 ** (fraction - 3)) : value * 10 ** (3 - fraction);
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
