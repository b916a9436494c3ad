import { browser } from 'wxt/browser';
import type { ResolveDuplicateMessage, ResolveDuplicateReply } from '../background/capture/duplicates';

/** Asks the background to merge a flagged job into the one it duplicates, or to keep both. */
export async function resolveDuplicate(jobId: string, action: ResolveDuplicateMessage['action']): Promise<ResolveDuplicateReply> {
  const message: ResolveDuplicateMessage = { type: 'job:resolveDuplicate', jobId, action };
  try {
    const reply = (await browser.runtime.sendMessage(message)) as ResolveDuplicateReply | undefined;
    return reply ?? { ok: false, error: { message: 'The extension did not answer. Try again.' } };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : 'The extension did not answer.' } };
  }
}
