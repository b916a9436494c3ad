import { MAX_TEXT_CHARS } from '../match/input-limits';
import { extractSkills as skillMentions } from '../match/skills';
import type { ParsedResume } from './parsed-resume';
import { extractSkills as skillsOfSections } from './skills';

/**
 * Soft skills and spoken languages count when a skills section lists them;
 * named in passing ("the leadership team", "posts in English") they are not
 * the tools, technologies and methods the body is read for.
 */
const LISTED_ONLY_FAMILIES = new Set(['soft', 'languages']);

/** The parts of a parsed resume that are prose about the work: where tools are named in passing. */
function bodyText(resume: ParsedResume): string {
  const lines = [
    resume.summary,
    ...resume.experience.flatMap((e) => e.bullets),
    ...resume.projects.flatMap((p) => [p.name, p.description, ...p.bullets]),
    ...resume.education.flatMap((e) => e.details),
    ...resume.certifications,
  ];
  // The engine refuses texts over its limit; a resume's prose is far below it, so a longer one is cut, not refused.
  return lines.filter(Boolean).join('\n').slice(0, MAX_TEXT_CHARS);
}

/**
 * A resume's skills, by the match engine's extraction: every skill its skills
 * sections list, then every tool, technology or method its body names that
 * the list left out.
 */
export function resumeSkills(skillsSectionLines: readonly string[], resume: ParsedResume): string[] {
  const skills = skillsOfSections(skillsSectionLines);
  const seen = new Set(skills.map((s) => s.toLowerCase()));
  for (const mention of skillMentions(bodyText(resume))) {
    if (LISTED_ONLY_FAMILIES.has(mention.family) || seen.has(mention.name.toLowerCase())) continue;
    seen.add(mention.name.toLowerCase());
    skills.push(mention.name);
  }
  return skills;
}
