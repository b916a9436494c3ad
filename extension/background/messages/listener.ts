import type { MessageRegistry } from './registry';
import type { MessageSender } from './sender';

const FAILED = { ok: false, error: { message: 'Something went wrong in the extension.' } };

/** The `runtime.onMessage` listener: the registry answers, and a handler that throws gets a generic refusal. */
export function runtimeMessageListener(registry: MessageRegistry) {
  return (message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void): boolean => {
    const reply = registry.answer(message, sender);
    if (!reply) return false;
    reply.then(sendResponse, (error: unknown) => {
      console.error('TrackRuit: message failed', error);
      sendResponse(FAILED);
    });
    // Keeps the channel open for the asynchronous sendResponse (Chrome ignores returned promises).
    return true;
  };
}
