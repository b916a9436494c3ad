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
} as const;

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
] as const;
export type TimedField = (typeof TIMED_FIELDS)[number];

export const fieldTimesSchema = z
  .object(Object.fromEntries(TIMED_FIELDS.map((field) => [field, isoDate.optional()])) as Record<TimedField, z.ZodOptional<typeof isoDate>>)
  .strict();

export const jobSchema = z
  .object({
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
    fieldTimes: fieldTimesSchema.optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .strict();

export type Job = z.infer<typeof jobSchema>;
export type JobStatus = z.infer<typeof statusSchema>;
export type Platform = z.infer<typeof platformSchema>;

/** Fields RxDB indexes; each must be required and bounded (see jobRxSchema). */
export const JOB_INDEXES = [['updatedAt'], ['status', 'updatedAt'], ['createdAt']] as const;
export { ISO_LENGTH };
