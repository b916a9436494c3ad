import type { MessageSender } from './sender';

/**
 * Answers one message, or returns undefined to leave it unanswered, as a
 * message not meant for the background is (another listener may answer it).
 */
export type MessageHandler = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;

/**
 * Every runtime message the background answers, by `type`. Each part of the
 * background adds the handlers for its own messages, each handler making the
 * sender, size and schema checks its messages need before anything else.
 */
export class MessageRegistry {
  private readonly handlers = new Map<string, MessageHandler>();

  add(type: string, handler: MessageHandler): this {
    // Two parts claiming one type would leave the answer to the order of wiring.
    if (this.handlers.has(type)) throw new Error(`The message type '${type}' has a handler already.`);
    this.handlers.set(type, handler);
    return this;
  }

  answer(message: unknown, sender: MessageSender): Promise<unknown> | undefined {
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? this.handlers.get(type)?.(message, sender) : undefined;
  }
}
