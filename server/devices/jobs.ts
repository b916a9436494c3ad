import { validateJobCouchDoc } from '../../shared/schema/job-doc';

/**
 * Jobs sent by the extension's `/jobs/add` and `/jobs/sync`, validated with
 * the same schema as replication and written to the user's own database under
 * the job's id, so sending one twice changes nothing.
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

async function writeOne(db: PouchDB.Database, doc: StoredJob): Promise<JobWriteResult> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let existing: StoredJob | null = null;
    try {
      existing = await db.get<StoredJob>(doc._id);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
    // The newer edit wins; an equal or older one (a retry, or a device behind) is a no-op.
    if (existing && (existing.updatedAt ?? '') >= (doc.updatedAt ?? '')) return { id: doc._id, status: 'unchanged' };
    try {
      await db.put(existing ? { ...doc, _rev: existing._rev } : doc);
      return { id: doc._id, status: existing ? 'updated' : 'created' };
    } catch (error) {
      // Another writer (a replication push, a concurrent retry) got there first: look again.
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
