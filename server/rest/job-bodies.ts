import { z } from 'zod';
import { withStatus } from '../../shared/jobs/edit';
import { JOB_DOC_VERSION, jobSchema, JOB_STATUSES, PLATFORMS, type Job } from '../../shared/schema/job';

/**
 * Request bodies of /api/jobs, made from the shared job schema's own fields so
 * a value the extension would refuse is refused here with the same message.
 * The stored document is checked again, whole, by the validator replication
 * uses (user-docs.ts): these only say which fields a client may send.
 */

const shape = jobSchema.shape;

/** Fields a client may set on a new job; the rest (history, times, version) the server writes. */
export const newJobSchema = z
  .object({
    id: shape.id.optional(),
    title: shape.title,
    company: shape.company,
    url: shape.url,
    platform: shape.platform.default('other'),
    status: shape.status.default('saved'),
    siteJobId: shape.siteJobId,
    appliedAt: shape.appliedAt,
    location: shape.location,
    description: shape.description,
    salary: shape.salary,
    employmentType: shape.employmentType,
    postedAt: shape.postedAt,
    duration: shape.duration,
    startDate: shape.startDate,
    followUpAt: shape.followUpAt,
    notes: shape.notes,
    contacts: shape.contacts,
    interviews: shape.interviews,
    tags: shape.tags,
    isActive: shape.isActive.default(true),
  })
  .strict();

export type NewJobBody = z.infer<typeof newJobSchema>;

/** A job added through the API is entered by hand, as far as the tracker can tell. */
export function newJob(body: NewJobBody, at: string, randomId: string): Job {
  const { id, status, appliedAt, ...fields } = body;
  const applied = status !== 'saved';
  return {
    ...fields,
    id: id ?? `manual:${randomId}`,
    schemaVersion: JOB_DOC_VERSION,
    status,
    statusHistory: [{ status, at }],
    ...(appliedAt ? { appliedAt } : applied ? { appliedAt: at } : {}),
    source: 'manual',
    createdAt: at,
    updatedAt: at,
  };
}

/** Optional fields a patch may clear with `null`. */
const clearable = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

const editableShape = {
  title: shape.title.optional(),
  company: shape.company.optional(),
  url: shape.url.optional(),
  platform: shape.platform.optional(),
  status: shape.status.optional(),
  isActive: shape.isActive.optional(),
  siteJobId: clearable(shape.siteJobId.unwrap()),
  appliedAt: clearable(shape.appliedAt.unwrap()),
  location: clearable(shape.location.unwrap()),
  description: clearable(shape.description.unwrap()),
  salary: clearable(shape.salary.unwrap()),
  employmentType: clearable(shape.employmentType.unwrap()),
  postedAt: clearable(shape.postedAt.unwrap()),
  duration: clearable(shape.duration.unwrap()),
  startDate: clearable(shape.startDate.unwrap()),
  followUpAt: clearable(shape.followUpAt.unwrap()),
  notes: clearable(shape.notes.unwrap()),
  contacts: clearable(shape.contacts.unwrap()),
  interviews: clearable(shape.interviews.unwrap()),
  tags: clearable(shape.tags.unwrap()),
};

/** PUT /api/jobs/:id: the fields to change, and `_rev`, the revision the client's copy is at. */
export const jobPatchSchema = z.object({ ...editableShape, _rev: z.string().min(1).max(200).optional() }).strict();
export type JobPatch = Omit<z.infer<typeof jobPatchSchema>, '_rev'>;

/** Limits of POST /api/jobs/bulk-update: one request changes at most this many jobs. */
export const MAX_BULK_IDS = 100;

/** The changes a bulk update applies to every job it names: the board's bulk actions. */
export const bulkUpdateSchema = z
  .object({
    ids: z
      .array(shape.id)
      .min(1, 'must name at least one job')
      .max(MAX_BULK_IDS, `must name at most ${MAX_BULK_IDS} jobs`)
      .refine((ids) => new Set(ids).size === ids.length, 'must name each job once'),
    changes: z
      .object({
        status: editableShape.status,
        isActive: editableShape.isActive,
        followUpAt: editableShape.followUpAt,
        tags: editableShape.tags,
      })
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one field'),
  })
  .strict();

/**
 * The job with the patch applied: a status change goes through the
 * dashboard's own edit (history entry, first application date), `null`
 * removes an optional field.
 */
export function applyJobPatch(job: Job, patch: JobPatch, at: string): Job {
  const { status, ...fields } = patch;
  const next: Record<string, unknown> = { ...job };
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return status === undefined ? (next as Job) : withStatus(next as Job, status, at);
}

export { JOB_STATUSES, PLATFORMS };
