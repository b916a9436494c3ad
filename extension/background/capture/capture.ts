import { captureMessageSchema, jobFromCapture, jobIdFor, MAX_CAPTURE_MESSAGE_BYTES } from '../../../shared/jobs/capture';
import type { JobCollection } from '../../db/database';
import { upsertJobWith } from '../../db/jobs';
import { flagPossibleDuplicate } from './duplicates';
import { fits } from '../messages/checks';
import type { MessageSender } from '../messages/sender';

export type CaptureReply = { ok: true; jobId: string; created: boolean } | { ok: false; error: string };

export interface CaptureDeps {
  jobs: () => Promise<JobCollection>;
  runtimeId: string;
  now?: () => Date;
}

/**
 * Stores what a content script saw. The message is untrusted (the page shapes
 * it), so it is dropped unless it comes from this extension, fits the size cap
 * and passes the shared schema; it is then upserted under `<platform>:<id>`,
 * so capturing the same posting twice updates one record.
 */
export async function handleCapture(message: unknown, sender: MessageSender, deps: CaptureDeps): Promise<CaptureReply> {
  if (sender.id !== deps.runtimeId) return { ok: false, error: 'unknown sender' };
  if (!fits(message, MAX_CAPTURE_MESSAGE_BYTES)) return { ok: false, error: 'message too large' };
  const parsed = captureMessageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'invalid capture' };

  const captured = parsed.data.job;
  const now = (deps.now ?? (() => new Date()))();
  const jobs = await deps.jobs();
  const { job, created } = await upsertJobWith(jobs, jobIdFor(captured.platform, captured.siteJobId, captured.url), (existing) =>
    jobFromCapture(captured, now, existing),
  );
  if (created) await flagPossibleDuplicate(jobs, job);
  return { ok: true, jobId: job.id, created };
}
