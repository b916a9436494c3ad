import { useCallback, useState } from 'react';
import { describeSaveError } from '../../../shared/jobs/field-errors';
import type { Job } from '../../../shared/schema';
import { updateJob } from '../data/job-writes';

export type WriteResult = { ok: true; job: Job } | { ok: false; message: string };

/**
 * One edit of the job through the validating write path, for the page's
 * smaller forms (notes, contacts, interviews, tags): the edit runs on the job
 * as stored, and a refusal comes back as one sentence to show.
 */
export function useJobWrite(jobId: string, onSaved: (job: Job) => void) {
  const [busy, setBusy] = useState(false);
  const write = useCallback(
    async (edit: (job: Job, at: string) => Job): Promise<WriteResult> => {
      setBusy(true);
      try {
        const job = await updateJob(jobId, edit);
        onSaved(job);
        return { ok: true, job };
      } catch (failure) {
        const described = describeSaveError(failure);
        return { ok: false, message: 'fields' in described ? Object.values(described.fields).join(' ') : described.message };
      } finally {
        setBusy(false);
      }
    },
    [jobId, onSaved],
  );
  return { write, busy };
}

export type JobWrite = ReturnType<typeof useJobWrite>['write'];
