/**
 * Conversions between stored ISO instants (UTC, `...Z`) and the values of
 * `<input type="date">` / `<input type="datetime-local">`, which are in the
 * user's local time zone. Inputs are read in the time zone of the running
 * JavaScript realm, which is the user's.
 *
 * A value that is neither empty nor a valid input comes back unchanged, so
 * the schema's datetime check rejects it and the form shows the error at the
 * field instead of the value silently vanishing.
 */

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function validDate(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function localDay(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2026-11-20T09:30:00.000Z` → `2026-11-20` (the local day), '' when absent. */
export function isoToDateInput(iso: string | undefined): string {
  const date = validDate(iso);
  return date ? localDay(date) : '';
}

/** `2026-11-20T09:30:00.000Z` → `2026-11-20T10:30` in UTC+1, '' when absent. */
export function isoToDateTimeInput(iso: string | undefined): string {
  const date = validDate(iso);
  return date ? `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}` : '';
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A local date, or undefined when the parts do not name a real day and time (2026-02-30). */
function localDate(year: number, month: number, day: number, hours: number, minutes: number, seconds = 0, ms = 0): Date | undefined {
  const date = new Date(year, month - 1, day, hours, minutes, seconds, ms);
  const same = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && date.getHours() === hours;
  return same && date.getMinutes() === minutes ? date : undefined;
}

/**
 * A date input's value as an instant. The time of day is taken from `keepTimeOf`
 * (the stored value it replaces) so that changing only the day keeps it, and is
 * local noon otherwise: noon stays on the same calendar day in every time zone
 * within ±11 hours, so the day reads the same on the user's other devices.
 */
export function dateInputToIso(value: string, keepTimeOf?: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const match = DAY.exec(trimmed);
  if (!match) return trimmed;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const kept = validDate(keepTimeOf);
  // The kept time may not exist on the new day (a daylight-saving gap): noon always does.
  const date =
    (kept && localDate(year, month, day, kept.getHours(), kept.getMinutes(), kept.getSeconds(), kept.getMilliseconds())) ||
    localDate(year, month, day, 12, 0);
  return date ? date.toISOString() : trimmed;
}

/** A datetime-local input's value as an instant; '' is undefined. */
export function dateTimeInputToIso(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const match = DAY_TIME.exec(trimmed);
  if (!match) return trimmed;
  const date = localDate(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
  return date ? date.toISOString() : trimmed;
}
