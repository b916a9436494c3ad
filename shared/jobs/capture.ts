import { z } from 'zod';
import { JOB_LIMITS, jobSchema, platformSchema, type Job } from '../schema/job';

/**
 * What a content script reports when it sees an application. It is untrusted
 * (a page can influence it), so it is bounded and validated before any write.
 */
export const capturedJobSchema = z
  .object({
    platform: platformSchema,
    siteJobId: z.string().trim().min(1).max(JOB_LIMITS.siteJobIdLength).regex(/^[A-Za-z0-9_-]+$/),
    title: z.string().trim().min(1).max(JOB_LIMITS.titleLength),
    company: z.string().trim().max(JOB_LIMITS.companyLength),
    location: z.string().trim().max(JOB_LIMITS.locationLength).optional(),
    url: z.url({ protocol: /^https?$/ }).max(JOB_LIMITS.urlLength),
    description: z.string().max(JOB_LIMITS.descriptionLength).optional(),
  })
  .strict();

export type CapturedJob = z.infer<typeof capturedJobSchema>;

/** Messages above this size are dropped before parsing. */
export const MAX_CAPTURE_MESSAGE_BYTES = 64 * 1024;

export const captureMessageSchema = z
  .object({ type: z.literal('job:captured'), job: capturedJobSchema })
  .strict();
export type CaptureMessage = z.infer<typeof captureMessageSchema>;

export function jobIdFor(platform: Job['platform'], siteJobId: string): string {
  return `${platform}:${siteJobId}`;
}

/**
 * The job to store for a capture. The same site job id always maps to the same
 * document id, so capturing twice updates rather than duplicates; an existing
 * record keeps its history, creation time and any status the user moved it to.
 */
export function jobFromCapture(captured: CapturedJob, now: Date, existing?: Job): Job {
  const at = now.toISOString();
  const details = {
    title: captured.title,
    company: captured.company,
    platform: captured.platform,
    siteJobId: captured.siteJobId,
    url: captured.url,
    ...(captured.location ? { location: captured.location } : {}),
    ...(captured.description ? { description: captured.description } : {}),
  };
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
    id: jobIdFor(captured.platform, captured.siteJobId),
    ...details,
    appliedAt: at,
    status: 'applied',
    statusHistory: [{ status: 'applied', at }],
    source: 'auto_detect',
    isActive: true,
    createdAt: at,
    updatedAt: at,
  });
}
