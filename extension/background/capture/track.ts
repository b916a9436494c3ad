import { jobFromCapture, jobIdFor, MAX_CAPTURE_MESSAGE_BYTES } from '../../../shared/jobs/capture';
import type { JobCollection } from '../../db/database';
import { upsertJobWith } from '../../db/jobs';
import { flagPossibleDuplicate } from './duplicates';
import { fits } from '../messages/checks';
import { isExtensionPage, type MessageSender } from '../messages/sender';
import { trackMessageSchema, type TrackReply } from './track-message';

export interface TrackDeps {
  jobs: () => Promise<JobCollection>;
  runtimeId: string;
  extensionOrigin: string;
  now?: () => Date;
}

/**
 * Stores a job the user tracked by hand. Only the extension's own pages may
 * send this: a content script runs inside a web page, and a page must not be
 * able to file jobs as if the user had typed them. The job is upserted under
 * the same id a capture of that posting would get, marked `manual`.
 */
export async function handleTrack(message: unknown, sender: MessageSender, deps: TrackDeps): Promise<TrackReply> {
  if (!isExtensionPage(sender, deps.runtimeId, deps.extensionOrigin)) {
    return { ok: false, error: { message: 'Not allowed from here.' } };
  }
  if (!fits(message, MAX_CAPTURE_MESSAGE_BYTES)) return { ok: false, error: { message: 'This job is too large to save.' } };
  const parsed = trackMessageSchema.safeParse(message);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'job' ? issue.path[1] : undefined;
      if (typeof field === 'string') fields[field] ??= issue.message;
    }
    return { ok: false, error: { message: 'Some fields are not valid.', fields } };
  }

  const captured = parsed.data.job;
  const now = (deps.now ?? (() => new Date()))();
  const jobs = await deps.jobs();
  const id = jobIdFor(captured.platform, captured.siteJobId, captured.url);
  const { job, created } = await upsertJobWith(jobs, id, (existing) => jobFromCapture(captured, now, existing, 'manual'));
  const possibleDuplicateOf = created ? await flagPossibleDuplicate(jobs, job) : undefined;
  return { ok: true, jobId: job.id, created, ...(possibleDuplicateOf ? { possibleDuplicateOf } : {}) };
}
