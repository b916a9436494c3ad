/**
 * Keyword coverage: the share of the skills a job names that the resume, as
 * parsed, also shows. The skill extraction is passed in (the matching
 * engine's `extractSkills`) so this item reads skills exactly as matching does,
 * and so the check runs, and says so, without it.
 */
import type { AtsItem } from './ats-check-types';

/** Skill names in a text, each once (shared/match/skills.ts `extractSkills` fits). */
export type SkillExtractor = (text: string) => readonly { name: string }[];

export function checkKeywordCoverage(resumeText: string, resumeSkills: readonly string[], job: { text: string } | undefined, extract: SkillExtractor | undefined): AtsItem {
  if (!job) return { id: 'keyword-coverage', status: 'not-checked', detail: 'No job was chosen to check against.' };
  if (!extract) return { id: 'keyword-coverage', status: 'not-checked', detail: 'Keyword coverage needs the skill extraction of the matching engine, which was not given.' };
  const wanted = [...new Set(extract(job.text).map((s) => s.name))];
  if (wanted.length === 0) return { id: 'keyword-coverage', status: 'not-checked', detail: 'The job text names no skills to look for.' };
  const have = new Set([...extract(resumeText).map((s) => s.name), ...resumeSkills].map((n) => n.toLowerCase()));
  const missing = wanted.filter((n) => !have.has(n.toLowerCase()));
  const share = (wanted.length - missing.length) / wanted.length;
  const detail = `${wanted.length - missing.length} of ${wanted.length} skills the job names were read in the resume (${Math.round(share * 100)}%).${missing.length ? ` Missing: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}.` : ''}`;
  if (share >= 0.7) return { id: 'keyword-coverage', status: 'pass', detail };
  return {
    id: 'keyword-coverage',
    status: share >= 0.4 ? 'warn' : 'fail',
    detail,
    fix: 'Where you have them, name the missing skills in the words the job uses, in your Skills section and in the bullets that show them.',
  };
}
