import { pageMessageSchema, type PageMessage, type Reply } from './page-messages';
import type { MessageHandler, MessageRegistry } from './registry';
import { isExtensionPage } from './sender';

/** What tells this extension's own pages (popup, dashboard) from content scripts and other extensions. */
export interface ExtensionPages {
  runtimeId: string;
  /** `browser.runtime.getURL('/')`: only pages under it may manage the account. */
  extensionOrigin: string;
}

export type PageMessageOf<T extends PageMessage['type']> = Extract<PageMessage, { type: T }>;

export function notAllowed(): Reply {
  return { ok: false, error: { message: 'Not allowed from here.' } };
}

/**
 * Returns a function adding handlers for page messages (./page-messages.ts).
 * The schema comes first: a message that does not parse is left unanswered,
 * like any message not for the background; a well-formed one from anywhere
 * but the extension's own pages is refused before its handler runs.
 */
export function pageMessageAdder(registry: MessageRegistry, pages: ExtensionPages) {
  return <T extends PageMessage['type']>(type: T, handle: (request: PageMessageOf<T>) => Promise<unknown>): void => {
    registry.add(type, (message, sender) => {
      const parsed = pageMessageSchema.safeParse(message);
      if (!parsed.success) return undefined;
      if (!isExtensionPage(sender, pages.runtimeId, pages.extensionOrigin)) return Promise.resolve(notAllowed());
      // The registry passes only messages of this type, so the union parsed to this member.
      return handle(parsed.data as PageMessageOf<T>);
    });
  };
}

export function fits(message: unknown, maxBytes: number): boolean {
  try {
    return new TextEncoder().encode(JSON.stringify(message) ?? '').length <= maxBytes;
  } catch {
    // Not serialisable (cycles, BigInt): no script of ours sends that.
    return false;
  }
}

/** Answers `refusal` to a message over `maxBytes` before its handler sees it: content scripts' messages are shaped by the page. */
export function withinBytes(maxBytes: number, refusal: object, handler: MessageHandler): MessageHandler {
  return (message, sender) => (fits(message, maxBytes) ? handler(message, sender) : Promise.resolve(refusal));
}
