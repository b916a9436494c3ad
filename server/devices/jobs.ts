import { validateJobCouchDoc } from '../../shared/schema/job-doc';
import { mergeJobStates, sameValue, type JobState } from '../../shared/sync/merge-job';

/**
 * Jobs sent by the extension's `/jobs/add` and `/jobs/sync`, validated with
 * the same schema as replication and written to the user's own database under
 * the job's id, so sending one twice changes nothing. A job the server already
 * holds is merged with the sent one by the replication's own merge, so an edit
 * made on either side survives whichever copy was touched last.
 */

export type JobWriteResult =
  | { id: string; status: 'created' | 'updated' | 'unchanged' }
  | { id: string | undefined; status: 'invalid'; fields: Record<string, string> };

interface StoredJob {
  _id: string;
  _rev?: string;
  updatedAt?: string;
}

/** A job in the extension's shape (`id`) as the CouchDB document replication carries (`_id`). */
function toCouchDoc(job: unknown): unknown {
  if (typeof job !== 'object' || job === null || Array.isArray(job)) return job;
  const { id, ...rest } = job as Record<string, unknown>;
  return { _id: id, ...rest };
}

export function validateJob(job: unknown): JobWriteResult | { id: string; doc: StoredJob } {
  if (typeof job !== 'object' || job === null || Array.isArray(job)) {
    return { id: undefined, status: 'invalid', fields: { '(job)': 'must be a job object' } };
  }
  const record = job as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : undefined;
  // Server-side writes are live jobs only; the replication is where deletions travel.
  for (const field of ['_id', '_rev', '_deleted', '_revisions', '_attachments']) {
    if (field in record) return { id, status: 'invalid', fields: { [field]: 'is not accepted here' } };
  }
  const doc = toCouchDoc(job);
  const error = validateJobCouchDoc(doc);
  if (error) {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const path = issue.path === '_id' ? 'id' : issue.path.startsWith('_id.') ? `id${issue.path.slice(3)}` : issue.path;
      fields[path] ??= issue.message;
    }
    return { id, status: 'invalid', fields };
  }
  return { id: id!, doc: doc as StoredJob };
}

const isStatus = (error: unknown, status: number) => (error as { status?: number } | null)?.status === status;

/** The CouchDB document as the merge sees a job (`id`, no `_rev`), and back. */
function toJobState(doc: StoredJob): JobState {
  const { _id, _rev: _ignored, ...rest } = doc;
  return { ...rest, id: _id } as unknown as JobState;
}

function fromJobState(state: JobState, rev: string | undefined): StoredJob {
  const { id, ...rest } = state as JobState & { id: string };
  return { _id: id, ...rest, ...(rev ? { _rev: rev } : {}) } as StoredJob;
}

/**
 * There is no common ancestor here (the extension's copy did not come through
 * replication), so the merge runs without one: each field takes the later of
 * its two edits and the lists keep every entry from both sides.
 */
function merged(existing: StoredJob, sent: StoredJob): StoredJob | { fields: Record<string, string> } | 'unchanged' {
  const stored = toJobState(existing);
  const result = mergeJobStates(undefined, stored, toJobState(sent));
  if (sameValue(result, stored)) return 'unchanged';
  const doc = fromJobState(result, existing._rev);
  // The two copies may be held to different schema versions; never store a mix that replication would refuse.
  const error = validateJobCouchDoc(doc);
  if (error) return { fields: Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])) };
  return doc;
}

async function writeOne(db: PouchDB.Database, doc: StoredJob): Promise<JobWriteResult> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let existing: StoredJob | null = null;
    try {
      existing = await db.get<StoredJob>(doc._id);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
    const next = existing ? merged(existing, doc) : doc;
    if (next === 'unchanged') return { id: doc._id, status: 'unchanged' };
    if ('fields' in next) return { id: doc._id, status: 'invalid', fields: next.fields };
    try {
      await db.put(next);
      return { id: doc._id, status: existing ? 'updated' : 'created' };
    } catch (error) {
      // Another writer (a replication push, a concurrent retry) got there first: merge with its version.
      if (!isStatus(error, 409)) throw error;
    }
  }
  return { id: doc._id, status: 'unchanged' };
}

export async function writeJobs(db: PouchDB.Database, jobs: unknown[]): Promise<JobWriteResult[]> {
  const results: JobWriteResult[] = [];
  const seen = new Set<string>();
  for (const job of jobs) {
    const checked = validateJob(job);
    if ('status' in checked) {
      results.push(checked);
      continue;
    }
    if (seen.has(checked.id)) {
      results.push({ id: checked.id, status: 'invalid', fields: { id: 'appears twice in this request' } });
      continue;
    }
    seen.add(checked.id);
    results.push(await writeOne(db, checked.doc));
  }
  return results;
}
