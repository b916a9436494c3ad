import { describe, expect, it, vi } from 'vitest';
import { runtimeMessageListener } from './listener';
import { MessageRegistry } from './registry';

const sender = { id: 'ext', url: 'chrome-extension://ext/popup.html' };

describe('MessageRegistry', () => {
  it('answers by type, and leaves other messages unanswered', async () => {
    const registry = new MessageRegistry().add('a:one', async (message) => ({ ok: true, echo: message }));
    expect(await registry.answer({ type: 'a:one', n: 1 }, sender)).toEqual({ ok: true, echo: { type: 'a:one', n: 1 } });
    for (const message of [{ type: 'a:two' }, { type: 'toString' }, { type: 1 }, 'a:one', null, undefined]) {
      expect(registry.answer(message, sender)).toBeUndefined();
    }
  });

  it('refuses a second handler for one type', () => {
    const registry = new MessageRegistry().add('a:one', async () => ({}));
    expect(() => registry.add('a:one', async () => ({}))).toThrow("'a:one'");
  });
});

describe('runtimeMessageListener', () => {
  it('keeps the channel open only for messages it answers, and answers a failed handler with a generic refusal', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const listener = runtimeMessageListener(
      new MessageRegistry().add('a:ok', async () => ({ ok: true })).add('a:fail', () => Promise.reject(new Error('boom'))),
    );
    const replies: unknown[] = [];
    const sendResponse = (reply: unknown) => replies.push(reply);
    expect(listener({ type: 'a:other' }, sender, sendResponse)).toBe(false);
    expect(listener({ type: 'a:ok' }, sender, sendResponse)).toBe(true);
    expect(listener({ type: 'a:fail' }, sender, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies).toEqual([{ ok: true }, { ok: false, error: { message: 'Something went wrong in the extension.' } }]);
  });
});
