import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { groupByStatus, keepUnchangedColumns, unsettledMoves, type Columns } from '../../../shared/jobs/board-columns';
import { withStatus } from '../../../shared/jobs/edit';
import type { Job, JobStatus } from '../../../shared/schema';
import { updateJob } from '../data/job-writes';

export interface BoardMoves {
  columns: Columns;
  /** Stores the move (with its time in the status history); the card shows in its new column at once. */
  move: (job: Job, to: JobStatus) => Promise<boolean>;
  error: string | undefined;
  clearError: () => void;
}

/**
 * The board's columns with the user's moves applied before the database
 * confirms them: the write and the live query's answer take a moment with
 * 20,000 jobs, and a card jumping back to its old column meanwhile would
 * look like the move failed.
 */
export function useBoardMoves(jobs: readonly Job[]): BoardMoves {
  const [moves, setMoves] = useState<ReadonlyMap<string, JobStatus>>(new Map());
  const [error, setError] = useState<string>();
  // Settled moves are left out at once, then forgotten: a later move made on another device must win.
  const pending = useMemo(() => unsettledMoves(moves, jobs), [moves, jobs]);
  const previous = useRef<Columns>(undefined);
  const columns = useMemo(() => keepUnchangedColumns(previous.current, groupByStatus(jobs, pending)), [jobs, pending]);
  useEffect(() => {
    previous.current = columns;
  }, [columns]);
  useEffect(() => {
    if (pending.size !== moves.size) setMoves(pending);
  }, [pending, moves]);

  const move = useCallback(async (job: Job, to: JobStatus) => {
    setError(undefined);
    setMoves((previous) => {
      const next = new Map(previous);
      // Re-inserted so that the latest move is last, and shown first in its column.
      next.delete(job.id);
      return next.set(job.id, to);
    });
    try {
      await updateJob(job.id, (current, at) => withStatus(current, to, at));
      return true;
    } catch (failure) {
      setMoves((previous) => {
        const next = new Map(previous);
        next.delete(job.id);
        return next;
      });
      setError(`Could not move “${job.title}”: ${failure instanceof Error ? failure.message : String(failure)}`);
      return false;
    }
  }, []);

  const clearError = useCallback(() => setError(undefined), []);
  return { columns, move, error, clearError };
}
