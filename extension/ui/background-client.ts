import { browser } from 'wxt/browser';
import type { AccountState } from '../background/account/account';
import type { PageMessage, Reply } from '../background/messages/page-messages';

/** Sends a request to the background; a dead or missing background becomes an error reply. */
export async function ask<T extends object = AccountState>(message: PageMessage): Promise<Reply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: { message: 'The extension did not answer. Try again.' } };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : 'The extension did not answer.' } };
  }
}
