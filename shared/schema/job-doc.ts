import { z } from 'zod';
import { JOB_DOC_VERSION, jobSchema, jobSchemaV1, jobSchemaV2, type Job } from './job';

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

/**
 * The versions the server accepts: the current one and every older one that
 * extensions not yet updated still push (version 1 has no `schemaVersion`),
 * each held to its own frozen schema.
 */
function docSchemas(shape: typeof jobSchema.shape | typeof jobSchemaV2.shape | typeof jobSchemaV1.shape) {
  const { id: _primary, ...jobFields } = shape;
  return {
    live: z.object({ ...couchMeta, ...jobFields, _deleted: z.literal(false).optional() }).strict(),
    // A tombstone may carry the last state or nothing, but never unknown fields.
    deleted: z.object({ ...couchMeta, ...z.object(jobFields).partial().shape, _deleted: z.literal(true) }).strict(),
  };
}

const current = docSchemas(jobSchema.shape);
const older = new Map<unknown, ReturnType<typeof docSchemas>>([
  [undefined, docSchemas(jobSchemaV1.shape)],
  [2, docSchemas(jobSchemaV2.shape)],
]);

export type JobCouchDoc = z.infer<typeof current.live> | z.infer<typeof current.deleted>;

const unknownVersion = z.custom<never>(() => false, {
  message: `unknown schemaVersion: this server accepts versions 1 to ${JOB_DOC_VERSION}; update the server`,
});

function schemaFor(doc: unknown) {
  const fields = typeof doc === 'object' && doc !== null ? (doc as { _deleted?: unknown; schemaVersion?: unknown }) : {};
  const schemas = fields.schemaVersion === JOB_DOC_VERSION ? current : older.get(fields.schemaVersion);
  if (!schemas) return z.object({ schemaVersion: unknownVersion }).loose();
  return fields._deleted === true ? schemas.deleted : schemas.live;
}

export interface DocValidationError {
  id: string | undefined;
  issues: { path: string; message: string }[];
}

/**
 * One job at most, serialised. Each list is bounded, but all of them full at
 * once would make a document no sync request could carry.
 */
export const MAX_JOB_DOC_BYTES = 1024 * 1024;
const encoder = new TextEncoder();

export function jobDocTooLarge(doc: unknown): string | null {
  const bytes = encoder.encode(JSON.stringify(doc)).length;
  return bytes > MAX_JOB_DOC_BYTES ? `is ${Math.ceil(bytes / 1024)} KB; a job can be at most ${MAX_JOB_DOC_BYTES / 1024} KB (shorten notes or the description)` : null;
}

/** Returns null when the document may be stored, else what is wrong with it, field by field. */
export function validateJobCouchDoc(doc: unknown): DocValidationError | null {
  const tooLarge = jobDocTooLarge(doc);
  if (tooLarge) {
    const id = typeof doc === 'object' && doc !== null && typeof (doc as { _id?: unknown })._id === 'string' ? (doc as { _id: string })._id : undefined;
    return { id, issues: [{ path: '(document)', message: tooLarge }] };
  }
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
