/**
 * Dates as resumes write them ("Jan 2020", "March 2021", "03/2018", "2019",
 * "2018-03", "Present") to the contract's normalised form: `YYYY-MM`, `YYYY`
 * or `Present`; and date ranges found inside a line.
 */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
// "Till Date" and "Till now" are how Indian resumes often write it.
const PRESENT = 'present|current|currently|now|today|to date|till date|till now|until now|ongoing|heute|aujourd\'hui';
const YEAR = '(?:19[5-9]\\d|20[0-4]\\d)';

/** One date, in any of the written forms. */
const DATE = `(?:(?:${MONTH_NAMES})\\.?,?\\s+(?:'\\d{2}|${YEAR})|(?:0?[1-9]|1[0-2])\\s*[/.]\\s*${YEAR}|${YEAR}\\s*[-/.]\\s*(?:0[1-9]|1[0-2])(?![\\d])|${YEAR}|${PRESENT})`;
const SEPARATOR = '\\s*(?:[-\u2010-\u2015~]+|\\bto\\b|\\buntil\\b|\\btill\\b|\\bbis\\b)\\s*';

const RANGE_RE = new RegExp(`(?<![\\w/])(${DATE})${SEPARATOR}(${DATE})(?![\\w/])`, 'i');
const SINCE_RE = new RegExp(`\\b(?:since|from)\\s+(${DATE})(?![\\w/])`, 'i');
const SINGLE_RE = new RegExp(`(?<![\\w/])(${DATE})(?![\\w/])`, 'i');

function pad(month: number): string {
  return String(month).padStart(2, '0');
}

export function normaliseDate(raw: string): string | undefined {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (new RegExp(`^(?:${PRESENT})$`, 'i').test(text)) return 'Present';
  let m = new RegExp(`^(${MONTH_NAMES})\\.?,? ('(\\d{2})|(\\d{4}))$`).exec(text);
  if (m) {
    const year = m[4] ?? (Number(m[3]) > 50 ? `19${m[3]}` : `20${m[3]}`);
    return `${year}-${pad(MONTHS[m[1]!]!)}`;
  }
  m = /^(\d{1,2}) ?[/.] ?(\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${pad(Number(m[1]))}`;
  m = /^(\d{4}) ?[-/.] ?(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  if (new RegExp(`^${YEAR}$`).test(text)) return text;
  return undefined;
}

export interface FoundDates {
  start?: string;
  end?: string;
  /** The line without the dates (and the brackets or separators around them). */
  rest: string;
}

function cleanRest(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s*[|·•,–—-]\s*$/g, '')
    .replace(/^\s*[|·•,–—-]\s*/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Finds a date range ("Jan 2020 – Present", "2019-2021", "03/2018 - 06/2020",
 * "since 2019") or, failing that, a single date (a graduation year) in a line.
 */
export function findDates(line: string): FoundDates | undefined {
  let m = RANGE_RE.exec(line);
  if (m) {
    const start = normaliseDate(m[1]!);
    const end = normaliseDate(m[2]!);
    if (start && end && start !== 'Present') {
      return { start, end, rest: cleanRest(line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)) };
    }
  }
  m = SINCE_RE.exec(line);
  if (m) {
    const start = normaliseDate(m[1]!);
    if (start) return { start, end: 'Present', rest: cleanRest(line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)) };
  }
  m = SINGLE_RE.exec(line);
  if (m) {
    const end = normaliseDate(m[1]!);
    if (end && end !== 'Present') return { end, rest: cleanRest(line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)) };
  }
  return undefined;
}

/** True when a line is nothing but dates (and a location-like remainder of at most a few words). */
export function hasDateRange(line: string): boolean {
  return RANGE_RE.test(line) || SINCE_RE.test(line);
}
