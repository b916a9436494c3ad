import type { ParsedResume } from '../parsed-resume';

/**
 * The ATS version of a resume as a flat list of blocks in reading order.
 * The PDF and DOCX writers only lay these out, so both files say the same
 * thing in the same order, and the rules (which sections, what an entry's
 * lines say, what is empty) live in one place.
 */

export const ATS_HEADINGS = ['Summary', 'Experience', 'Education', 'Skills', 'Certifications', 'Languages', 'Projects'] as const;
export type AtsHeading = (typeof ATS_HEADINGS)[number];

export type AtsBlock =
  | { kind: 'name'; text: string }
  | { kind: 'contact'; text: string }
  | { kind: 'heading'; text: AtsHeading }
  /** An entry's first line (job, degree, project) and, when known, its place and dates. */
  | { kind: 'entry'; title: string; meta?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; text: string };

const SEPARATOR = ' | ';

/**
 * One line of plain text: controls (invalid in XML, invisible in a PDF)
 * dropped, any run of white space one space, composed characters.
 */
export function cleanText(value: string | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFC')
    // Lone surrogates and the two non-characters break XML writers.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

const cleanList = (values: readonly string[]) => values.map(cleanText).filter(Boolean);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-03" reads "Mar 2021", which every ATS date parser knows; "2021" and "Present" stay. */
export function formatResumeDate(value: string | undefined): string {
  const text = cleanText(value);
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : text;
}

export function formatDateRange(start: string | undefined, end: string | undefined): string {
  const from = formatResumeDate(start);
  const to = formatResumeDate(end);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  return from || to;
}

const joined = (parts: readonly (string | undefined)[], separator: string) => parts.map(cleanText).filter(Boolean).join(separator);

export function atsBlocks(resume: ParsedResume): AtsBlock[] {
  const blocks: AtsBlock[] = [];
  const name = cleanText(resume.contact.name);
  if (name) blocks.push({ kind: 'name', text: name });
  const contact = joined([resume.contact.email, resume.contact.phone, resume.contact.location, ...resume.contact.links], SEPARATOR);
  if (contact) blocks.push({ kind: 'contact', text: contact });

  const section = (heading: AtsHeading, body: AtsBlock[]) => {
    if (body.length > 0) blocks.push({ kind: 'heading', text: heading }, ...body);
  };
  const entry = (title: string, meta: string): AtsBlock[] => (title || meta ? [meta ? { kind: 'entry', title, meta } : { kind: 'entry', title }] : []);
  const bullets = (values: readonly string[]): AtsBlock[] => cleanList(values).map((text) => ({ kind: 'bullet', text }));

  const summary = cleanText(resume.summary);
  section('Summary', summary ? [{ kind: 'paragraph', text: summary }] : []);

  section('Experience', resume.experience.flatMap((job) => [
    ...entry(joined([job.title, job.company], ' — '), joined([job.location, formatDateRange(job.start, job.end)], SEPARATOR)),
    ...bullets(job.bullets),
  ]));

  section('Education', resume.education.flatMap((school) => [
    ...entry(joined([school.degree, school.institution], ' — '), joined([school.location, formatDateRange(school.start, school.end)], SEPARATOR)),
    ...bullets(school.details),
  ]));

  const skills = cleanList(resume.skills);
  section('Skills', skills.length > 0 ? [{ kind: 'paragraph', text: skills.join(', ') }] : []);
  section('Certifications', bullets(resume.certifications));
  const languages = cleanList(resume.languages);
  section('Languages', languages.length > 0 ? [{ kind: 'paragraph', text: languages.join(', ') }] : []);

  section('Projects', resume.projects.flatMap((project) => {
    const description = cleanText(project.description);
    const links = joined(project.links, SEPARATOR);
    const body: AtsBlock[] = [
      ...(description ? [{ kind: 'paragraph', text: description } as const] : []),
      ...bullets(project.bullets),
      ...(links ? [{ kind: 'paragraph', text: links } as const] : []),
    ];
    return [...entry(cleanText(project.name), ''), ...body];
  }));

  return blocks;
}

/** Everything a reader of the file should find, in order: what the tests look for in both files. */
export function atsPlainLines(blocks: readonly AtsBlock[]): string[] {
  return blocks.flatMap((block) => (block.kind === 'entry' ? [block.title, block.meta ?? ''] : [block.text]).filter(Boolean));
}
