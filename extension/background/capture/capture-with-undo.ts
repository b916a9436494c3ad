import { captureMessageSchema, jobIdFor, MAX_CAPTURE_MESSAGE_BYTES } from '../../../shared/jobs/capture';
import { findJob } from '../../db/jobs';
import { fits } from '../messages/checks';
import type { MessageSender } from '../messages/sender';
import { handleCapture, type CaptureDeps } from './capture';
import type { CaptureWithUndoReply } from './content-protocol';
import type { UndoStore } from './undo';

export interface CaptureWithUndoDeps extends CaptureDeps {
  undo: UndoStore;
}

/**
 * The capture handler does the checks and the write; around it, the record as
 * it was before and as the capture left it become one undo entry.
 */
export async function captureWithUndo(message: unknown, sender: MessageSender, deps: CaptureWithUndoDeps): Promise<CaptureWithUndoReply> {
  const trusted = sender.id === deps.runtimeId && fits(message, MAX_CAPTURE_MESSAGE_BYTES);
  const peek = trusted ? captureMessageSchema.safeParse(message) : undefined;
  const id = peek?.success ? jobIdFor(peek.data.job.platform, peek.data.job.siteJobId, peek.data.job.url) : undefined;
  const previous = id ? await findJob(await deps.jobs(), id) : undefined;

  const reply = await handleCapture(message, sender, deps);
  if (!reply.ok) return reply;
  const after = await findJob(await deps.jobs(), reply.jobId);
  if (!after) return reply;
  const undoToken = await deps.undo.put({
    jobId: reply.jobId,
    created: reply.created,
    ...(!reply.created && previous ? { previous } : {}),
    capturedUpdatedAt: after.updatedAt,
  });
  return { ...reply, undoToken };
}
