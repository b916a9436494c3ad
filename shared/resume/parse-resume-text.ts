import { extractContact } from './contact';
import { parseEducation, parseExperience, parseLanguages, parseList, parseProjects } from './entries';
import { emptyParsedResume } from './empty-resume';
import type { ParsedResume } from './parsed-resume';
import { resumeSkills } from './resume-skills';
import { splitSections } from './sections';

/** Text (as the extractors produce it, one line per line) to a structured resume. */
export function parseResumeText(text: string): ParsedResume {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').trim())
    .filter(Boolean);
  const sections = splitSections(lines);
  const linesOf = (kind: string) => sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);

  const resume = emptyParsedResume();
  resume.contact = extractContact(linesOf('header'), linesOf('contact'), text);

  const summary = linesOf('summary').join(' ').replace(/\s+/g, ' ').trim();
  if (summary) resume.summary = summary;

  resume.experience = parseExperience(linesOf('experience'));
  const education = parseEducation(linesOf('education'));
  resume.education = education.education;
  resume.certifications = [...parseList(linesOf('certifications')), ...education.certifications];
  resume.languages = parseLanguages(linesOf('languages'));
  resume.projects = parseProjects(linesOf('projects'));
  resume.skills = resumeSkills(linesOf('skills'), resume);
  return resume;
}
