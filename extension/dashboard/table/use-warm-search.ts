import { useEffect } from 'react';
import type { Job } from '../../../shared/schema';
import { searchTextOf } from '../../../shared/jobs/query';

const CHUNK = 500;

/**
 * Builds every job's search text in idle time once the list is complete, so
 * the first letter typed does not pay for 20,000 of them. Texts are cached
 * per job object: after a live update only the changed jobs cost anything.
 */
export function useWarmSearch(jobs: readonly Job[], complete: boolean): void {
  useEffect(() => {
    if (!complete) return;
    let next = 0;
    let handle: number | undefined;
    const step = (deadline: IdleDeadline) => {
      while (next < jobs.length && deadline.timeRemaining() > 2) {
        const end = Math.min(jobs.length, next + CHUNK);
        for (; next < end; next += 1) searchTextOf(jobs[next]!);
      }
      if (next < jobs.length) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => {
      if (handle !== undefined) cancelIdleCallback(handle);
    };
  }, [jobs, complete]);
}
