/**
 * Spreadsheets run a cell that starts with =, +, -, @, tab or carriage return
 * as a formula, so a job title from a web page could run one on the user's
 * machine ("CSV injection"). Such cells are written with a leading
 * apostrophe, which spreadsheets hide. Cells that already start with
 * apostrophes before such a character get one more, so reading strips exactly
 * one and every value round-trips.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
