import { useEffect, useMemo, useRef } from 'react';
import type { Job } from '../../shared/schema';
import { updateJobs } from '../dashboard/data/job-writes';
import { mlWorker } from './client';
import { MatchRefresher } from './match-refresher';
import { matchResumeOf } from './match-resume';
import { useActiveResume } from './use-active-resume';

/**
 * Keeps the stored match scores current while the dashboard is open, once
 * every job is loaded (see MatchRefresher). Nothing runs without a resume.
 */
export function useMatchRefresh(jobs: readonly Job[] | undefined, complete: boolean): void {
  const { active } = useActiveResume();
  const resume = useMemo(() => (active ? matchResumeOf(active) : undefined), [active]);
  const refresher = useRef<MatchRefresher>(undefined);
  useEffect(() => {
    const r = new MatchRefresher({ worker: mlWorker, write: updateJobs });
    refresher.current = r;
    return () => r.stop();
  }, []);
  useEffect(() => {
    if (jobs && complete) refresher.current?.update(jobs, resume);
  }, [jobs, complete, resume]);
}
