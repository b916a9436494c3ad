/**
 * Facts read from a resume or job beyond skills: seniority from a title,
 * years of experience asked or shown, education level, remote work.
 */
const LEVEL_WORDS: readonly (readonly [RegExp, number])[] = [
  [/\b(intern|internship|trainee|apprentice)\b/i, 0],
  [/\b(junior|jr\.?|graduate|entry[- ]level|associate)\b/i, 1],
  [/\b(senior|sr\.?|experienced)\b/i, 3],
  [/\b(staff|lead|principal|architect)\b/i, 4],
  [/\b(head|director|vp|vice president|chief)\b/i, 5],
];

/** 0 intern … 2 mid (unmarked) … 5 director; undefined when there is no title. */
export function seniorityOf(title: string | undefined): number | undefined {
  if (!title?.trim()) return undefined;
  return markedSeniority(title) ?? 2;
}

/** The level a title's own words name ("Senior", "Lead"), undefined when it names none. */
export function markedSeniority(title: string | undefined): number | undefined {
  let level: number | undefined;
  for (const [re, l] of LEVEL_WORDS) if (title && re.test(title)) level = Math.max(level ?? l, l);
  return level;
}

/** Seniority a length of experience suggests, for a resume whose title says none. */
export function seniorityFromYears(years: number): number {
  if (years < 1) return 0;
  if (years < 3) return 1;
  if (years < 5) return 2;
  if (years < 9) return 3;
  return 4;
}

/** Words that mark seniority rather than the kind of job: left out when titles are compared. */
export const SENIORITY_STEMS = new Set(['intern', 'junior', 'jr', 'senior', 'sr', 'staff', 'lead', 'princip', 'head', 'director', 'associ', 'graduat', 'entri', 'level']);

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20,
};
const YEARS = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b/gi;

function yearsMentioned(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(YEARS)) {
    const raw = m[1]!.toLowerCase();
    const n = NUMBER_WORDS[raw] ?? Number(raw);
    if (Number.isFinite(n) && n > 0 && n <= 45) out.push(n);
  }
  return out;
}

/** Years a job asks for: the largest "N+ years" it names (the binding requirement). */
export function yearsAsked(jobText: string): number | undefined {
  const years = yearsMentioned(jobText);
  return years.length ? Math.max(...years) : undefined;
}

/** Years a resume shows: stated ("six years"), or the span of its dated roles when given. */
export function yearsShown(resumeText: string, fromDates?: number): number | undefined {
  const years = yearsMentioned(resumeText);
  const stated = years.length ? Math.max(...years) : undefined;
  if (fromDates === undefined) return stated;
  return stated === undefined ? fromDates : Math.max(stated, fromDates);
}

/** 1 high school … 2 bachelor … 3 master … 4 doctorate. */
export function educationLevel(text: string): number | undefined {
  if (/\b(ph\.?\s?d|doctorate|doctoral)\b/i.test(text)) return 4;
  if (/\b(master'?s?|m\.?sc|mba|m\.s\.|graduate degree|postgraduate)\b/i.test(text)) return 3;
  if (/\b(bachelor'?s?|b\.?sc|b\.s\.|b\.a\.|b\.?tech|b\.?eng|undergraduate degree|university degree|college degree|degree in)\b/i.test(text)) return 2;
  if (/\b(associate'?s? degree|diploma|high school|ged|class xii)\b/i.test(text)) return 1;
  return undefined;
}

export const EDUCATION_NAMES = ['none', 'school or diploma', "bachelor's", "master's", 'doctorate'] as const;

export function isRemote(text: string): boolean {
  return /\b(remote|work from home|wfh|distributed team|anywhere)\b/i.test(text);
}
