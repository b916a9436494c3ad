import { useEffect, useMemo, useState } from 'react';
import type { Job } from '../../../shared/schema';
import { getDatabase } from '../../db/instance';
import { findJob } from '../../db/jobs';

export type JobLookup = { state: 'found'; job: Job } | { state: 'checking' } | { state: 'missing' };

/**
 * Job `id` from the live list, so it follows changes synced from other
 * devices. The list can lag the database (the dashboard paints the newest
 * page first; a job just added is written before the live query answers),
 * so an id the list lacks is looked up in the database before the page
 * says it does not exist.
 */
export function useJob(jobs: readonly Job[], id: string): JobLookup {
  const listed = useMemo(() => jobs.find((job) => job.id === id), [jobs, id]);
  const [stored, setStored] = useState<{ id: string; job: Job | undefined }>();

  useEffect(() => {
    if (listed) return;
    let cancelled = false;
    void getDatabase()
      .then((db) => findJob(db.jobs, id))
      .catch(() => undefined)
      .then((job) => {
        if (!cancelled) setStored({ id, job });
      });
    return () => {
      cancelled = true;
    };
  }, [listed, id, jobs]);

  if (listed) return { state: 'found', job: listed };
  // Rechecked on every new list (a deletion arrives as one); the last answer stands meanwhile.
  if (!stored || stored.id !== id) return { state: 'checking' };
  return stored.job ? { state: 'found', job: stored.job } : { state: 'missing' };
}
