/**
 * Keyword coverage: the share of the skills a job names that the resume, as
 * parsed, names too, read by the matching engine (the same taxonomy, aliases
 * and required/nice split as the match score), so "JS" in the resume covers
 * "JavaScript" in the job. Unlike the match score, only a skill the resume
 * names counts: an applicant system's keyword filter gives no credit for a
 * related skill. Required skills weigh twice the nice-to-have ones.
 */
import { resumeSkills } from './match';
import { jobSkills } from './requirements';
import type { AtsItem } from './ats-check-types';

const WEIGHT = { required: 2, nice: 1 } as const;
const LISTED = 8;

export function checkKeywordCoverage(resumeText: string, listedSkills: readonly string[], job: { text: string } | undefined): AtsItem {
  if (!job || typeof job.text !== 'string') return { id: 'keyword-coverage', status: 'not-checked', detail: 'No job was chosen to check against.' };
  let wanted: ReturnType<typeof jobSkills>;
  let have: ReturnType<typeof resumeSkills>;
  try {
    wanted = jobSkills(job.text);
    have = resumeSkills({ text: resumeText, skills: listedSkills });
  } catch (error) {
    // The engine refuses oversized texts; the rest of the check still stands.
    return { id: 'keyword-coverage', status: 'not-checked', detail: error instanceof Error ? error.message : 'The texts could not be read for skills.' };
  }
  if (wanted.length === 0) return { id: 'keyword-coverage', status: 'not-checked', detail: 'The job text names no skills to look for.' };
  let total = 0;
  let got = 0;
  const missing: string[] = [];
  for (const skill of wanted) {
    total += WEIGHT[skill.need];
    if (have.has(skill.name)) got += WEIGHT[skill.need];
    else missing.push(skill.need === 'required' ? skill.name : `${skill.name} (nice to have)`);
  }
  const share = got / total;
  const required = wanted.filter((s) => s.need === 'required');
  const requiredMet = required.filter((s) => have.has(s.name)).length;
  const detail = `${wanted.length - missing.length} of ${wanted.length} skills the job names are in the resume (${requiredMet} of ${required.length} required; ${Math.round(share * 100)}% weighted).${missing.length ? ` Missing: ${missing.slice(0, LISTED).join(', ')}${missing.length > LISTED ? ', …' : ''}.` : ''}`;
  if (share >= 0.7) return { id: 'keyword-coverage', status: 'pass', detail };
  return {
    id: 'keyword-coverage',
    status: share >= 0.4 ? 'warn' : 'fail',
    detail,
    fix: 'Where you have them, name the missing skills in the words the job uses, in your Skills section and in the bullets that show them.',
  };
}
