/**
 * What the matcher needs from a resume, from the shapes resumes come in:
 * plain text, or a parsed resume (the Resumes page's and the parser's shape).
 */
import { parsedResumeSchema, type ParsedResume } from '../resume/parsed-resume';
import type { MatchResume } from './match';
import { MatchInputError, checkTextSize } from './input-limits';

/** A parsed resume as text (its lines in reading order) plus its title, location, skills and dated years. */
export function resumeFromParsed(resume: ParsedResume): MatchResume {
  const lines: string[] = [];
  if (resume.summary) lines.push(resume.summary);
  for (const e of resume.experience) {
    lines.push([e.title, e.company].filter(Boolean).join(', '));
    lines.push(...e.bullets);
  }
  for (const p of resume.projects) lines.push([p.name, p.description].filter(Boolean).join(': '), ...p.bullets);
  for (const ed of resume.education) lines.push([ed.degree, ed.institution].filter(Boolean).join(', '), ...ed.details);
  lines.push(...resume.certifications);
  if (resume.skills.length) lines.push(`Skills: ${resume.skills.join(', ')}`);
  const text = lines.filter((l) => l.trim()).join('\n');
  checkTextSize(text, 'The resume');
  const title = resume.experience.find((e) => e.title)?.title;
  const years = yearsFromDates(resume.experience);
  return {
    text,
    ...(title ? { title } : {}),
    ...(resume.contact.location ? { location: resume.contact.location } : {}),
    skills: resume.skills,
    ...(years !== undefined ? { yearsFromDates: years } : {}),
  };
}

/**
 * A resume given as JSON: a parsed resume, or `{ text, title?, location? }`.
 * `now` (YYYY-MM) resolves "Present" in dated roles; passing it keeps the result a pure function.
 */
export function resumeFromJson(value: unknown, now?: string): MatchResume {
  const parsed = parsedResumeSchema.safeParse(value);
  if (parsed.success) return resumeFromParsed(now ? withPresent(parsed.data, now) : parsed.data);
  if (value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') {
    const v = value as { text: string; title?: unknown; location?: unknown };
    checkTextSize(v.text, 'The resume');
    return { text: v.text, ...(typeof v.title === 'string' ? { title: v.title } : {}), ...(typeof v.location === 'string' ? { location: v.location } : {}) };
  }
  throw new MatchInputError('The resume JSON is neither a parsed resume nor { "text": … }.', 'malformed');
}

function withPresent(resume: ParsedResume, now: string): ParsedResume {
  return { ...resume, experience: resume.experience.map((e) => (e.end === 'Present' ? { ...e, end: now } : e)) };
}

function months(date: string | undefined): number | undefined {
  const m = date ? /^(\d{4})(?:-(\d{2}))?$/.exec(date) : null;
  return m ? Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : 0) : undefined;
}

/** Years covered by dated roles, overlaps counted once; "Present" counts only once resolved to a date. */
export function yearsFromDates(experience: ParsedResume['experience']): number | undefined {
  const spans = experience
    .map((e) => [months(e.start), months(e.end)] as const)
    .filter((s): s is readonly [number, number] => s[0] !== undefined && s[1] !== undefined && s[1] >= s[0])
    .sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) return undefined;
  let total = 0;
  let [curStart, curEnd] = spans[0]!;
  for (const [s, e] of spans.slice(1)) {
    if (s <= curEnd) curEnd = Math.max(curEnd, e);
    else {
      total += curEnd - curStart;
      [curStart, curEnd] = [s, e];
    }
  }
  total += curEnd - curStart;
  return Math.round((total / 12) * 10) / 10;
}
