import type { Resume } from './resume-doc';

type ActiveFacts = Pick<Resume, 'id' | 'active' | 'createdAt' | 'updatedAt' | 'fieldTimes'>;

const chosenAt = (resume: ActiveFacts) => resume.fieldTimes?.active ?? resume.updatedAt;

/**
 * The active resume, one at most, the same on every device. Two devices may
 * each choose a different one while apart, and sync then brings two flags
 * back: the one chosen last wins (ties by id). With none flagged, the newest
 * resume is active, so a person with resumes always has one.
 */
export function activeResumeId(resumes: readonly ActiveFacts[]): string | undefined {
  let best: ActiveFacts | undefined;
  for (const resume of resumes) {
    if (!resume.active) continue;
    if (!best || chosenAt(resume) > chosenAt(best) || (chosenAt(resume) === chosenAt(best) && resume.id > best.id)) best = resume;
  }
  if (best) return best.id;
  let newest: ActiveFacts | undefined;
  for (const resume of resumes) {
    if (!newest || resume.createdAt > newest.createdAt || (resume.createdAt === newest.createdAt && resume.id > newest.id)) newest = resume;
  }
  return newest?.id;
}

/** The writes that make `id` the only flagged resume: each changed resume's new flag. */
export function activeFlagChanges(resumes: readonly ActiveFacts[], id: string): { id: string; active: boolean }[] {
  return resumes.filter((resume) => resume.active !== (resume.id === id)).map((resume) => ({ id: resume.id, active: resume.id === id }));
}
