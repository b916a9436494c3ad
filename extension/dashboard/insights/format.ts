import type { LocationCount } from '../../../shared/insights';

/**
 * Words and numbers of the Insights page. Each takes an optional locale so tests can pin one;
 * the page passes none and gets the browser's.
 */

export function formatPercent(rate: number | null, locale?: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export function formatCount(count: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** A rate such as applications a week, to one decimal: "2.5", "8". */
export function formatDecimal(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** A duration in days as a person would say it: "under a day", "4.5 days", "12 days". */
export function formatDays(days: number | null, locale?: string): string {
  if (days === null) return '—';
  if (days < 1) return 'under a day';
  const rounded = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(rounded);
  return `${text} ${rounded === 1 ? 'day' : 'days'}`;
}

/** "3 Nov" for a week starting "2026-11-03" (a calendar date, so read and shown in UTC). */
export function formatWeekStart(isoDate: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** "Week of 3 Nov 2026", for the table and tooltips where the year matters. */
export function formatWeekLong(isoDate: string, locale?: string): string {
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `Week of ${date.format(new Date(`${isoDate}T00:00:00Z`))}`;
}

/** "< 1 day", "1–3 days", "30+ days" for a [fromDays, toDays) range. */
export function formatDayRange(fromDays: number, toDays: number | null): string {
  if (toDays === null) return `${fromDays}+ days`;
  if (fromDays === 0) return `< ${toDays} ${toDays === 1 ? 'day' : 'days'}`;
  return `${fromDays}–${toDays} days`;
}

export function locationLabel(row: Pick<LocationCount, 'kind' | 'name' | 'places'>): string {
  if (row.kind === 'unspecified') return 'No location given';
  if (row.kind === 'other') return `Other (${row.places} places)`;
  return row.name;
}

export function plural(count: number, one: string, many: string, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? one : many}`;
}

/**
 * A name that fits on one line of `width` pixels of 12px text: whole if it fits, else its first
 * part before a comma ("Munich, Bavaria, Germany" → "Munich"), else cut with an ellipsis.
 */
export function fitName(name: string, width: number): string {
  const maxChars = Math.floor((width - 12) / 7);
  if (name.length <= maxChars) return name;
  const first = name.split(',')[0]!.trim();
  if (first.length <= maxChars) return first;
  return `${first.slice(0, maxChars - 1)}…`;
}
