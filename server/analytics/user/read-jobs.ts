import type { Job } from '../../../shared/schema/job';
import { validateJobCouchDoc } from '../../../shared/schema/job-doc';
import { upgradeJobDoc } from '../../../shared/schema/upgrade';
import { pageDocs, toState, type StoredDoc } from '../../rest/user-docs';

/**
 * A user's jobs read a chunk at a time, so what is held in memory while
 * computing is the chunk plus whatever the caller keeps of each job, not the
 * whole database (20,000 jobs with their descriptions can be a gigabyte).
 */

export const READ_CHUNK = 500;

/** A stored job as the extension reads it (current schema version); null for a document replication would refuse. */
function asJob(doc: StoredDoc): Job | null {
  if (validateJobCouchDoc(doc)) return null;
  return upgradeJobDoc(toState<Job>(doc));
}

export async function forEachJobChunk(db: PouchDB.Database, visit: (jobs: Job[]) => void | Promise<void>): Promise<void> {
  let after: string | undefined;
  do {
    const page = await pageDocs(db, { after, limit: READ_CHUNK, accept: () => true, maxScanned: READ_CHUNK + 1 });
    await visit(page.docs.flatMap((doc) => asJob(doc) ?? []));
    after = page.next ?? undefined;
  } while (after !== undefined);
}

/** What the Insights functions read of a job: no description, notes, contacts or interviews, which make up most of its size. */
export function withoutLongText(job: Job): Job {
  const { description: _d, notes: _n, contacts: _c, interviews: _i, ...rest } = job;
  return rest;
}

/**
 * The `count` most recently updated jobs that have a description, kept while
 * the chunks go by, and how many have one in all.
 */
export class RecentDescribed {
  readonly jobs: Job[] = [];
  total = 0;

  constructor(private readonly count: number) {}

  add(job: Job): void {
    if (!job.description?.trim()) return;
    this.total += 1;
    const at = this.jobs.findIndex((kept) => kept.updatedAt < job.updatedAt);
    if (at === -1) {
      if (this.jobs.length < this.count) this.jobs.push(job);
      return;
    }
    this.jobs.splice(at, 0, job);
    if (this.jobs.length > this.count) this.jobs.pop();
  }
}
