import { JOB_FIELDS_BY_VERSION } from '../../shared/schema/job';
import { validateJobCouchDoc } from '../../shared/schema/job-doc';
import { jobDocVersion, upgradeJobDoc, type JobDocTargetVersion } from '../../shared/schema/upgrade';
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
/**
 * The two copies at one schema version, the later of theirs: the merge copies
 * untimed fields (schemaVersion among them) from one side and timed ones from
 * either, so copies of different versions would merge into a mix no schema
 * accepts (a version-2 document holding `detection`). Not always the current
 * version: two copies from extensions not yet updated stay at their version,
 * which those extensions can still read.
 */
function atOneVersion(existing: StoredJob, sent: StoredJob): [StoredJob, StoredJob] {
  const stored = jobDocVersion(existing) as number;
  const other = jobDocVersion(sent) as number;
  if (stored === other) return [existing, sent];
  // Both passed validation, so each is 1, 2 or the current version, and the later is never 1.
  const to = Math.max(stored, other) as JobDocTargetVersion;
  const [older, newer] = stored < other ? [existing, sent] : [sent, existing];
  const upgraded = withFieldsItCannotHaveEdited(upgradeJobDoc(older, to), Math.min(stored, other), newer);
  return stored < other ? [upgraded, sent] : [existing, upgraded];
}

/**
 * A copy written under an older version cannot have edited the fields that
 * version lacks, but without a time for them the merge would date their
 * absence at the copy's updatedAt and let it erase the newer copy's value (a
 * capture's `detection` lost to a later status change from an extension not
 * yet updated). So the older copy takes those fields, and their times, from
 * the newer one.
 */
function withFieldsItCannotHaveEdited(older: StoredJob, version: number, newer: StoredJob): StoredJob {
  const known = JOB_FIELDS_BY_VERSION.get(version);
  // Every version is listed (shared/schema's test): a missing one would silently let old copies erase new fields.
  if (!known) throw new Error(`No field list for job document version ${version}`);
  const result: Record<string, unknown> = { ...older };
  const olderTimes: Record<string, string> = { ...((older as { fieldTimes?: Record<string, string> }).fieldTimes ?? {}) };
  const newerTimes = (newer as { fieldTimes?: Record<string, string> }).fieldTimes ?? {};
  for (const [field, value] of Object.entries(newer)) {
    if (known.has(field) || field.startsWith('_')) continue;
    result[field] = value;
    if (newerTimes[field] !== undefined) olderTimes[field] = newerTimes[field];
  }
  if (Object.keys(olderTimes).length > 0) result.fieldTimes = olderTimes;
  return result as unknown as StoredJob;
}

function merged(existing: StoredJob, sentDoc: StoredJob): StoredJob | { fields: Record<string, string> } | 'unchanged' {
  const [upgraded, sent] = atOneVersion(existing, sentDoc);
  const stored = toJobState(upgraded);
  const result = mergeJobStates(undefined, stored, toJobState(sent));
  // Only a version upgrade is no change: the stored copy stays readable by the extensions that wrote it.
  if (sameValue(result, stored)) return 'unchanged';
  const doc = fromJobState(result, existing._rev);
  // A last guard: never store what replication would refuse.
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
