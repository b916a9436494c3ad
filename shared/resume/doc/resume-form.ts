import { resumeDateSchema, type ParsedResume } from '../parsed-resume';

/**
 * The Resumes page's editable form of a resume, and back. Every list of lines
 * (bullets, links, details) is one textarea with one entry per line; skills
 * are chips. Empty fields and entries left blank disappear on the way back,
 * so the stored resume holds only what the person kept.
 */

export interface ExperienceForm { key: string; title: string; company: string; location: string; start: string; end: string; bullets: string }
export interface EducationForm { key: string; degree: string; institution: string; location: string; start: string; end: string; details: string }
export interface ProjectForm { key: string; name: string; description: string; bullets: string; links: string }

export interface ResumeForm {
  contact: { name: string; email: string; phone: string; location: string; links: string };
  summary: string;
  experience: ExperienceForm[];
  education: EducationForm[];
  skills: string[];
  certifications: string;
  languages: string;
  projects: ProjectForm[];
}

/** Field paths as the form names them (`experience.0.start`) → message. */
export type ResumeFormErrors = Record<string, string>;

let keyCounter = 0;
/** React keys for entries; they never reach the stored resume. */
export function entryKey(): string {
  keyCounter += 1;
  return `entry-${keyCounter}`;
}

const lines = (values: readonly string[]) => values.join('\n');

export function emptyExperience(): ExperienceForm {
  return { key: entryKey(), title: '', company: '', location: '', start: '', end: '', bullets: '' };
}
export function emptyEducation(): EducationForm {
  return { key: entryKey(), degree: '', institution: '', location: '', start: '', end: '', details: '' };
}
export function emptyProject(): ProjectForm {
  return { key: entryKey(), name: '', description: '', bullets: '', links: '' };
}

export function contactToForm(contact: ParsedResume['contact']): ResumeForm['contact'] {
  return { name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '', location: contact.location ?? '', links: lines(contact.links) };
}

export function experienceToForm(entries: ParsedResume['experience']): ExperienceForm[] {
  return entries.map((entry) => ({
    key: entryKey(),
    title: entry.title ?? '',
    company: entry.company ?? '',
    location: entry.location ?? '',
    start: entry.start ?? '',
    end: entry.end ?? '',
    bullets: lines(entry.bullets),
  }));
}

export function educationToForm(entries: ParsedResume['education']): EducationForm[] {
  return entries.map((entry) => ({
    key: entryKey(),
    degree: entry.degree ?? '',
    institution: entry.institution ?? '',
    location: entry.location ?? '',
    start: entry.start ?? '',
    end: entry.end ?? '',
    details: lines(entry.details),
  }));
}

export function projectsToForm(entries: ParsedResume['projects']): ProjectForm[] {
  return entries.map((entry) => ({ key: entryKey(), name: entry.name, description: entry.description ?? '', bullets: lines(entry.bullets), links: lines(entry.links) }));
}

export function resumeToForm(resume: ParsedResume): ResumeForm {
  return {
    contact: contactToForm(resume.contact),
    summary: resume.summary ?? '',
    experience: experienceToForm(resume.experience),
    education: educationToForm(resume.education),
    skills: [...resume.skills],
    certifications: lines(resume.certifications),
    languages: lines(resume.languages),
    projects: projectsToForm(resume.projects),
  };
}

const splitLines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** `{ a: '' }` → `{}`: optional fields are absent rather than empty. */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

export const DATE_HINT = 'YYYY-MM, YYYY or Present';

/** "2021-3", "present", "2021-03" → the stored form; undefined when it is not a date the resume can hold. */
export function normaliseResumeDate(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^present$/i.test(trimmed) || /^current$/i.test(trimmed) || /^now$/i.test(trimmed)) return 'Present';
  const month = /^(\d{4})[-/.](\d{1,2})$/.exec(trimmed);
  const candidate = month ? `${month[1]}-${month[2]!.padStart(2, '0')}` : trimmed;
  return resumeDateSchema.safeParse(candidate).success ? candidate : undefined;
}

function date(key: 'start' | 'end', value: string, path: string, errors: ResumeFormErrors): Partial<Record<'start' | 'end', string>> {
  if (!value.trim()) return {};
  const normalised = normaliseResumeDate(value);
  if (!normalised) {
    errors[path] = `Write the date as ${DATE_HINT}.`;
    return {};
  }
  return { [key]: normalised };
}

const blank = (entry: object) => Object.entries(entry).every(([key, value]) => key === 'key' || (typeof value === 'string' && !value.trim()));

export type FormResult = { ok: true; resume: ParsedResume } | { ok: false; errors: ResumeFormErrors };

export function formToResume(form: ResumeForm): FormResult {
  const errors: ResumeFormErrors = {};
  const skills: string[] = [];
  for (const skill of form.skills.map((value) => value.trim()).filter(Boolean)) {
    if (!skills.some((kept) => kept.toLowerCase() === skill.toLowerCase())) skills.push(skill);
  }
  const resume: ParsedResume = {
    contact: {
      ...optional('name', form.contact.name),
      ...optional('email', form.contact.email),
      ...optional('phone', form.contact.phone),
      ...optional('location', form.contact.location),
      links: splitLines(form.contact.links),
    },
    ...optional('summary', form.summary),
    experience: form.experience
      .map((entry, i) => ({ entry, i }))
      .filter(({ entry }) => !blank(entry))
      .map(({ entry, i }) => ({
        ...optional('title', entry.title),
        ...optional('company', entry.company),
        ...optional('location', entry.location),
        ...date('start', entry.start, `experience.${i}.start`, errors),
        ...date('end', entry.end, `experience.${i}.end`, errors),
        bullets: splitLines(entry.bullets),
      })),
    education: form.education
      .map((entry, i) => ({ entry, i }))
      .filter(({ entry }) => !blank(entry))
      .map(({ entry, i }) => ({
        ...optional('degree', entry.degree),
        ...optional('institution', entry.institution),
        ...optional('location', entry.location),
        ...date('start', entry.start, `education.${i}.start`, errors),
        ...date('end', entry.end, `education.${i}.end`, errors),
        details: splitLines(entry.details),
      })),
    skills,
    certifications: splitLines(form.certifications),
    languages: splitLines(form.languages),
    projects: form.projects
      .map((entry, i) => ({ entry, i }))
      .filter(({ entry }) => !blank(entry))
      .map(({ entry, i }) => {
        if (!entry.name.trim()) errors[`projects.${i}.name`] = 'A project needs a name.';
        return { name: entry.name.trim(), ...optional('description', entry.description), bullets: splitLines(entry.bullets), links: splitLines(entry.links) };
      }),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, resume };
}
