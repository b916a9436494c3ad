import { z } from 'zod';
import { detectionSchema, JOB_DOC_VERSION, JOB_LIMITS, jobSchema, platformSchema, type Job, type Platform } from '../schema/job';
import { urlHash } from './url-id';

/**
 * What a content script reports when it sees an application. It is untrusted
 * (a page can influence it), so it is bounded and validated before any write.
 */
export const capturedJobSchema = z
  .object({
    platform: platformSchema,
    /** Absent for pages without a site id (career pages): the id then comes from the URL. */
    siteJobId: z.string().trim().min(1).max(JOB_LIMITS.siteJobIdLength).regex(/^[A-Za-z0-9_-]+$/).optional(),
    title: z.string().trim().min(1).max(JOB_LIMITS.titleLength),
    company: z.string().trim().max(JOB_LIMITS.companyLength),
    location: z.string().trim().max(JOB_LIMITS.locationLength).optional(),
    url: z.url({ protocol: /^https?$/ }).max(JOB_LIMITS.urlLength),
    description: z.string().max(JOB_LIMITS.descriptionLength).optional(),
    salary: z.string().trim().max(JOB_LIMITS.salaryLength).optional(),
    employmentType: z.string().trim().max(JOB_LIMITS.employmentTypeLength).optional(),
    postedAt: z.iso.datetime({ offset: false }).optional(),
    duration: z.string().trim().max(JOB_LIMITS.durationLength).optional(),
    startDate: z.string().trim().max(JOB_LIMITS.startDateLength).optional(),
    /** Which rules and signal recognised the job (absent when the user typed it in). */
    detection: detectionSchema.optional(),
  })
  .strict();

export type CapturedJob = z.infer<typeof capturedJobSchema>;

/** Messages above this size are dropped before parsing. */
export const MAX_CAPTURE_MESSAGE_BYTES = 64 * 1024;

export const captureMessageSchema = z
  .object({ type: z.literal('job:captured'), job: capturedJobSchema })
  .strict();
export type CaptureMessage = z.infer<typeof captureMessageSchema>;

/**
 * The document id of a job: `<platform>:<siteJobId>`, or for a job known only
 * by its URL `<platform>:url.<hash of the canonical URL>` (the "." cannot occur
 * in a site job id, so the two kinds never collide). Platform 'other' always
 * uses the URL when given: ids from unrelated career sites are not unique
 * across them (two ATSs can both have a job 12345).
 */
export function jobIdFor(platform: Platform, siteJobId: string | undefined, url?: string): string {
  if (siteJobId && !(platform === 'other' && url !== undefined)) return `${platform}:${siteJobId}`;
  if (url === undefined) throw new Error('jobIdFor needs a site job id or a URL');
  return `${platform}:url.${urlHash(url)}`;
}

const OPTIONAL_DETAILS = ['siteJobId', 'location', 'description', 'salary', 'employmentType', 'postedAt', 'duration', 'startDate'] as const;

/**
 * The job to store for a capture. The same site job id always maps to the same
 * document id, so capturing twice updates rather than duplicates; an existing
 * record keeps its history, creation time and any status the user moved it to.
 */
export function jobFromCapture(
  captured: CapturedJob,
  now: Date,
  existing?: Job,
  source: Job['source'] = 'auto_detect',
): Job {
  const at = now.toISOString();
  const details: Partial<Job> = {
    title: captured.title,
    company: captured.company,
    platform: captured.platform,
    url: captured.url,
  };
  for (const key of OPTIONAL_DETAILS) {
    const value = captured[key];
    if (value) details[key] = value;
  }
  // What recognised the job last replaces what recognised it before; a job typed in keeps the earlier one.
  if (captured.detection) details.detection = captured.detection;
  if (existing) {
    const status = existing.status === 'saved' ? 'applied' : existing.status;
    return jobSchema.parse({
      ...existing,
      ...details,
      appliedAt: existing.appliedAt ?? at,
      status,
      statusHistory:
        status === existing.status ? existing.statusHistory : [...existing.statusHistory, { status, at }],
      updatedAt: at,
    });
  }
  return jobSchema.parse({
    id: jobIdFor(captured.platform, captured.siteJobId, captured.url),
    ...details,
    appliedAt: at,
    status: 'applied',
    statusHistory: [{ status: 'applied', at }],
    source,
    schemaVersion: JOB_DOC_VERSION,
    isActive: true,
    createdAt: at,
    updatedAt: at,
  });
}
