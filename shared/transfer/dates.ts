/**
 * Dates as other trackers and spreadsheets write them. Every result is an
 * ISO timestamp in UTC, as the job schema stores them.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_SCHEMA_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const NUMERIC_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/**
 * A day with no time is stored at noon UTC: the same calendar day then shows
 * in every time zone from UTC-11 to UTC+11, where midnight UTC would show the
 * day before everywhere west of Greenwich.
 */
function dayAt(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString();
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/**
 * Whether numeric dates in this column are day-first (31/01/2026): true as
 * soon as one value can only be read that way, false when one can only be
 * month-first; month-first (the US trackers' default) when none tells.
 */
export function detectDayFirst(values: Iterable<string>): boolean {
  for (const value of values) {
    const match = NUMERIC_DAY.exec(value.trim());
    if (!match) continue;
    const [first, second] = [Number(match[1]), Number(match[2])];
    if (first > 12 && second <= 12) return true;
    if (second > 12 && first <= 12) return false;
  }
  return false;
}

/** The instant a cell names, or undefined when it is not a date we can read. */
export function parseDate(raw: string, dayFirst = false): string | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  if (ISO_INSTANT.test(value)) {
    // Kept as written when already in the schema's form, so an export round-trips exactly.
    if (ISO_SCHEMA_FORM.test(value)) return Number.isNaN(Date.parse(value)) ? undefined : value;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  let match = ISO_DAY.exec(value);
  if (match) return dayAt(Number(match[1]), Number(match[2]), Number(match[3]));
  match = ISO_LOCAL.exec(value);
  if (match) {
    const [, y, mo, d, h, mi, s] = match;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  match = NUMERIC_DAY.exec(value);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    const [day, month] = dayFirst ? [a, b] : [b, a];
    return dayAt(fullYear(match[3]!), month, day);
  }
  // Month names ("5 Mar 2026", "March 5, 2026"): only with a letter and a four-digit year,
  // so the engine's lenient parser never turns a stray number into a date.
  if (/[a-z]/i.test(value) && /\b\d{4}\b/.test(value)) {
    const time = Date.parse(`${value.replace(/(\d)(st|nd|rd|th)\b/gi, '$1')} 12:00 UTC`);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return undefined;
}
