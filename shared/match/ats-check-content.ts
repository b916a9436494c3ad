/**
 * The ATS items about what the resume says, read from the parsed resume and
 * the text the parser read: contact, headings, dates, bullets.
 */
import { detectHeading, type SectionKind } from '../resume/sections';
import type { ParsedResume } from '../resume/parsed-resume';
import { startsWithActionVerb } from './ats-check-verbs';
import type { AtsItem, AtsStatus } from './ats-check-types';

export const BULLET_MIN_WORDS = 8;
export const BULLET_MAX_WORDS = 30;

const item = (id: AtsItem['id'], status: AtsStatus, detail: string, fix?: string): AtsItem => (fix && status !== 'pass' ? { id, status, detail, fix } : { id, status, detail });
const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The bullets a recruiter's parser reads as achievements: experience first, then projects. */
export function bulletsOf(resume: ParsedResume): string[] {
  return [...resume.experience.flatMap((e) => e.bullets), ...resume.projects.flatMap((p) => p.bullets)].map((b) => b.trim()).filter(Boolean);
}

export function checkContact(resume: ParsedResume): AtsItem {
  const { email, phone, location, links } = resume.contact;
  const missing = [!email && 'an email address', !phone && 'a phone number', !location && links.length === 0 && 'a location or a profile link'].filter((m): m is string => !!m);
  if (!email) return item('contact', 'fail', `No email address was read${missing.length > 1 ? `; also missing: ${missing.slice(1).join(', ')}` : ''}.`, 'Put your email address as plain text in the first lines of the resume, not in a header, footer or image.');
  if (missing.length) return item('contact', 'warn', `Read the email; missing: ${missing.join(', ')}.`, 'Add your phone number and your city (or a LinkedIn/portfolio link) as plain text next to your email.');
  return item('contact', 'pass', 'Email, phone and location or links were read.');
}

/** What the parser already placed (an employer in capitals, a skill like "SQL"): such lines are no headings. */
function placedValues(resume: ParsedResume): Set<string> {
  const values = [
    resume.contact.name, resume.contact.location,
    ...resume.experience.flatMap((e) => [e.title, e.company, e.location]),
    ...resume.education.flatMap((e) => [e.degree, e.institution, e.location]),
    ...resume.skills, ...resume.certifications, ...resume.languages, ...resume.projects.map((p) => p.name),
  ];
  return new Set(values.filter((v): v is string => !!v).map((v) => v.trim().toLowerCase()));
}

/** Short lines that look like headings (capitals, or ending in a colon) but are no heading a parser knows. */
function unknownHeadings(lines: readonly string[], placed: ReadonlySet<string>): string[] {
  return lines.slice(2).filter((line) => {
    const t = line.trim().replace(/:$/, '');
    if (!t || t.length > 30 || detectHeading(line) || /\d|@|\||,/.test(t) || placed.has(t.toLowerCase())) return false;
    const letters = t.replace(/[^\p{L}]/gu, '');
    return letters.length >= 5 && t.split(/\s+/).length <= 4 && (letters === letters.toUpperCase() || /:$/.test(line.trim()));
  });
}

export function checkHeadings(text: string, resume: ParsedResume): AtsItem {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const found = new Set<SectionKind>(lines.map((l) => detectHeading(l)?.kind).filter((k): k is SectionKind => k !== undefined));
  const missing = (['experience', 'education', 'skills'] as const).filter((k) => !found.has(k));
  const odd = unknownHeadings(lines, placedValues(resume));
  const fix = 'Use standard headings parsers know: "Experience", "Education", "Skills" (and "Summary", "Projects", "Certifications").';
  if (missing.includes('experience') || missing.length >= 2) return item('section-headings', 'fail', `No standard heading for: ${missing.join(', ')}.${odd.length ? ` Not recognised: ${odd.slice(0, 3).map((o) => `"${o}"`).join(', ')}.` : ''}`, fix);
  if (missing.length || odd.length) {
    const parts = [missing.length ? `No standard heading for: ${missing.join(', ')}.` : '', odd.length ? `Headings a parser may not know: ${odd.slice(0, 3).map((o) => `"${o}"`).join(', ')}.` : ''];
    return item('section-headings', 'warn', parts.filter(Boolean).join(' '), fix);
  }
  return item('section-headings', 'pass', 'Experience, Education and Skills headings were recognised.');
}

export function checkDatedExperience(resume: ParsedResume): AtsItem {
  const roles = resume.experience;
  if (roles.length === 0) return item('dated-experience', 'fail', 'No roles were read under an experience heading.', 'List each role under "Experience" with its title, employer and dates on their own lines.');
  const undated = roles.filter((r) => !r.start || !r.end).length;
  const fix = 'Give every role a start and an end date ("Mar 2021 – Present") on the line with its title or the line below.';
  if (undated === roles.length) return item('dated-experience', 'fail', `None of the ${plural(roles.length, 'role')} has dates a parser could read.`, fix);
  if (undated) return item('dated-experience', 'warn', `${undated} of ${plural(roles.length, 'role')} lack a start or end date.`, fix);
  return item('dated-experience', 'pass', `All ${plural(roles.length, 'role')} have start and end dates.`);
}

export function checkBulletLength(bullets: readonly string[]): AtsItem {
  if (bullets.length === 0) return item('bullet-length', 'fail', 'No bullet points were read under experience or projects.', 'Describe each role with 3-6 bullet points of one line or two.');
  const short = bullets.filter((b) => words(b) < BULLET_MIN_WORDS).length;
  const long = bullets.filter((b) => words(b) > BULLET_MAX_WORDS).length;
  const share = (bullets.length - short - long) / bullets.length;
  const detail = `${bullets.length - short - long} of ${plural(bullets.length, 'bullet')} have ${BULLET_MIN_WORDS}-${BULLET_MAX_WORDS} words (${short} shorter, ${long} longer).`;
  const fix = `Keep each bullet between ${BULLET_MIN_WORDS} and ${BULLET_MAX_WORDS} words: what you did, how, and the result.`;
  return item('bullet-length', share >= 0.8 ? 'pass' : share >= 0.5 ? 'warn' : 'fail', detail, fix);
}

/** A figure a reader can weigh: digits, or a written multiplier ("doubled", "tripled"). */
const HAS_NUMBER = /\d|\b(?:doubled|tripled|halved|quadrupled)\b/i;

export function checkBulletNumbers(bullets: readonly string[]): AtsItem {
  if (bullets.length === 0) return item('bullet-numbers', 'fail', 'No bullet points to look for numbers in.', 'Add bullet points that show results in figures: %, time, money, counts.');
  const withNumbers = bullets.filter((b) => HAS_NUMBER.test(b)).length;
  const share = withNumbers / bullets.length;
  const detail = `${withNumbers} of ${plural(bullets.length, 'bullet')} (${Math.round(share * 100)}%) contain a number.`;
  return item('bullet-numbers', share >= 0.3 ? 'pass' : share >= 0.1 ? 'warn' : 'fail', detail, 'Quantify results in at least a third of your bullets: how much, how many, how fast, by what %.');
}

export function checkActionVerbs(bullets: readonly string[]): AtsItem {
  if (bullets.length === 0) return item('action-verbs', 'fail', 'No bullet points to look for action verbs in.', 'Start each bullet with what you did: "Led", "Built", "Reduced", "Trained".');
  const withVerb = bullets.filter(startsWithActionVerb).length;
  const share = withVerb / bullets.length;
  const detail = `${withVerb} of ${plural(bullets.length, 'bullet')} start with an action verb.`;
  return item('action-verbs', share >= 0.6 ? 'pass' : share >= 0.3 ? 'warn' : 'fail', detail, 'Open bullets with an action verb ("Led", "Built", "Reduced") rather than "Responsible for" or a noun.');
}

/**
 * Symptoms of text read out of order, visible in the parsed resume: a bullet's
 * sentence landed in a role's company or location field (the two-column
 * failure issue 15 describes), or roles came out with no bullets at all while
 * bullets exist elsewhere.
 */
export function checkReadingOrder(resume: ParsedResume): AtsItem {
  const garbled = resume.experience.filter((r) => [r.company, r.location, r.title].some((f) => f !== undefined && (words(f) > 10 || f.length > 90))).length;
  const empty = resume.experience.filter((r) => r.bullets.length === 0).length;
  const fix = 'Use one column with each role\'s title, employer, dates and bullets in that order; avoid text boxes and side columns.';
  if (garbled) return item('reading-order', 'fail', `${plural(garbled, 'role')} read with sentences in the title, employer or location: the text came out of order.`, fix);
  if (resume.experience.length >= 2 && empty === resume.experience.length) return item('reading-order', 'warn', 'No role came with its bullet points: they may have been read apart from their roles.', fix);
  if (resume.experience.length === 0) return item('reading-order', 'not-checked', 'No roles were read, so the order of their parts could not be checked.');
  return item('reading-order', 'pass', 'Roles were read with their fields and bullets in order.');
}
