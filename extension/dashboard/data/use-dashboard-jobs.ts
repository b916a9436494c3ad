import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/schema';
import { coalesce } from './coalesce';
import { prefetchNewestJobs, watchJobs, type LiveJobs } from './live-jobs';

/** How many of the newest jobs the dashboard paints before all of them are loaded: a few screens of rows. */
export const FIRST_PAGE = 200;
/** Live updates redraw the pages at most this often (ms). */
const REDRAW_MS = 50;

// Read as soon as the dashboard's script runs, while React renders the shell.
let prefetched: Promise<Job[] | undefined> | undefined = prefetchNewestJobs(FIRST_PAGE);

/**
 * Every job, newest change first, live: the one source of jobs for the
 * dashboard's pages. The newest FIRST_PAGE arrive first (`complete: false`),
 * within tens of milliseconds even with 20,000 jobs; all of them follow.
 */
export function useDashboardJobs(): LiveJobs {
  const [result, setResult] = useState<LiveJobs>({ state: 'loading' });
  useEffect(() => {
    const first = prefetched;
    prefetched = undefined;
    let complete = false;
    const updates = coalesce<LiveJobs>(REDRAW_MS, setResult);
    const stop = watchJobs({ firstPage: FIRST_PAGE, prefetched: first }, (next) => {
      // Loading, the first page and the full list show at once; later changes are coalesced.
      if (complete && next.state === 'ready') return updates.push(next);
      updates.cancel();
      complete = next.state === 'ready' && next.complete;
      setResult(next);
    });
    return () => {
      stop();
      updates.cancel();
    };
  }, []);
  return result;
}
