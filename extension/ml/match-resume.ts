import { resumeFromJson } from '../../shared/match/resume-input';
import type { MatchResume } from '../../shared/match/match';
import type { Resume } from '../../shared/resume/doc';

/**
 * A stored resume as the matcher reads it: the person's corrected version,
 * with a current role ("Present") counted to this month. Undefined when it
 * cannot be read (over the engine's size limit).
 */
export function matchResumeOf(resume: Resume, now: Date = new Date()): MatchResume | undefined {
  try {
    return resumeFromJson(resume.resume, now.toISOString().slice(0, 7));
  } catch {
    return undefined;
  }
}
