/**
 * Finds section headings in resume text, in the many ways people write them:
 * "Experience", "WORK EXPERIENCE", "Professional Experience:", "Employment
 * History", "Skills: Go, Java" (a heading with its content on the same line).
 */
export type SectionKind =
  | 'contact'
  | 'summary'
  | 'experience'
  | 'education'
  | 'skills'
  | 'certifications'
  | 'languages'
  | 'projects'
  | 'other';

const SYNONYMS: Record<Exclude<SectionKind, 'other'>, readonly string[]> = {
  contact: ['contact', 'contacts', 'contact information', 'contact info', 'contact details', 'personal details', 'personal information', 'personal info'],
  summary: [
    'summary', 'profile', 'professional summary', 'career summary', 'executive summary', 'summary of qualifications',
    'professional profile', 'personal profile', 'about', 'about me', 'objective', 'career objective', 'overview', 'introduction',
  ],
  experience: [
    'experience', 'work experience', 'professional experience', 'employment history', 'employment', 'work history',
    'career history', 'relevant experience', 'professional background', 'career', 'positions held', 'experience history',
    'berufserfahrung', 'expérience professionnelle', 'work',
    // Internships, clinical and teaching posts, and university appointments are employment too.
    'internships', 'internship', 'internship experience', 'internships and training', 'work experience and internships', 'placements',
    'work placements', 'industrial training', 'articleship', 'clinical experience', 'teaching experience', 'student teaching',
    'student teaching experience', 'research experience', 'academic appointments', 'appointments', 'academic positions',
    'professional appointments', 'academic employment', 'employment experience', 'relevant work experience', 'industry experience',
  ],
  education: [
    'education', 'academic background', 'academic history', 'education and training', 'educational background',
    'academics', 'qualifications', 'academic qualifications', 'education and qualifications', 'studies', 'ausbildung', 'formation',
    'education and certifications', 'education & certifications', 'educational qualification', 'educational qualifications',
    'educational details', 'education details', 'academic profile', 'academic credentials', 'scholastic record',
    'academic details', 'academic record', 'academic qualification', 'education qualification', 'education qualifications',
  ],
  skills: [
    'skills', 'technical skills', 'key skills', 'core skills', 'skills matrix', 'core competencies', 'competencies',
    'skills and tools', 'skills & tools', 'technologies', 'tech stack', 'technical expertise', 'expertise', 'tools',
    'skill set', 'skillset', 'areas of expertise', 'skills and abilities', 'kenntnisse', 'compétences',
    'clinical skills', 'technical proficiencies', 'technical competencies', 'it skills', 'computer skills', 'software skills',
    'software', 'tools and software', 'software and tools', 'methods and software', 'methods and tools', 'research skills',
    'laboratory skills', 'lab skills', 'professional skills', 'skills summary', 'tools and technologies', 'technical skills and tools',
  ],
  certifications: [
    'certifications', 'certification', 'certificates', 'licenses and certifications', 'licenses & certifications',
    'licenses', 'accreditations', 'professional certifications', 'courses and certifications', 'courses', 'training',
    'licensure', 'licensure and certifications', 'certifications and licensure', 'licences', 'tickets and licences',
    'tickets and licenses', 'tickets', 'licences and tickets', 'licenses and tickets', 'licences and certifications',
  ],
  languages: ['languages', 'language skills', 'language', 'spoken languages', 'sprachen', 'langues'],
  projects: ['projects', 'personal projects', 'selected projects', 'side projects', 'key projects', 'open source', 'portfolio'],
};

const OTHER = [
  'interests', 'hobbies', 'hobbies and interests', 'publications', 'awards', 'honors', 'honours', 'awards and honors',
  'references', 'volunteering', 'volunteer experience', 'achievements', 'activities', 'memberships', 'affiliations',
  'additional information', 'other', 'patents', 'conferences', 'talks',
  'selected publications', 'research grants', 'grants', 'grants and awards', 'grants and funding', 'funding', 'teaching',
  'research interests', 'invited talks', 'service', 'professional service', 'extracurricular activities',
  'positions of responsibility', 'declaration', 'personal details and declaration',
];

const LOOKUP = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(SYNONYMS) as [SectionKind, readonly string[]][]) for (const n of names) LOOKUP.set(n, kind);
for (const n of OTHER) LOOKUP.set(n, 'other');

function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\s/]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Heading {
  kind: SectionKind;
  /** Text after "Heading:" on the same line, if any. */
  inline?: string;
}

/**
 * Whether a line is a section heading. Only short lines qualify, and the
 * words must be a known heading (after dropping case, colons and decoration),
 * so "Experience designing payment systems" is not one.
 */
export function detectHeading(line: string): Heading | undefined {
  const trimmed = line.replace(/^[\s#*•=_-]+|[\s#*=_-]+$/g, '');
  if (!trimmed || trimmed.length > 60) return undefined;
  const colon = /^([^:]{2,40}):\s*(.*)$/.exec(trimmed);
  if (colon) {
    const kind = LOOKUP.get(headingKey(colon[1]!));
    if (kind) return colon[2] ? { kind, inline: colon[2] } : { kind };
    return undefined;
  }
  const key = headingKey(trimmed);
  // Letter-spaced headings ("E D U C A T I O N") are single letters between spaces.
  const spaced = /^(\p{L} )+\p{L}$/u.test(key) ? LOOKUP.get(key.replace(/\s/g, '')) : undefined;
  if (spaced) return { kind: spaced };
  if (key.split(' ').length > 5) return undefined;
  const kind = LOOKUP.get(key) ?? namedSkills(key);
  return kind ? { kind } : undefined;
}

/** "Computational Skills", "Programming Skills": any short heading that ends in "skills" lists skills. */
function namedSkills(key: string): SectionKind | undefined {
  return /^(?:\p{L}+ ){1,3}skills$/u.test(key) && !/^(?:soft|language|interpersonal|people) /.test(key) ? 'skills' : undefined;
}

export interface Section {
  kind: SectionKind | 'header';
  heading?: string;
  lines: string[];
}

/** Splits lines into the header (before any heading) and the sections that follow. */
export function splitSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [{ kind: 'header', lines: [] }];
  for (const line of lines) {
    // A long inline heading ("Skills: Go, Java, … ") may pass 60 characters: check its start.
    const heading = detectHeading(line) ?? detectInlineHeading(line);
    if (heading) {
      sections.push({ kind: heading.kind, heading: line, lines: heading.inline ? [heading.inline] : [] });
    } else {
      sections[sections.length - 1]!.lines.push(line);
    }
  }
  return sections;
}

function detectInlineHeading(line: string): Heading | undefined {
  const m = /^([A-Za-z][A-Za-z &/]{1,35}):\s+(.+)$/.exec(line.trim());
  if (!m) return undefined;
  const kind = LOOKUP.get(headingKey(m[1]!));
  // "Languages: Go, Java" inside a skills section is a label, not a new section: only section names that are unambiguous here.
  return kind && kind !== 'languages' ? { kind, inline: m[2]! } : undefined;
}
