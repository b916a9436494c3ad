import { useLiveJobs, type LiveJobs } from '../../ui/use-live-jobs';

/** Every job, newest change first, live. The one source of jobs for the dashboard's pages. */
export function useDashboardJobs(): LiveJobs {
  return useLiveJobs();
}
