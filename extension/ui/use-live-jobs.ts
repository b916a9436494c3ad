import { useEffect, useState } from 'react';
import type { Job } from '../../shared/schema';
import { getDatabase } from '../db/instance';
import { jobsByRecency } from '../db/jobs';

export type LiveJobs = { state: 'loading' } | { state: 'ready'; jobs: Job[] } | { state: 'error'; message: string };

/**
 * The jobs, newest change first, kept current by RxDB's live query: writes
 * from the background (captures, pulled changes) reach this page through
 * the database's multi-instance channel.
 */
export function useLiveJobs(limit?: number): LiveJobs {
  const [result, setResult] = useState<LiveJobs>({ state: 'loading' });

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    getDatabase().then(
      (db) => {
        if (cancelled) return;
        const subscription = jobsByRecency(db.jobs, limit).$.subscribe({
          next: (docs) => setResult({ state: 'ready', jobs: docs.map((doc) => doc.toJSON() as Job) }),
          error: (error: unknown) => setResult({ state: 'error', message: messageOf(error) }),
        });
        unsubscribe = () => subscription.unsubscribe();
      },
      (error: unknown) => {
        if (!cancelled) setResult({ state: 'error', message: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [limit]);

  return result;
}

function messageOf(error: unknown): string {
  return `Could not open your local applications: ${error instanceof Error ? error.message : String(error)}`;
}
