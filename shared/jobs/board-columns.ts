import { JOB_STATUSES, type Job, type JobStatus } from '../schema/job';

/**
 * The board's columns: jobs grouped by status, in the order given (the
 * dashboard's newest-change-first), with moves the user just made shown at
 * once, before the database write comes back through the live query.
 */

export type Columns = Record<JobStatus, Job[]>;

/** Pending moves: job id → the status it was moved to. */
export type PendingMoves = ReadonlyMap<string, JobStatus>;

export function emptyColumns(): Columns {
  return Object.fromEntries(JOB_STATUSES.map((status) => [status, []])) as unknown as Columns;
}

/**
 * One pass over every job. A job with a pending move sits at the top of the
 * column it was moved to, where the live query will put it once the move is
 * stored (the move is its newest change).
 */
export function groupByStatus(jobs: readonly Job[], moves: PendingMoves = new Map()): Columns {
  const columns = emptyColumns();
  const moved = emptyColumns();
  for (const job of jobs) {
    const target = moves.get(job.id);
    if (target === undefined) columns[job.status]?.push(job);
    else moved[target].push(job);
  }
  if (moves.size === 0) return columns;
  // Latest move first, as the live query will order them.
  const order = [...moves.keys()];
  for (const status of JOB_STATUSES) {
    if (moved[status].length === 0) continue;
    moved[status].sort((a, b) => order.indexOf(b.id) - order.indexOf(a.id));
    columns[status] = [...moved[status], ...columns[status]];
  }
  return columns;
}

/**
 * Moves not yet visible in `jobs`; a move is settled once the job shows its
 * status, or is gone. When none settled, `moves` itself comes back, so that
 * memoised columns downstream are not rebuilt for nothing.
 */
export function unsettledMoves(moves: PendingMoves, jobs: readonly Job[]): PendingMoves {
  if (moves.size === 0) return moves;
  const pending = new Map<string, JobStatus>();
  for (const job of jobs) {
    const target = moves.get(job.id);
    if (target !== undefined && job.status !== target) pending.set(job.id, target);
  }
  return pending.size === moves.size ? moves : pending;
}

/**
 * `next`, with each column that holds the same jobs as in `previous` replaced
 * by the previous array: a live update that touched one column then redraws
 * that column only.
 */
export function keepUnchangedColumns(previous: Columns | undefined, next: Columns): Columns {
  if (!previous) return next;
  const kept = { ...next };
  for (const status of JOB_STATUSES) {
    const before = previous[status];
    const after = next[status];
    if (before.length === after.length && before.every((job, index) => job === after[index])) kept[status] = before;
  }
  return kept;
}
