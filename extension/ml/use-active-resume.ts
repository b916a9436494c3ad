import { useMemo } from 'react';
import { activeResumeId, type Resume } from '../../shared/resume/doc';
import { useResumes, type LiveResumes } from '../dashboard/resumes/use-resumes';

export interface ResumeChoice {
  live: LiveResumes;
  resumes: readonly Resume[];
  active: Resume | undefined;
}

/** Every resume, live, and the active one (the one stored match scores are computed from). */
export function useActiveResume(): ResumeChoice {
  const live = useResumes();
  return useMemo(() => {
    const resumes = live.state === 'ready' ? live.resumes : [];
    const id = activeResumeId(resumes);
    return { live, resumes, active: resumes.find((r) => r.id === id) };
  }, [live]);
}
