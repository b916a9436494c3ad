import { z } from 'zod';

/**
 * The job document, defined once. The TypeScript type, the RxDB JSON schema
 * (extension) and the server's validation of synced documents all derive from
 * `jobSchema`, so a field added here reaches every side at once.
 */

export const JOB_STATUSES = [
  'saved',
  'applied',
  'assessment',
  'interview',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
  'ghosted',
] as const;
export const PLATFORMS = ['linkedin', 'internshala', 'indeed', 'naukri', 'other'] as const;
export const JOB_SOURCES = ['auto_detect', 'manual'] as const;

export const JOB_LIMITS = {
  idLength: 128,
  titleLength: 300,
  companyLength: 200,
  locationLength: 200,
  urlLength: 2048,
  siteJobIdLength: 64,
  salaryLength: 200,
  employmentTypeLength: 50,
  durationLength: 100,
  startDateLength: 100,
  descriptionLength: 50_000,
  statusHistoryItems: 500,
  mlSkillItems: 200,
  mlSkillLength: 100,
  mlSummaryLength: 2_000,
  entryIdLength: 64,
  noteLength: 10_000,
  notes: 500,
  contacts: 100,
  contactNameLength: 200,
  contactRoleLength: 200,
  emailLength: 320,
  interviews: 100,
  interviewLabelLength: 200,
  tags: 50,
  tagLength: 50,
  detectionTokenLength: 40,
} as const;

/**
 * The version every document carries in `schemaVersion`. Version 1 documents
 * have no such field; the server still accepts every older version
 * (extensions not yet updated), each held to its own frozen schema, and
 * clients upgrade them on read (./upgrade.ts). Bump together with an upgrade
 * step there and the RxDB migration in extension/db. Version 3 added
 * `detection`.
 */
export const JOB_DOC_VERSION = 3;

const isoDate = z.iso.datetime({ offset: false });
// Indexed strings need a maxLength in RxDB; ISO timestamps are at most 30 chars with ms.
const ISO_LENGTH = 40;

const text = (max: number) => z.string().trim().max(max);

export const statusSchema = z.enum(JOB_STATUSES);
export const platformSchema = z.enum(PLATFORMS);

export const statusChangeSchema = z
  .object({
    status: statusSchema,
    at: isoDate,
  })
  .strict();

export const mlAnalysisSchema = z
  .object({
    matchScore: z.number().min(0).max(100).optional(),
    matchedSkills: z.array(text(JOB_LIMITS.mlSkillLength)).max(JOB_LIMITS.mlSkillItems).optional(),
    missingSkills: z.array(text(JOB_LIMITS.mlSkillLength)).max(JOB_LIMITS.mlSkillItems).optional(),
    summary: text(JOB_LIMITS.mlSummaryLength).optional(),
    analyzedAt: isoDate.optional(),
  })
  .strict();

/**
 * Fields a user or a capture edits one value at a time. Each carries its own
 * last-edit time in `fieldTimes`, so a three-way merge can tell which of two
 * concurrent edits of the same field came later (see shared/sync/merge-job.ts).
 */
export const TIMED_FIELDS = [
  'title',
  'company',
  'platform',
  'siteJobId',
  'url',
  'appliedAt',
  'status',
  'source',
  'location',
  'description',
  'salary',
  'employmentType',
  'postedAt',
  'duration',
  'startDate',
  'mlAnalysis',
  'isActive',
  'possibleDuplicateOf',
  'followUpAt',
  'detection',
] as const;
/** Older documents knew only these; their fieldTimes may not name later fields. */
const TIMED_FIELDS_V2 = TIMED_FIELDS.filter((field) => field !== 'detection');
const TIMED_FIELDS_V1 = TIMED_FIELDS_V2.filter((field) => field !== 'followUpAt');
export type TimedField = (typeof TIMED_FIELDS)[number];

const fieldTimesFor = (fields: readonly TimedField[]) =>
  z.object(Object.fromEntries(fields.map((field) => [field, isoDate.optional()])) as Record<TimedField, z.ZodOptional<typeof isoDate>>).strict();
export const fieldTimesSchema = fieldTimesFor(TIMED_FIELDS);

/** Ids of list entries (notes, contacts, interviews): made on the device, unique per job. */
const entryId = z
  .string()
  .min(1)
  .max(JOB_LIMITS.entryIdLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"');

export const noteSchema = z
  .object({ id: entryId, text: z.string().trim().min(1, 'a note cannot be empty').max(JOB_LIMITS.noteLength), at: isoDate })
  .strict();

export const contactSchema = z
  .object({
    id: entryId,
    name: text(JOB_LIMITS.contactNameLength).min(1, 'a contact needs a name'),
    role: text(JOB_LIMITS.contactRoleLength).optional(),
    email: z.email('must be an email address').max(JOB_LIMITS.emailLength).optional(),
    url: z.url({ protocol: /^https?$/ }).max(JOB_LIMITS.urlLength).optional(),
  })
  .strict();

export const interviewSchema = z
  .object({ id: entryId, at: isoDate, label: text(JOB_LIMITS.interviewLabelLength).optional() })
  .strict();

export const tagSchema = text(JOB_LIMITS.tagLength).min(1, 'a tag cannot be empty');

/**
 * Names of detection signals and page layouts. Tokens rather than an enum:
 * both grow with the site modules and the rule set (a new job board, a
 * LinkedIn redesign), and a new name must not need a new document version
 * that servers not yet updated would refuse.
 */
const detectionToken = z
  .string()
  .min(1)
  .max(JOB_LIMITS.detectionTokenLength)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, "_" or "-"');

/**
 * How a capture recognised the job: the rule-set version the detectors ran
 * with, the signal that made it a record (an Easy Apply confirmation, an
 * applied badge the user confirmed, a JobPosting on "Track this page"...) and
 * the layout it was read from when the site has several. It travels with the
 * job, so capture health per site and layout can be counted from the synced
 * documents without any extra request.
 */
export const detectionSchema = z
  .object({
    rulesVersion: z.number().int().min(1).max(2_147_483_647),
    signal: detectionToken,
    layout: detectionToken.optional(),
  })
  .strict();

const jobShapeV1 = {
  /** Primary key. Site-detected jobs use `<platform>:<siteJobId>`, so capture is idempotent. */
  id: z
    .string()
    .min(1)
    .max(JOB_LIMITS.idLength)
    .regex(/^[A-Za-z0-9][A-Za-z0-9:._-]*$/, 'must be letters, digits, ":", ".", "_" or "-"'),
  title: text(JOB_LIMITS.titleLength).min(1),
  company: text(JOB_LIMITS.companyLength),
  platform: platformSchema,
  siteJobId: text(JOB_LIMITS.siteJobIdLength).optional(),
  url: z.url({ protocol: /^https?$/ }).max(JOB_LIMITS.urlLength),
  appliedAt: isoDate.optional(),
  status: statusSchema,
  statusHistory: z.array(statusChangeSchema).max(JOB_LIMITS.statusHistoryItems),
  source: z.enum(JOB_SOURCES),
  location: text(JOB_LIMITS.locationLength).optional(),
  description: z.string().max(JOB_LIMITS.descriptionLength).optional(),
  /** Salary or stipend as the site shows it. */
  salary: text(JOB_LIMITS.salaryLength).optional(),
  employmentType: text(JOB_LIMITS.employmentTypeLength).optional(),
  postedAt: isoDate.optional(),
  /** Internship duration, as shown ("3 Months"). */
  duration: text(JOB_LIMITS.durationLength).optional(),
  /** Start date as shown ("Immediately"); sites rarely give a full date. */
  startDate: text(JOB_LIMITS.startDateLength).optional(),
  /**
   * Set at capture when another job has the same company and title within
   * 30 days; cleared when the user keeps both, gone when they merge.
   */
  possibleDuplicateOf: z.string().min(1).max(JOB_LIMITS.idLength).optional(),
  mlAnalysis: mlAnalysisSchema.optional(),
  isActive: z.boolean(),
  /** Last edit time of each field, for the three-way merge; absent fields fall back to updatedAt. */
  fieldTimes: fieldTimesFor(TIMED_FIELDS_V1).optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
};

/** Documents written before `schemaVersion` existed. Frozen: never edit, add a version instead. */
export const jobSchemaV1 = z.object(jobShapeV1).strict();

const jobShapeV2 = {
  ...jobShapeV1,
  schemaVersion: z.literal(2),
  fieldTimes: fieldTimesFor(TIMED_FIELDS_V2).optional(),
  /** When to follow up; a reminder fires then. */
  followUpAt: isoDate.optional(),
  /**
   * The lists below merge as sets across devices (shared/sync/merge-job.ts):
   * an edited entry is a new entry replacing the old one.
   */
  notes: z.array(noteSchema).max(JOB_LIMITS.notes).optional(),
  contacts: z.array(contactSchema).max(JOB_LIMITS.contacts).optional(),
  interviews: z.array(interviewSchema).max(JOB_LIMITS.interviews).optional(),
  tags: z.array(tagSchema).max(JOB_LIMITS.tags).optional(),
};

/** Documents of extensions from before `detection`. Frozen: never edit, add a version instead. */
export const jobSchemaV2 = z.object(jobShapeV2).strict();

export const jobSchema = z
  .object({
    ...jobShapeV2,
    schemaVersion: z.literal(JOB_DOC_VERSION),
    fieldTimes: fieldTimesSchema.optional(),
    /** Set by captures and "Track this page"; absent on jobs entered by hand or recorded before version 3. */
    detection: detectionSchema.optional(),
  })
  .strict();

/** The fields a document of each version can hold, for every version from 1 to JOB_DOC_VERSION. */
export const JOB_FIELDS_BY_VERSION: ReadonlyMap<number, ReadonlySet<string>> = new Map([
  [1, new Set(Object.keys(jobSchemaV1.shape))],
  [2, new Set(Object.keys(jobSchemaV2.shape))],
  [JOB_DOC_VERSION, new Set(Object.keys(jobSchema.shape))],
]);

export type Job = z.infer<typeof jobSchema>;
export type JobV1 = z.infer<typeof jobSchemaV1>;
export type JobV2 = z.infer<typeof jobSchemaV2>;
export type Detection = z.infer<typeof detectionSchema>;
export type Note = z.infer<typeof noteSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Interview = z.infer<typeof interviewSchema>;
export type JobStatus = z.infer<typeof statusSchema>;
export type Platform = z.infer<typeof platformSchema>;

/** Fields RxDB indexes; each must be required and bounded (see jobRxSchema). */
export const JOB_INDEXES = [['updatedAt'], ['status', 'updatedAt'], ['createdAt']] as const;
export { ISO_LENGTH };
