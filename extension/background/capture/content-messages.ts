import { captureMessageSchema, jobIdFor, MAX_CAPTURE_MESSAGE_BYTES } from '../../../shared/jobs/capture';
import { findJob } from '../../db/jobs';
import { handleCapture, type CaptureDeps } from './capture';
import type { CaptureWithUndoReply } from './content-protocol';
import { handleRulesRequest, type ContentRulesDeps } from './content-rules';
import { handleLookup } from './job-status';
import type { MessageSender } from '../messages/sender';
import { handleUndo, type UndoStore } from './undo';

/** Undo and lookup messages are tiny; anything bigger is not from our content scripts. */
const MAX_SMALL_MESSAGE_BYTES = 1024;

export interface ContentMessageDeps extends CaptureDeps {
  undo: UndoStore;
  rules: ContentRulesDeps['rules'];
}

function typeOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
}

function fits(message: unknown, max: number): boolean {
  try {
    return new TextEncoder().encode(JSON.stringify(message) ?? '').length <= max;
  } catch {
    return false;
  }
}

/**
 * Messages from content scripts: a capture (stored, then kept undoable for a
 * minute), an undo, a lookup, the active detection rules. All untrusted: each handler checks the sender,
 * the size and the schema before touching the database.
 */
export function routeContentMessage(
  message: unknown,
  sender: MessageSender,
  deps: ContentMessageDeps,
): Promise<unknown> | undefined {
  switch (typeOf(message)) {
    case 'job:captured':
      return captureWithUndo(message, sender, deps);
    case 'job:undo':
      if (!fits(message, MAX_SMALL_MESSAGE_BYTES)) return Promise.resolve({ ok: false, error: 'invalid undo' });
      return handleUndo(message, sender, deps);
    case 'job:lookup':
      if (!fits(message, MAX_SMALL_MESSAGE_BYTES)) return Promise.resolve({ ok: false, error: 'invalid lookup' });
      return handleLookup(message, sender, deps);
    case 'rules:active':
      return handleRulesRequest(sender, deps);
    default:
      return undefined;
  }
}

/**
 * The capture handler does the checks and the write; around it, the record as
 * it was before and as the capture left it become one undo entry.
 */
async function captureWithUndo(message: unknown, sender: MessageSender, deps: ContentMessageDeps): Promise<CaptureWithUndoReply> {
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
