import { z } from 'zod';
import { canonical } from '../../sync/merge-job';
import { RESUME_DOC_VERSION, resumeDocTooLarge, resumeSchema, type Resume } from './resume-doc';

/**
 * A resume as it travels over CouchDB replication: the RxDB primary key `id`
 * travels as `_id`, plus CouchDB's own underscore fields.
 */
const couchMeta = {
  _id: resumeSchema.shape.id,
  _rev: z.string().max(200).optional(),
  _revisions: z
    .object({ start: z.number().int().min(0), ids: z.array(z.string().max(200)).max(10_000) })
    .strict()
    .optional(),
};

const { id: _primary, ...resumeFields } = resumeSchema.shape;
const liveSchema = z.object({ ...couchMeta, ...resumeFields, _deleted: z.literal(false).optional() }).strict();
// A tombstone may carry the last state or nothing, but never unknown fields.
const deletedSchema = z.object({ ...couchMeta, ...z.object(resumeFields).partial().shape, _deleted: z.literal(true) }).strict();

export type ResumeCouchDoc = z.infer<typeof liveSchema> | z.infer<typeof deletedSchema>;

export interface ResumeDocIssue {
  path: string;
  message: string;
}

export interface ResumeDocValidationError {
  id: string | undefined;
  issues: ResumeDocIssue[];
}

function idOf(doc: unknown): string | undefined {
  const id = typeof doc === 'object' && doc !== null ? (doc as { _id?: unknown })._id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Fields zod would strip silently: the nested resume objects are not strict in the shared contract. */
function unknownFields(doc: unknown, parsed: unknown): ResumeDocIssue[] {
  return canonical(doc) === canonical(parsed) ? [] : [{ path: '(document)', message: 'has fields a resume does not have' }];
}

/** Returns null when the document may be stored, else what is wrong with it. */
export function validateResumeCouchDoc(doc: unknown): ResumeDocValidationError | null {
  const tooLarge = resumeDocTooLarge(doc);
  if (tooLarge) return { id: idOf(doc), issues: [{ path: '(document)', message: tooLarge }] };
  const fields = typeof doc === 'object' && doc !== null ? (doc as { _deleted?: unknown; schemaVersion?: unknown }) : {};
  if (fields._deleted !== true && fields.schemaVersion !== RESUME_DOC_VERSION) {
    return {
      id: idOf(doc),
      issues: [{ path: 'schemaVersion', message: `unknown schemaVersion: this server accepts version ${RESUME_DOC_VERSION}; update the server` }],
    };
  }
  const result = (fields._deleted === true ? deletedSchema : liveSchema).safeParse(doc);
  if (!result.success) {
    return {
      id: idOf(doc),
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(document)', message: issue.message })),
    };
  }
  const extra = unknownFields(doc, result.data);
  return extra.length ? { id: idOf(doc), issues: extra } : null;
}

export function resumeToCouchDoc(resume: Resume): ResumeCouchDoc {
  const { id, ...rest } = resume;
  return { _id: id, ...rest };
}
