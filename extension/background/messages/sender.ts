/** The part of `runtime.MessageSender` the background decides on. */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * True for this extension's own pages (popup, dashboard). Content scripts share
 * the extension id but run inside web pages, so account and settings messages
 * must also come from an extension URL, never from a tab's content script.
 */
export function isExtensionPage(sender: MessageSender, runtimeId: string, extensionOrigin: string): boolean {
  return sender.id === runtimeId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
