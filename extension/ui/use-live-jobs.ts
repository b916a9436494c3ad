import { useEffect, useState } from 'react';
import { watchJobs, type LiveJobs } from '../dashboard/data/live-jobs';

export type { LiveJobs };

/**
 * The jobs, newest change first, kept current by RxDB's live query: writes
 * from the background (captures, pulled changes) reach this page through
 * the database's multi-instance channel. With `firstPage`, the newest that
 * many show first (`complete: false`) while the full query runs.
 */
export function useLiveJobs(limit?: number, firstPage: number | undefined = limit): LiveJobs {
  const [result, setResult] = useState<LiveJobs>({ state: 'loading' });
  useEffect(() => watchJobs({ limit, firstPage }, setResult), [limit, firstPage]);
  return result;
}
