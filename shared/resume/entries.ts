import { findDates } from './dates';
import { findLinks } from './contact';
import type { ResumeEducation, ResumeExperience, ResumeProject } from './parsed-resume';

/**
 * Experience, education and project entries from a section's lines: header
 * lines (title, company, place, dates) followed by bullet points, with
 * wrapped bullet lines joined back together.
 */

/** Bullets as written, and as OCR reads them ("«", "»", "+", "e", "©"). */
const BULLET_RE = /^\s*(?:[•·●▪■◦‣∙*«»+►▸✓✔➢➤-]|[eo©®](?=\s+[A-Z]))\s+/;

export function isBullet(line: string): boolean {
  return BULLET_RE.test(line);
}

export function stripBullet(line: string): string {
  return line.replace(BULLET_RE, '').trim();
}

interface Block {
  header: string[];
  bullets: string[];
}

const TITLE_WORDS =
  /\b(?:engineer|developer|manager|analyst|scientist|designer|consultant|intern|director|lead|head|officer|specialist|architect|administrator|coordinator|assistant|associate|president|founder|co-founder|researcher|teacher|technician|programmer|owner|partner|advisor|editor|writer|nurse|accountant|representative|supervisor|executive|strategist|principal|fellow|product|owner|vp|cto|ceo|cfo|coo|sre|devops|qa|tester|recruiter|marketer|trainee|apprentice|professor|lecturer|tutor|student)\b/i;

const COMPANY_SUFFIX = /^(?:inc\.?|llc|ltd\.?|limited|gmbh|ag|corp\.?|co\.?|plc|s\.a\.|sas|bv|pty ltd)$/i;

/**
 * A sentence about the work, not a header: several words, many of them lower
 * case ("Cut cost per acquisition by 31% by moving paid search…"), and no dates.
 * Bullets drawn as shapes (as browsers print list markers) reach the text with
 * no marker, and only their wording tells them from the entry's header.
 */
export function isProse(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 6 || findDates(line)?.start) return false;
  return words.filter((w) => /^\p{Ll}/u.test(w)).length / words.length >= 0.4;
}

/**
 * Groups lines into entries: a new entry starts at a header line that follows
 * bullets or a complete header. `unmarkedBullet` says when a line without a
 * marker is a bullet all the same.
 */
function toBlocks(
  lines: readonly string[],
  startsEntry: (line: string, current: Block, after: readonly string[]) => boolean,
  unmarkedBullet: (line: string, current: Block) => boolean = () => false,
): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let lastWasBullet = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (isBullet(line)) {
      if (!current) blocks.push((current = { header: [], bullets: [] }));
      current.bullets.push(stripBullet(line));
      lastWasBullet = true;
      continue;
    }
    if (current && lastWasBullet && isContinuation(current.bullets.at(-1) ?? '', line)) {
      current.bullets[current.bullets.length - 1] += ` ${line}`;
      continue;
    }
    if (current && unmarkedBullet(line, current)) {
      current.bullets.push(line);
      lastWasBullet = true;
      continue;
    }
    if (!current || current.bullets.length > 0 || startsEntry(line, current, lines.slice(index + 1))) {
      blocks.push((current = { header: [], bullets: [] }));
    }
    current.header.push(line);
    lastWasBullet = false;
  }
  return blocks;
}

/**
 * A wrapped bullet goes on with a lower-case word or a number, or with any
 * word after a long line that has not ended its sentence (a short one that
 * stops without a full stop is a whole bullet).
 */
function isContinuation(previous: string, line: string): boolean {
  if (/^[\p{Ll}\d(%]/u.test(line)) return true;
  // A line that reads like an entry's header (a title, separators, dates) starts the next entry instead.
  const headerLike = / [—–|@] /.test(line) || TITLE_WORDS.test(line) || findDates(line) !== undefined;
  return previous.length >= 60 && !/[.!?:;)]$/.test(previous) && !headerLike;
}

/** Splits "Title — Company, City, ST" into its pieces, keeping "Acme, Inc." together. */
function pieces(text: string): string[] {
  // " at " joins a title and a company ("Engineer at Acme"), but is part of a name in "University of Texas at Austin".
  const raw = text
    .split(INSTITUTION_RE.test(text) ? /\s+[—–-]\s+|\s+\|\s+|\t|\s+·\s+|,\s+/ : /\s+[—–-]\s+|\s+\|\s+|\t|\s+·\s+|,\s+|\s+@\s+|\s+at\s+/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const p of raw) {
    if (COMPANY_SUFFIX.test(p) && out.length) out[out.length - 1] += `, ${p}`;
    else out.push(p);
  }
  return out;
}

const US_STATE = /^(?:[A-Z]{2})(?:\s+\d{5})?$/;
const PLACE_WORDS = /^(?:remote|hybrid|on-?site|worldwide)$/i;

const COUNTRY = /^(?:United Kingdom|UK|USA|Germany|France|India|Canada|Switzerland|Netherlands|Ireland|Australia|Spain|Italy)$/;

function isLocationPiece(piece: string, previous: string | undefined): boolean {
  return US_STATE.test(piece) || PLACE_WORDS.test(piece) || /^[\p{Lu}][\p{L} .-]*\s\((?:remote|hybrid|on-?site)\)$/iu.test(piece) || (previous !== undefined && COUNTRY.test(piece));
}

export function parseExperience(lines: readonly string[]): ResumeExperience[] {
  const blocks = toBlocks(withoutEnumeration(lines), (line, current, after) => {
    const hasDates = current.header.some((l) => findDates(l)?.start);
    if (!hasDates) return false;
    // A second dated line is the next entry: appointments listed one a line ("2018–2022  Lecturer, University of Glasgow").
    if (findDates(line)?.start) return true;
    // After a dated header, an undated line starts the next entry when dates of its own follow
    // before any bullet; otherwise it completes this one ("Engineer  2020 – Present" / "Acme, Berlin").
    const ahead = after.slice(0, 3);
    const bullet = ahead.findIndex(isBullet);
    const untilBullet = bullet < 0 ? ahead : ahead.slice(0, bullet);
    return untilBullet.some((l) => findDates(l)?.start) || untilBullet.length === 0 && bullet < 0 && current.header.length >= 2;
  }, (line, current) => current.header.some((l) => findDates(l)?.start) && isProse(line));
  const out: ResumeExperience[] = [];
  for (const block of blocks) {
    const entry: ResumeExperience = { bullets: block.bullets };
    const texts: string[] = [];
    for (const line of block.header) {
      const dates = findDates(line);
      if (dates && (dates.start || !entry.end)) {
        if (dates.start) entry.start = dates.start;
        if (dates.end) entry.end = dates.end;
        if (dates.rest) texts.push(dates.rest);
      } else texts.push(line);
    }
    const apart = titleLineApart(texts);
    if (apart) assignRoles(entry, [pieces(apart.other)], apart.title);
    else assignRoles(entry, texts.map(pieces));
    if (entry.title || entry.company || entry.bullets.length) out.push(entry);
  }
  return out;
}

/** "1. Shift Supervisor", "2) Store Keeper": the numbering of roles is not part of the title. */
function withoutEnumeration(lines: readonly string[]): string[] {
  return lines.map((l) => (isBullet(l) ? l : l.replace(/^\s*\d{1,2}[.)]\s+(?=\p{L})/u, '')));
}

/**
 * A header of two lines, one naming the role and the other the employer,
 * keeps the role's line whole: "Deputy Manager – Finance & Accounts" over
 * "Kaveri Agro Foods Pvt. Ltd., Bengaluru" is one title, not a title and a
 * company. Only when the other line is more than a place ("Manchester",
 * "Berlin, Germany" leave the pieces to decide).
 */
function titleLineApart(texts: readonly string[]): { title: string; other: string } | undefined {
  if (texts.length !== 2) return undefined;
  const [a, b] = texts as [string, string];
  const titled = [a, b].filter((t) => TITLE_WORDS.test(t));
  if (titled.length !== 1) return undefined;
  const title = titled[0]!;
  const other = title === a ? b : a;
  const otherPieces = pieces(other);
  const isPlace = otherPieces.length <= 2 && isLocationPiece(otherPieces.at(-1)!, otherPieces.at(-2));
  return otherPieces.length >= 2 && !isPlace ? { title: title.trim(), other } : undefined;
}

/** Decides which pieces are the title, the company and the location (the title may be known already). */
function assignRoles(entry: ResumeExperience, lines: string[][], knownTitle?: string): void {
  // Pieces beyond title and company: with the title known, one fewer.
  const beyond = knownTitle === undefined ? 2 : 1;
  const all = lines.flat();
  // Locations: "City, ST", "Remote", or a lone city on a dates line ("Manchester | Jan 2022 – Present").
  const locationParts: string[] = [];
  const rest: string[] = [];
  all.forEach((piece, i) => {
    if (isLocationPiece(piece, all[i - 1])) {
      const prev = rest.at(-1);
      // "San Francisco, CA", "Berlin, Germany": the city is the piece before the state or country.
      if ((US_STATE.test(piece) || COUNTRY.test(piece)) && prev && rest.length > beyond) locationParts.push(rest.pop()!);
      locationParts.push(piece);
    } else rest.push(piece);
  });
  // A single-word piece alone on the dates line is the place.
  for (const line of lines) {
    if (line.length === 1 && rest.length > beyond && /^[\p{Lu}][\p{L} -]+$/u.test(line[0]!) && !TITLE_WORDS.test(line[0]!)) {
      const i = rest.indexOf(line[0]!);
      if (i >= beyond) {
        locationParts.push(...rest.splice(i, 1));
      }
    }
  }
  if (locationParts.length === 0 && rest.length > beyond) {
    // A lone city after the company.
    const last = rest[rest.length - 1]!;
    if (!TITLE_WORDS.test(last) && /^[\p{Lu}][\p{L} .-]+$/u.test(last) && last.split(' ').length <= 3) locationParts.push(rest.pop()!);
  }
  if (locationParts.length) entry.location = locationParts.join(', ');

  if (knownTitle !== undefined) {
    entry.title = knownTitle;
    if (rest.length) entry.company = rest.join(', ');
    return;
  }
  const titleIndex = rest.findIndex((p) => TITLE_WORDS.test(p));
  if (titleIndex >= 0) {
    entry.title = rest[titleIndex];
    const others = rest.filter((_, i) => i !== titleIndex);
    if (others.length) entry.company = others.join(', ');
  } else if (rest.length) {
    entry.title = rest[0];
    if (rest.length > 1) entry.company = rest.slice(1).join(', ');
  }
}

/** School-level qualifications: Indian boards' Class X and XII, secondary certificates, A levels, high school. */
const SCHOOL_LEVEL = [
  'Class\\s+(?:X|XII|10|12)(?:th)?', '(?:X|XII|10th|12th)\\s+(?:Standard|Grade)', 'Grade\\s+1[02]', 'Higher\\s+Secondary', 'Senior\\s+Secondary',
  'Secondary\\s+School\\s+Certificate', 'HSC', 'SSC', 'SSLC', 'Matriculation', 'GCSEs?', 'A[- ]Levels?', 'High\\s+School(?:\\s+Diploma)?', 'GED',
];
const DEGREES = [
  'B\\.?\\s?S\\.?c?', 'B\\.?\\s?A\\.?', 'B\\.?\\s?Sc', 'BSc', 'BA', 'BEng', 'B\\.?\\s?Eng', 'B\\.?\\s?Tech', 'B\\.?\\s?E\\.', 'M\\.?\\s?S\\.?c?', 'MSc',
  'M\\.?\\s?A\\.?', 'MA', 'MEng', 'M\\.?\\s?Tech', 'MBA', 'M\\.?B\\.?A', 'Ph\\.?\\s?D', 'PhD', 'Dr\\.', 'Doctor(?:ate)?', "Bachelor(?:'s)?", "Master(?:'s)?",
  "Associate(?:'s)? Degree", 'Diploma', 'Abitur', 'Licence', 'Laurea', 'BBA', 'LLB', 'LLM', 'MD', 'BFA', 'MFA', 'B\\.?\\s?Com', 'M\\.?\\s?Com', 'BCA', 'MCA',
  'Chartered Accountant',
];
const DEGREE_RE = new RegExp(`\\b(?:${[...SCHOOL_LEVEL, ...DEGREES].join('|')})(?=\\W|$)`);
const INSTITUTION_RE =
  /\b(?:University|Universit[äéà]t?|Universidad|Università|Universiteit|College|Institute|Institut|School|Academy|Polytechnic|Politecnico|Hochschule|Fachhochschule|ETH|EPFL|MIT|UCLA|Conservatory|Seminary|Vidyalaya|Vidyapeeth|Vidyapith|Vidya Mandir|Vidyashram|Gymnasium|Lyc[ée]e|Convent|Sixth Form)\b/i;
const CERT_RE = /\b(?:Certified|Certification|Certificate|Professional \(|PMP|CISSP|CPA|CFA|Licen[cs]e)\b/;

const TABLE_HEADER_CELL = /^(?:course|degree|qualification|examination|exam|class|standard|institution|institute|school|college|school\/college|board|university|board\/university|year|year of passing|passing year|score|percentage|marks|cgpa|gpa|grade|result|%)$/i;

/** The heading row of an education table ("Course  Institution  Board/University  Year  Score"). */
function isTableHeaderRow(line: string): boolean {
  const cells = line.split('\t').map((c) => c.trim()).filter(Boolean);
  return cells.length >= 3 && cells.every((c) => TABLE_HEADER_CELL.test(c));
}

export interface EducationResult {
  education: ResumeEducation[];
  /** Certification lines found inside an "Education and Certifications" section. */
  certifications: string[];
}

export function parseEducation(lines: readonly string[]): EducationResult {
  const certifications: string[] = [];
  const kept: string[] = [];
  for (const line of lines) {
    if (isTableHeaderRow(line)) continue;
    // "Automotive Technology Certificate — GateWay Community College" is schooling; "AWS Certified …" is not.
    const schooling = DEGREE_RE.test(line) || INSTITUTION_RE.test(line);
    if (!isBullet(line) && CERT_RE.test(line) && (!schooling || /^\s*Certifi/.test(line))) certifications.push(line.trim());
    else kept.push(line);
  }
  // Join wrapped lines: a line that is only a year, or starts lower-case, belongs to the line before.
  const joined: string[] = [];
  for (const line of kept) {
    const prev = joined.at(-1);
    // A year-first line ("2012  MSc Social Research Methods, University of Oxford") is an entry of its own.
    if (prev !== undefined && !isBullet(line) && (/^(?:\d{4}$|[\p{Ll}])/u.test(line) || /,$/.test(prev)) && !findDates(prev)) {
      joined[joined.length - 1] = `${prev} ${line}`;
    } else joined.push(line);
  }

  const blocks = toBlocks(joined, (line, current) => {
    const text = current.header.join(' ');
    if ((DEGREE_RE.test(line) && DEGREE_RE.test(text)) || (INSTITUTION_RE.test(line) && INSTITUTION_RE.test(text) && DEGREE_RE.test(text))) return true;
    // Two dated lines that each name a school are two entries ("… Certificate — GateWay Community College  2013").
    return findDates(line) !== undefined && current.header.some((l) => findDates(l)) && (INSTITUTION_RE.test(line) || DEGREE_RE.test(line));
  });
  const education: ResumeEducation[] = [];
  for (const block of blocks) {
    const entry: ResumeEducation = { details: [...block.bullets] };
    const all: string[] = [];
    // Table cells (tab-separated) are read one by one, so removing a date does not join its neighbours.
    for (const cell of block.header.flatMap((line) => line.split('\t'))) {
      const dates = findDates(cell);
      if (dates) {
        if (dates.start) entry.start = dates.start;
        if (dates.end) entry.end = dates.end;
        all.push(...pieces(dates.rest));
      } else all.push(...pieces(cell));
    }
    const institutions = all.filter((p) => INSTITUTION_RE.test(p));
    const institution = institutions.at(-1);
    if (institution) entry.institution = institution;
    const degreeIndex = all.findIndex((p) => DEGREE_RE.test(p) && p !== institution);
    if (degreeIndex >= 0) entry.degree = all[degreeIndex];
    else if (all[0] && all[0] !== institution) entry.degree = all[0];
    for (const p of all) {
      if (p === entry.degree || p === entry.institution) continue;
      if (US_STATE.test(p) || (entry.institution && !entry.location && /^[\p{Lu}][\p{L} .-]+$/u.test(p) && all.indexOf(p) > all.indexOf(entry.institution) && p.split(' ').length <= 3)) {
        entry.location = entry.location ? `${entry.location}, ${p}` : p;
      } else entry.details.push(p);
    }
    if (entry.degree || entry.institution) education.push(entry);
  }
  return { education, certifications };
}

/** Certifications, one per line or separated by semicolons. */
export function parseList(lines: readonly string[], separators = /;/): string[] {
  return lines
    .flatMap((l) => stripBullet(l).split(separators))
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export function parseLanguages(lines: readonly string[]): string[] {
  return parseList(lines, /[;,|•·\t]/);
}

export function parseProjects(lines: readonly string[]): ResumeProject[] {
  const blocks = toBlocks(lines, (_line, current) => current.header.length >= 2);
  return blocks
    .filter((b) => b.header.length || b.bullets.length)
    .map((block) => {
      const [first = '', ...more] = block.header;
      const split = /^(.+?)\s+[—–:-]\s+(.+)$/.exec(first);
      const name = (split ? split[1]! : first || block.bullets[0] || '').trim();
      const description = [split?.[2], ...more].filter(Boolean).join(' ').trim();
      const links = findLinks([...block.header, ...block.bullets].join('\n'));
      const project: ResumeProject = { name, bullets: block.bullets, links };
      if (description) project.description = description;
      return project;
    });
}
