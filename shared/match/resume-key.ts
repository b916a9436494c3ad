import { stableHash } from '../transfer/hash';
import type { MatchResume } from './match';
import { ALGORITHM_VERSION, TAXONOMY_VERSION } from './versions';

/** The resume's part of the key: computed once, shared by every job it is matched against. */
export function resumeInputsKey(resume: MatchResume): string {
  return stableHash(JSON.stringify([ALGORITHM_VERSION, TAXONOMY_VERSION, resume.text, resume.title ?? '', resume.location ?? '', resume.skills ?? [], resume.yearsFromDates ?? null]));
}
