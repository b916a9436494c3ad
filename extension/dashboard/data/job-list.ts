import type { Job } from '../../../shared/schema';
import { byRecency } from './newest-jobs-idb';

/** A stored job as the list needs it: its fields, and its revision height to tell a stale change from a newer one. */
export interface StoredJob {
  id: string;
  /** Undefined when the job was deleted. */
  job: Job | undefined;
  height: number;
}

/** The height of an RxDB revision ("12-abc…"): every local write adds one. */
export function revisionHeight(rev: string): number {
  const height = Number.parseInt(rev, 10);
  return Number.isFinite(height) ? height : 0;
}

/**
 * Every job, newest change first, kept current by applying the database's
 * change events. A change costs one pass over the list however many jobs it
 * touches (RxDB's live query re-processed all 20,000 results, and the page
 * re-converted every document, for each write), and unchanged jobs keep
 * their objects, so every cache keyed on a job (search text, sort keys) stays warm.
 */
export class JobList {
  private readonly heights = new Map<string, number>();
  private jobs: readonly Job[];

  constructor(initial: readonly StoredJob[]) {
    const present: Job[] = [];
    for (const stored of initial) {
      this.heights.set(stored.id, stored.height);
      if (stored.job) present.push(stored.job);
    }
    this.jobs = present.sort(byRecency);
  }

  get list(): readonly Job[] {
    return this.jobs;
  }

  /**
   * Applies changes; ones no newer than what the list holds are ignored (an
   * event that arrived before the first read, which already includes it).
   * Returns whether the list changed; `list` is then a new array.
   */
  apply(changes: readonly StoredJob[]): boolean {
    const latest = new Map<string, StoredJob>();
    for (const change of changes) {
      const known = latest.get(change.id)?.height ?? this.heights.get(change.id) ?? -1;
      if (change.height > known) latest.set(change.id, change);
    }
    if (latest.size === 0) return false;
    const added: Job[] = [];
    for (const change of latest.values()) {
      this.heights.set(change.id, change.height);
      if (change.job) added.push(change.job);
    }
    const kept = this.jobs.filter((job) => !latest.has(job.id));
    this.jobs = merge(kept, added.sort(byRecency));
    return true;
  }
}

/** Two lists each in recency order, as one. */
function merge(a: readonly Job[], b: readonly Job[]): Job[] {
  if (b.length === 0) return a.slice();
  const out = new Array<Job>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byRecency(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
