import { z } from 'zod';
import { jobSchema, type Job } from './job';

/**
 * Validation of a job as it travels over CouchDB replication: the RxDB primary
 * key `id` travels as `_id`, plus CouchDB's own underscore fields.
 */
const couchMeta = {
  _id: jobSchema.shape.id,
  _rev: z.string().max(200).optional(),
  _revisions: z
    .object({ start: z.number().int().min(0), ids: z.array(z.string().max(200)).max(10_000) })
    .strict()
    .optional(),
};

const { id: _primary, ...jobFields } = jobSchema.shape;

const liveJobDocSchema = z
  .object({ ...couchMeta, ...jobFields, _deleted: z.literal(false).optional() })
  .strict();

// A tombstone may carry the last state or nothing, but never unknown fields.
const deletedJobDocSchema = z
  .object({ ...couchMeta, ...z.object(jobFields).partial().shape, _deleted: z.literal(true) })
  .strict();

export type JobCouchDoc = z.infer<typeof liveJobDocSchema> | z.infer<typeof deletedJobDocSchema>;

function schemaFor(doc: unknown) {
  const deleted = typeof doc === 'object' && doc !== null && (doc as { _deleted?: unknown })._deleted === true;
  return deleted ? deletedJobDocSchema : liveJobDocSchema;
}

export interface DocValidationError {
  id: string | undefined;
  issues: { path: string; message: string }[];
}

/** Returns null when the document may be stored, else what is wrong with it, field by field. */
export function validateJobCouchDoc(doc: unknown): DocValidationError | null {
  const result = schemaFor(doc).safeParse(doc);
  if (result.success) return null;
  const id = typeof doc === 'object' && doc !== null && typeof (doc as { _id?: unknown })._id === 'string'
    ? (doc as { _id: string })._id
    : undefined;
  return {
    id,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(document)',
      message: issue.message,
    })),
  };
}

export function jobToCouchDoc(job: Job): JobCouchDoc {
  const { id, ...rest } = job;
  return { _id: id, ...rest };
}
